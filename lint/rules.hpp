#pragma once

// formwork's own lint rules: one small function per rule, listed with its id and severity in
// one table (lint.cpp). Groups: references FW1xxx, limits FW2xxx, architecture FW3xxx,
// IAM FW4xxx.

#include <string>
#include <string_view>
#include <vector>

#include "lint/finding.hpp"
#include "lint/lint.hpp"
#include "lint/template_model.hpp"

namespace formwork::lint {

/// How a rule reports a finding; the table supplies the rule id and severity.
class Report {
 public:
  Report(const TemplateModel& model, std::string rule_id, Severity severity, std::vector<Finding>& out)
      : model_(model), rule_id_(std::move(rule_id)), severity_(severity), out_(out) {}

  /// A finding at the line of `pointer` (a JSON pointer into the template).
  void operator()(const std::string& pointer, const std::string& logical_id, std::string message, std::string hint);
  /// A finding at a line computed by the rule (inside a multi-line value); `pointer`'s line when 0.
  void at_line(int line, const std::string& pointer, const std::string& logical_id, std::string message,
               std::string hint);

 private:
  const TemplateModel& model_;
  std::string rule_id_;
  Severity severity_;
  std::vector<Finding>& out_;
};

using RuleCheck = void (*)(const TemplateModel&, const LintOptions&, Report&);

struct Rule {
  std::string_view id;
  Severity severity;
  std::string_view summary;
  RuleCheck check;
  /// Skipped for templates with a `Transform` (SAM, macros), which add resources and
  /// rewrite references before CloudFormation checks them.
  bool needs_complete_template = false;
};

// References (reference_rules.cpp).
void check_ref_targets(const TemplateModel&, const LintOptions&, Report&);
void check_get_att_targets(const TemplateModel&, const LintOptions&, Report&);
void check_sub_variables(const TemplateModel&, const LintOptions&, Report&);
void check_depends_on(const TemplateModel&, const LintOptions&, Report&);
void check_condition_names(const TemplateModel&, const LintOptions&, Report&);
void check_mapping_names(const TemplateModel&, const LintOptions&, Report&);

// Limits (limit_rules.cpp).
void check_body_needs_s3(const TemplateModel&, const LintOptions&, Report&);
void check_body_too_large(const TemplateModel&, const LintOptions&, Report&);
void check_resource_count(const TemplateModel&, const LintOptions&, Report&);
void check_output_count(const TemplateModel&, const LintOptions&, Report&);
void check_parameter_count(const TemplateModel&, const LintOptions&, Report&);
void check_mapping_count(const TemplateModel&, const LintOptions&, Report&);
void check_logical_ids(const TemplateModel&, const LintOptions&, Report&);

// Architecture (architecture_rules.cpp, lambda_policy_rule.cpp).
void check_async_failure_handling(const TemplateModel&, const LintOptions&, Report&);
void check_sqs_visibility_timeout(const TemplateModel&, const LintOptions&, Report&);
void check_sqs_redrive(const TemplateModel&, const LintOptions&, Report&);
void check_lambda_policy_size(const TemplateModel&, const LintOptions&, Report&);
void check_stream_failure_destination(const TemplateModel&, const LintOptions&, Report&);  // stream_rules.cpp
void check_open_function_url(const TemplateModel&, const LintOptions&, Report&);  // function_url_rules.cpp
// API Gateway mapping templates (vtl_rules.cpp).
void check_mapping_templates(const TemplateModel&, const LintOptions&, Report&);

// IAM (iam_rules.cpp).
void check_iam_wildcard_actions(const TemplateModel&, const LintOptions&, Report&);
void check_iam_wildcard_resources(const TemplateModel&, const LintOptions&, Report&);

}  // namespace formwork::lint
