#pragma once

#include <CLI/CLI.hpp>

#include "bin/cli/context.hpp"

namespace formwork::cli {

/// `formwork graph [STACK|FILE…] [--format mermaid|dot] [-o FILE]`: a diagram of the
/// architecture of stacks of the app or of CloudFormation template files.
void add_graph_command(CLI::App& program, Context& context);

}  // namespace formwork::cli
