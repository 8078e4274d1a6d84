#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace formwork::lint {

/// How bad a finding is; `--fail-on` compares against it.
enum class Severity { Info = 0, Warning = 1, Error = 2 };

[[nodiscard]] std::string_view to_string(Severity severity);
/// "error", "warning" or "info"; nullopt for anything else.
[[nodiscard]] std::optional<Severity> parse_severity(std::string_view text);

/// One problem found in a template, by formwork's own rules or by cfn-lint.
struct Finding {
  std::string rule_id;  ///< `FW1001`, or cfn-lint's `E3012`
  Severity severity = Severity::Error;
  std::string file;        ///< as shown to the user (`templates/Stack.yaml`)
  int line = 0;            ///< 1-based; 0 when unknown
  std::string logical_id;  ///< the resource (or output, parameter) it is about; may be empty
  std::string message;
  std::string hint;  ///< one-line fix; empty for cfn-lint's findings
  bool from_cfn_lint = false;
};

/// Orders by file, then line, then rule id and message, so output is deterministic.
void sort_findings(std::vector<Finding>& findings);

/// `file:line: severity FW1001 message — hint` for own findings,
/// `file:line: [E3012] message (cfn-lint)` for cfn-lint's.
[[nodiscard]] std::string format_finding(const Finding& finding);

/// `2 errors, 1 warning` (and `, 3 info` when there are any).
[[nodiscard]] std::string format_summary(const std::vector<Finding>& findings);

}  // namespace formwork::lint
