#pragma once

#include <CLI/CLI.hpp>

namespace formwork::cli {

class Context;

/// `formwork diff [STACK…] [--against DIR | --git REV | --deployed] [--format text|markdown|json] [--fail]`
/// and `formwork diff OLD.yaml NEW.yaml`.
void add_diff_command(CLI::App& program, Context& context);

}  // namespace formwork::cli
