// CloudFormation's query protocol for the served stacks: DescribeStacks (outputs resolved to
// local names, ARNs and URLs), ListStackResources, DescribeStackResources.

#include "local/cloud.hpp"
#include "local/http/api.hpp"

namespace formwork::local::http {
namespace {

const std::string kXmlns = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
const std::string kCreated = "2026-01-01T00:00:00.000Z";

std::string element(const std::string& indent, const std::string& tag, const std::string& value) {
  return indent + "<" + tag + ">" + xml_escape(value) + "</" + tag + ">\n";
}

std::string stack_xml(const StackSpec& stack) {
  const std::string in = "        ";
  std::string xml = "      <member>\n";
  xml += element(in, "StackName", stack.name);
  xml += element(in, "StackId", stack.stack_id);
  if (!stack.description.empty()) xml += element(in, "Description", stack.description);
  xml += element(in, "CreationTime", kCreated);
  xml += element(in, "StackStatus", "CREATE_COMPLETE");
  xml += in + "<Outputs>\n";
  for (const auto& output : stack.outputs) {
    xml += in + "  <member>\n";
    xml += element(in + "    ", "OutputKey", output.key);
    xml += element(in + "    ", "OutputValue", output.value);
    if (!output.description.empty()) xml += element(in + "    ", "Description", output.description);
    if (!output.export_name.empty()) xml += element(in + "    ", "ExportName", output.export_name);
    xml += in + "  </member>\n";
  }
  xml += in + "</Outputs>\n" + in + "<Parameters>\n";
  for (const auto& [key, value] : stack.parameters)
    xml += in + "  <member>\n" + element(in + "    ", "ParameterKey", key) + element(in + "    ", "ParameterValue", value) +
           in + "  </member>\n";
  xml += in + "</Parameters>\n";
  return xml + "      </member>\n";
}

}  // namespace

bool is_cloudformation_action(const std::string& action) {
  return action == "DescribeStacks" || action == "ListStackResources" || action == "DescribeStackResources";
}

HttpResponse handle_cloudformation(LocalCloud& cloud, const std::map<std::string, std::string>& form) {
  const auto& model = cloud.model();
  const std::string action = form.at("Action");
  auto name = form.count("StackName") ? form.at("StackName") : std::string();
  const StackSpec* stack = nullptr;
  if (!name.empty()) {
    stack = model.find_stack(name);
    if (stack == nullptr)
      for (const auto& s : model.stacks)
        if (s.stack_id == name) stack = &s;
    if (stack == nullptr) return xml_error(kXmlns, 400, "ValidationError", "Stack with id " + name + " does not exist");
  } else if (action != "DescribeStacks") {
    return xml_error(kXmlns, 400, "ValidationError", "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null");
  }
  if (action == "DescribeStacks") {
    std::string xml = "    <Stacks>\n";
    for (const auto& s : model.stacks)
      if (stack == nullptr || &s == stack) xml += stack_xml(s);
    return xml_response(kXmlns, action, xml + "    </Stacks>\n");
  }
  const bool summaries = action == "ListStackResources";
  std::string xml = summaries ? "    <StackResourceSummaries>\n" : "    <StackResources>\n";
  for (const auto* resource : model.resources_of(stack->name)) {
    const std::string in = "        ";
    xml += "      <member>\n";
    if (!summaries) {
      xml += element(in, "StackName", stack->name);
      xml += element(in, "StackId", stack->stack_id);
      xml += element(in, "Timestamp", kCreated);
    }
    xml += element(in, "LogicalResourceId", resource->logical_id);
    xml += element(in, "PhysicalResourceId", resource->physical_id);
    xml += element(in, "ResourceType", resource->type);
    if (summaries) xml += element(in, "LastUpdatedTimestamp", kCreated);
    xml += element(in, "ResourceStatus", "CREATE_COMPLETE");
    xml += "      </member>\n";
  }
  xml += summaries ? "    </StackResourceSummaries>\n" : "    </StackResources>\n";
  return xml_response(kXmlns, action, xml);
}

}  // namespace formwork::local::http
