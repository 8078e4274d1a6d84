#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lint/finding.hpp"

namespace formwork::lint {

/// A template to hand to cfn-lint: the file it reads, and the name findings show.
struct CfnLintInput {
  std::string path;
  std::string display_name;
};

/// Runs `cfn-lint --format json` once over all the files (no shell) and returns its
/// findings, with `display_name`s for files. Returns nullopt when cfn-lint is not installed.
/// cfn-lint's exit code is a bit mask of what it found (2 error, 4 warning, 8 info), so only
/// output that is not its JSON report counts as a failure: throws std::runtime_error then.
[[nodiscard]] std::optional<std::vector<Finding>> run_cfn_lint(const std::vector<CfnLintInput>& inputs);

/// Parses cfn-lint's JSON report; `inputs` map file names back to display names.
[[nodiscard]] std::vector<Finding> parse_cfn_lint_report(const std::string& json,
                                                         const std::vector<CfnLintInput>& inputs);

}  // namespace formwork::lint
