#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "constructs/core/template_reader.hpp"

namespace formwork::lint {

struct LintOptions {
  /// Size of the template body in bytes, for the 51,200 and 1,000,000-byte limits.
  /// Default: the size limits are not checked.
  std::optional<std::size_t> body_bytes = std::nullopt;
};

/// Runs formwork's own rules on a template (made by formwork or not). Findings come back
/// sorted by line; those silenced by their resource's `Metadata.formwork.lint.ignore`
/// are left out.
[[nodiscard]] std::vector<Finding> lint_template(const TemplateFile& file, const LintOptions& options = {});

/// One of formwork's own rules, as listed in docs/lint.md.
struct RuleInfo {
  std::string id;
  Severity severity;
  std::string summary;
};

/// Every own rule, by id.
[[nodiscard]] std::vector<RuleInfo> rule_catalog();

}  // namespace formwork::lint
