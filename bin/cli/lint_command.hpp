#pragma once

#include <CLI/CLI.hpp>

#include "bin/cli/context.hpp"

namespace formwork::cli {

/// `formwork lint [STACK… | FILE…] [--fail-on error|warning|info] [--require-cfn-lint] [--no-cfn-lint]`:
/// formwork's own checks, then cfn-lint when it is installed.
void add_lint_command(CLI::App& program, Context& context);

}  // namespace formwork::cli
