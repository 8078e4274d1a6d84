#include "lint/finding.hpp"

#include <algorithm>
#include <tuple>

namespace formwork::lint {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "info") return Severity::Info;
  if (text == "warning") return Severity::Warning;
  if (text == "error") return Severity::Error;
  return std::nullopt;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.file, a.line, a.rule_id, a.logical_id, a.message) <
           std::tie(b.file, b.line, b.rule_id, b.logical_id, b.message);
  });
}

std::string format_finding(const Finding& finding) {
  std::string out = finding.file + ":" + std::to_string(finding.line) + ": ";
  if (finding.from_cfn_lint) return out + "[" + finding.rule_id + "] " + finding.message + " (cfn-lint)";
  out += std::string(to_string(finding.severity)) + " " + finding.rule_id + " " + finding.message;
  if (!finding.hint.empty()) out += " \u2014 " + finding.hint;
  return out;
}

std::string format_summary(const std::vector<Finding>& findings) {
  int errors = 0, warnings = 0, infos = 0;
  for (const auto& f : findings) {
    if (f.severity == Severity::Error)
      ++errors;
    else if (f.severity == Severity::Warning)
      ++warnings;
    else
      ++infos;
  }
  auto count = [](int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
  std::string out = count(errors, "error") + ", " + count(warnings, "warning");
  if (infos > 0) out += ", " + std::to_string(infos) + " info";
  return out;
}

}  // namespace formwork::lint
