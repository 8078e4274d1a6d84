#include "lint/lint.hpp"

#include <algorithm>
#include <array>

#include "lint/rules.hpp"

namespace formwork::lint {
namespace {

constexpr auto E = Severity::Error;
constexpr auto W = Severity::Warning;
constexpr auto I = Severity::Info;

// Every own rule: id, severity, what it finds, the check. Ids are stable; never reuse one.
constexpr auto kRules = std::to_array<Rule>({
    {"FW1001", E, "!Ref names no resource, parameter or pseudo parameter", check_ref_targets, true},
    {"FW1002", E, "!GetAtt names no resource", check_get_att_targets, true},
    {"FW1003", E, "!Sub variable names nothing it could be", check_sub_variables, true},
    {"FW1004", E, "DependsOn names no resource", check_depends_on, true},
    {"FW1005", E, "Condition or !If names no condition", check_condition_names, true},
    {"FW1006", E, "!FindInMap names no mapping", check_mapping_names, true},
    {"FW2001", I, "template over 51,200 bytes: deploy through S3", check_body_needs_s3},
    {"FW2002", E, "template over 1,000,000 bytes", check_body_too_large},
    {"FW2003", E, "over 500 resources", check_resource_count},
    {"FW2004", E, "over 200 outputs", check_output_count},
    {"FW2005", E, "over 200 parameters", check_parameter_count},
    {"FW2006", E, "over 200 mappings", check_mapping_count},
    {"FW2007", E, "name not alphanumeric or over 255 characters", check_logical_ids},
    {"FW3001", W, "function invoked asynchronously without a dead-letter queue or on-failure destination",
     check_async_failure_handling},
    {"FW3002", W, "SQS queue visibility timeout under six times the function timeout", check_sqs_visibility_timeout},
    {"FW3003", W, "SQS queue feeding a function without a redrive policy", check_sqs_redrive},
    {"FW3004", W, "Lambda resource policy over 20,480 bytes", check_lambda_policy_size},
    {"FW3005", E, "API Gateway mapping template is not valid VTL", check_mapping_templates},
    {"FW3006", W, "DynamoDB or Kinesis stream source without an on-failure destination", check_stream_failure_destination},
    {"FW3007", W, "function URL open to anyone, without CORS, that nothing refers to", check_open_function_url, true},
    {"FW4001", W, "IAM statement allows * or service:* actions", check_iam_wildcard_actions},
    {"FW4002", W, "IAM statement applies to resource *", check_iam_wildcard_resources},
});

// Rule ids listed in the resource's `Metadata: {formwork: {lint: {ignore: [...]}}}`.
bool silenced(const TemplateModel& model, const Finding& finding) {
  const Json* resource = finding.logical_id.empty() ? nullptr : model.resource(finding.logical_id);
  if (resource == nullptr) return false;
  const Json* node = resource;
  for (const char* key : {"Metadata", "formwork", "lint", "ignore"}) {
    if (!node->is_object() || !node->contains(key)) return false;
    node = &(*node)[key];
  }
  if (node->is_string()) return *node == finding.rule_id;
  return node->is_array() && std::find(node->begin(), node->end(), Json(finding.rule_id)) != node->end();
}

}  // namespace

void Report::operator()(const std::string& pointer, const std::string& logical_id, std::string message,
                        std::string hint) {
  out_.push_back(Finding{
      .rule_id = rule_id_,
      .severity = severity_,
      .file = model_.file().path,
      .line = model_.file().line_of(pointer),
      .logical_id = logical_id,
      .message = std::move(message),
      .hint = std::move(hint),
  });
}

void Report::at_line(int line, const std::string& pointer, const std::string& logical_id, std::string message,
                     std::string hint) {
  (*this)(pointer, logical_id, std::move(message), std::move(hint));
  if (line > 0) out_.back().line = line;
}

std::vector<Finding> lint_template(const TemplateFile& file, const LintOptions& options) {
  TemplateModel model(file);
  bool transformed = file.document.contains("Transform");
  std::vector<Finding> found;
  for (const auto& rule : kRules) {
    if (rule.needs_complete_template && transformed) continue;
    Report report(model, std::string(rule.id), rule.severity, found);
    rule.check(model, options, report);
  }
  std::vector<Finding> kept;
  for (auto& f : found)
    if (!silenced(model, f)) kept.push_back(std::move(f));
  sort_findings(kept);
  return kept;
}

std::vector<RuleInfo> rule_catalog() {
  std::vector<RuleInfo> out;
  for (const auto& rule : kRules) out.push_back({std::string(rule.id), rule.severity, std::string(rule.summary)});
  return out;
}

}  // namespace formwork::lint
