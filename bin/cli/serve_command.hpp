#pragma once

#include <CLI/CLI.hpp>

#include "bin/cli/context.hpp"

namespace formwork::cli {

/// Adds `formwork serve [STACK…|FILE…] [--port P] [--speed N] [--format text|json]
/// [--clock real|manual]` (docs/local.md): the local cloud in the foreground.
void add_serve_command(CLI::App& program, Context& context);

}  // namespace formwork::cli
