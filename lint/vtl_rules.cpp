// FW3005: API Gateway mapping templates (request and response templates of non-proxy
// integrations) parsed with formwork's VTL engine, so a syntax error or a directive outside
// the subset is found before a request reaches it.

#include <string>

#include "lint/rules.hpp"
#include "vtl/vtl.hpp"

namespace formwork::lint {
namespace {

// The file line of a line inside a template string: a YAML block scalar (`|`) starts on the
// line after its key; a one-line string (JSON, quoted YAML) is on its key's line.
int file_line(const TemplateModel& model, const std::string& pointer, const std::string& text, int vtl_line) {
  int base = model.file().line_of(pointer);
  if (base == 0) return 0;
  bool json = model.file().path.size() >= 5 && model.file().path.ends_with(".json");
  if (json || text.find('\n') == std::string::npos) return base;
  return base + vtl_line;
}

void check_templates(const TemplateModel& model, Report& report, const std::string& method, const Json& templates,
                     const std::string& pointer, const std::string& what) {
  if (!templates.is_object()) return;
  for (const auto& [content_type, value] : templates.items()) {
    if (!value.is_string()) continue;  // an intrinsic function: known at deploy time only
    const std::string text = value.get<std::string>();
    const std::string at = pointer + "/" + json_pointer_escape(content_type);
    try {
      vtl::check(text, method + " " + what + " " + content_type);
    } catch (const vtl::Error& e) {
      std::string message = what + " " + content_type + " of " + method + " is not valid VTL: line " +
                            std::to_string(e.line()) + ", column " + std::to_string(e.column()) + " of the template: " +
                            e.message();
      report.at_line(file_line(model, at, text, e.line()), at, method, std::move(message),
                     "fix the template; docs/vtl.md lists the VTL that API Gateway and formwork serve run");
    }
  }
}

}  // namespace

void check_mapping_templates(const TemplateModel& model, const LintOptions&, Report& report) {
  for (const auto& method : model.resources_of_type("AWS::ApiGateway::Method")) {
    const Json& props = model.properties(method);
    if (!props.contains("Integration") || !props["Integration"].is_object()) continue;
    const Json& integration = props["Integration"];
    std::string base = TemplateModel::resource_pointer(method, "/Properties/Integration");
    if (integration.contains("RequestTemplates"))
      check_templates(model, report, method, integration["RequestTemplates"], base + "/RequestTemplates", "request template");
    if (!integration.contains("IntegrationResponses") || !integration["IntegrationResponses"].is_array()) continue;
    const Json& responses = integration["IntegrationResponses"];
    for (std::size_t k = 0; k < responses.size(); ++k) {
      if (!responses[k].is_object() || !responses[k].contains("ResponseTemplates")) continue;
      std::string status = responses[k].value("StatusCode", Json("?")).is_string()
                               ? responses[k].value("StatusCode", std::string("?"))
                               : responses[k]["StatusCode"].dump();
      check_templates(model, report, method, responses[k]["ResponseTemplates"],
                      base + "/IntegrationResponses/" + std::to_string(k) + "/ResponseTemplates",
                      "response template (" + status + ")");
    }
  }
}

}  // namespace formwork::lint
