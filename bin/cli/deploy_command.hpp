#pragma once

#include <CLI/CLI.hpp>

#include "bin/cli/context.hpp"

namespace formwork::cli {

/// Adds `formwork deploy [STACK…]` and `formwork destroy STACK…` (docs/deploy.md).
void add_deploy_commands(CLI::App& program, Context& context);

}  // namespace formwork::cli
