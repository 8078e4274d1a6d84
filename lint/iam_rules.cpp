// FW4xxx: IAM statements that allow more than they name.
#include <algorithm>
#include <array>

#include "lint/rules.hpp"

namespace formwork::lint {
namespace {

/// An Allow statement of any policy document in a resource's properties.
struct Statement {
  std::string owner;
  std::string pointer;
  const Json& body;
};

std::vector<Statement> allow_statements(const TemplateModel& model) {
  std::vector<Statement> out;
  for (const auto& [id, definition] : model.section("Resources").items()) {
    // A key policy's "*" means "this key", and its default grants the account kms:*.
    if (model.type_of(id) == "AWS::KMS::Key") continue;
    walk(model.properties(id), TemplateModel::resource_pointer(id, "/Properties"),
         [&, &id = id](const std::string& at, const Json& v) {  // clang 14 cannot capture a binding
           if (!v.is_object() || !v.contains("Statement")) return;
           const Json& statements = v["Statement"];
           auto add = [&](const Json& s, const std::string& pointer) {
             if (s.is_object() && s.contains("Effect") && s["Effect"] == "Allow") out.push_back({id, pointer, s});
           };
           if (statements.is_array())
             for (std::size_t i = 0; i < statements.size(); ++i)
               add(statements[i], at + "/Statement/" + std::to_string(i));
           else
             add(statements, at + "/Statement");
         });
  }
  return out;
}

// Strings of a string-or-list field, with their pointers.
std::vector<std::pair<std::string, std::string>> strings_of(const Statement& s, const char* field) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!s.body.contains(field)) return out;
  const Json& value = s.body[field];
  std::string pointer = s.pointer + "/" + field;
  if (value.is_string()) out.emplace_back(value.get<std::string>(), pointer);
  if (value.is_array())
    for (std::size_t i = 0; i < value.size(); ++i)
      if (value[i].is_string()) out.emplace_back(value[i].get<std::string>(), pointer + "/" + std::to_string(i));
  return out;
}

// Actions that IAM only grants on "*" (no resource-level permissions), so "*" is the only choice.
bool only_on_any_resource(const std::string& action) {
  static const std::array<std::string_view, 9> actions = {
      "xray:PutTraceSegments",        "xray:PutTelemetryRecords",      "cloudwatch:PutMetricData",
      "ec2:CreateNetworkInterface",   "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses", "dynamodb:ListStreams"};
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

}  // namespace

void check_iam_wildcard_actions(const TemplateModel& model, const LintOptions&, Report& report) {
  for (const auto& s : allow_statements(model))
    for (const auto& [action, pointer] : strings_of(s, "Action")) {
      bool all = action == "*";
      bool service_wide = action.size() > 2 && action.compare(action.size() - 2, 2, ":*") == 0;
      if (!all && !service_wide) continue;
      report(pointer, s.owner,
             "IAM statement in " + s.owner + " allows " +
                 (all ? std::string("every action (*)") : "every action of a service (" + action + ")"),
             "list only the actions needed (for example sqs:SendMessage)");
    }
}

void check_iam_wildcard_resources(const TemplateModel& model, const LintOptions&, Report& report) {
  for (const auto& s : allow_statements(model)) {
    auto actions = strings_of(s, "Action");
    bool needs_star = !actions.empty() && std::all_of(actions.begin(), actions.end(),
                                                      [](const auto& a) { return only_on_any_resource(a.first); });
    if (needs_star) continue;
    for (const auto& [resource, pointer] : strings_of(s, "Resource"))
      if (resource == "*")
        report(pointer, s.owner, "IAM statement in " + s.owner + " applies to every resource (*)",
               "name the resources' ARNs (for example !GetAtt Queue.Arn)");
  }
}

}  // namespace formwork::lint
