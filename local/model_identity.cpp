// The local identity of each resource type: its name, what Ref gives, and its attributes.
#include <algorithm>
#include <cctype>

#include "constructs/core/template_reader.hpp"
#include "local/model_resolver.hpp"

namespace formwork::local::detail {
namespace {

using json = nlohmann::ordered_json;

std::string account() { return std::string(kAccountId); }
std::string region() { return std::string(kRegion); }

bool ends_with(const std::string& text, std::string_view tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// Types the local cloud knows but does not run: Ref gives a readable local id.
bool known_passive_type(const std::string& type) {
  static const char* const kTypes[] = {
      "AWS::IAM::Policy",        "AWS::IAM::InstanceProfile", "AWS::Lambda::Permission",
      "AWS::Lambda::EventInvokeConfig", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy",
      "AWS::ApiGateway::Method", "AWS::ApiGateway::Account", "AWS::ApiGateway::Model",
      "AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::GatewayResponse", "AWS::CDK::Metadata",
      "AWS::SQS::QueueInlinePolicy", "AWS::SNS::TopicInlinePolicy"};
  return std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
}

}  // namespace

Identity Resolver::make_identity(std::size_t stack, const std::string& logical_id) {
  const auto& resource = stacks_[stack].source->document["Resources"][logical_id];
  const std::string type = resource.is_object() ? resource.value("Type", "") : "";
  const json properties = resource.is_object() && resource.contains("Properties") ? resource["Properties"] : json::object();
  const std::string pointer = "/Resources/" + json_pointer_escape(logical_id) + "/Properties";
  auto flag = [&](const char* property) {
    if (!properties.is_object() || !properties.contains(property)) return false;
    json v = resolve(stack, properties[property], pointer + "/" + property);
    return (v.is_boolean() && v.get<bool>()) || (v.is_string() && v.get<std::string>() == "true");
  };
  const std::string short_id = uuid_from(stacks_[stack].source->stack_name + "/" + logical_id).substr(0, 8) +
                               uuid_from(logical_id + "/" + stacks_[stack].source->stack_name).substr(0, 2);

  Identity id;
  id.name = logical_id;
  id.physical_id = logical_id;
  if (type == "AWS::Lambda::Function") {
    id.name = name_property(stack, logical_id, "FunctionName");
    id.physical_id = id.name;
    id.attributes["Arn"] = function_arn(id.name);
  } else if (type == "AWS::SQS::Queue") {
    id.name = name_property(stack, logical_id, "QueueName");
    if (flag("FifoQueue") && !ends_with(id.name, ".fifo")) id.name += ".fifo";
    id.physical_id = queue_url(endpoint_, id.name);
    id.attributes["Arn"] = queue_arn(id.name);
    id.attributes["QueueName"] = id.name;
    id.attributes["QueueUrl"] = id.physical_id;
  } else if (type == "AWS::SNS::Topic") {
    id.name = name_property(stack, logical_id, "TopicName");
    if (flag("FifoTopic") && !ends_with(id.name, ".fifo")) id.name += ".fifo";
    id.physical_id = topic_arn(id.name);
    id.attributes["TopicArn"] = id.physical_id;
    id.attributes["TopicName"] = id.name;
  } else if (type == "AWS::SNS::Subscription") {
    std::string topic = properties.contains("TopicArn") ? to_text(resolve(stack, properties["TopicArn"], pointer + "/TopicArn")) : "";
    id.physical_id = topic + ":" + uuid_from(stacks_[stack].source->stack_name + "/" + logical_id);
    id.attributes["Arn"] = id.physical_id;
  } else if (type == "AWS::Events::Rule") {
    id.name = name_property(stack, logical_id, "Name");
    id.physical_id = id.name;
    id.attributes["Arn"] = "arn:aws:events:" + region() + ":" + account() + ":rule/" + id.name;
  } else if (type == "AWS::IAM::Role") {
    id.name = name_property(stack, logical_id, "RoleName");
    id.physical_id = id.name;
    id.attributes["Arn"] = "arn:aws:iam::" + account() + ":role/" + id.name;
    std::string role_id = "AROA" + short_id + short_id.substr(0, 7);
    std::transform(role_id.begin(), role_id.end(), role_id.begin(), [](unsigned char c) { return std::toupper(c); });
    id.attributes["RoleId"] = role_id;
  } else if (type == "AWS::IAM::ManagedPolicy") {
    id.name = name_property(stack, logical_id, "ManagedPolicyName");
    id.physical_id = "arn:aws:iam::" + account() + ":policy/" + id.name;
    id.attributes["PolicyArn"] = id.physical_id;
  } else if (type == "AWS::Logs::LogGroup") {
    id.name = name_property(stack, logical_id, "LogGroupName");
    id.physical_id = id.name;
    id.attributes["Arn"] = "arn:aws:logs:" + region() + ":" + account() + ":log-group:" + id.name + ":*";
  } else if (type == "AWS::Lambda::EventSourceMapping") {
    id.physical_id = uuid_from(stacks_[stack].source->stack_name + "/" + logical_id);
    id.attributes["Id"] = id.physical_id;
    id.attributes["EventSourceMappingArn"] =
        "arn:aws:lambda:" + region() + ":" + account() + ":event-source-mapping:" + id.physical_id;
  } else if (type == "AWS::Lambda::Version") {
    std::string function = properties.contains("FunctionName")
                               ? to_text(resolve(stack, properties["FunctionName"], pointer + "/FunctionName")) : "";
    if (function.rfind("arn:", 0) != 0) function = function_arn(function);
    id.physical_id = function + ":1";
    id.attributes["Version"] = "1";
    id.attributes["FunctionArn"] = id.physical_id;
  } else if (type == "AWS::Lambda::Alias") {
    std::string function = properties.contains("FunctionName")
                               ? to_text(resolve(stack, properties["FunctionName"], pointer + "/FunctionName")) : "";
    if (function.rfind("arn:", 0) != 0) function = function_arn(function);
    id.name = name_property(stack, logical_id, "Name");
    id.physical_id = function + ":" + id.name;
    id.attributes["AliasArn"] = id.physical_id;
  } else if (type == "AWS::ApiGateway::RestApi") {
    std::string base;
    for (char c : logical_id) base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string api_id = base;
    for (int n = 2; api_ids_.count(api_id) > 0; ++n) api_id = base + std::to_string(n);
    api_ids_.insert(api_id);
    id.name = name_property(stack, logical_id, "Name");
    id.physical_id = api_id;
    id.attributes["RestApiId"] = api_id;
    id.attributes["RootResourceId"] = uuid_from(api_id + "/root").substr(0, 10);
  } else if (type == "AWS::ApiGateway::Resource" || type == "AWS::ApiGateway::Deployment") {
    id.physical_id = short_id;
    if (type == "AWS::ApiGateway::Resource") id.attributes["ResourceId"] = short_id;
    if (type == "AWS::ApiGateway::Deployment") id.attributes["DeploymentId"] = short_id;
  } else if (type == "AWS::ApiGateway::Stage") {
    id.name = name_property(stack, logical_id, "StageName");
    id.physical_id = id.name;
  } else if (type == "AWS::ApiGateway::ApiKey" || type == "AWS::ApiGateway::UsagePlan") {
    id.physical_id = short_id;
  } else if (!known_passive_type(type)) {
    id.known = false;
  }
  return id;
}

}  // namespace formwork::local::detail
