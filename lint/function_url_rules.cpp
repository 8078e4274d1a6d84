// FW3007: a function URL open to anyone (AuthType NONE), with no CORS, that nothing in the
// template refers to: an endpoint on the internet that no output announces and no browser
// app is set up to call, often one left over from trying something out.
#include "lint/rules.hpp"

namespace formwork::lint {

void check_open_function_url(const TemplateModel& model, const LintOptions&, Report& report) {
  for (const auto& id : model.resources_of_type("AWS::Lambda::Url")) {
    const Json& props = model.properties(id);
    const auto auth = props.find("AuthType");
    if (auth == props.end() || *auth != "NONE" || props.contains("Cors")) continue;
    bool referenced = false;
    for (const auto& used : model.referenced_resources(model.section("Outputs"))) referenced = referenced || used == id;
    for (const auto& [other, definition] : model.section("Resources").items()) {
      if (other == id || referenced) continue;
      for (const auto& used : model.referenced_resources(definition)) referenced = referenced || used == id;
    }
    if (referenced) continue;
    std::string target;
    for (const auto& fn : model.functions_in(props.contains("TargetFunctionArn") ? props["TargetFunctionArn"] : Json()))
      target = " of function " + fn;
    report(TemplateModel::resource_pointer(id, "/Properties/AuthType"), id,
           "function URL " + id + target +
               " lets anyone on the internet invoke it (AuthType NONE), has no CORS and nothing in the template "
               "refers to it: an open endpoint that no output announces",
           "use AuthType AWS_IAM, or output its FunctionUrl (and set Cors for a browser app) if it is meant to be "
           "public; Metadata formwork.lint.ignore: [FW3007] on " + id + " says so");
  }
}

}  // namespace formwork::lint
