#pragma once

#include <CLI/CLI.hpp>

#include "bin/cli/context.hpp"

namespace formwork::cli {

/// `formwork invoke FUNCTION [--event FILE|-] [--invocation-type RequestResponse|Event|DryRun]
/// [--template FILE…]`: runs a function's real handler locally (local/runtime.hpp) and prints
/// what Lambda returns. Exit codes: 0 success, 1 the function failed (its Lambda-shaped error
/// is printed), 2 bad usage or input (unknown function, event not JSON, payload over the
/// limit, a runtime formwork cannot run).
void add_invoke_command(CLI::App& program, Context& context);

}  // namespace formwork::cli
