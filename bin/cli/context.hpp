#pragma once

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::cli {

/// Exit codes of every command.
enum ExitCode : int { kSuccess = 0, kFindings = 1, kInvalid = 2 };

/// What every command gets: the app, the output streams, and the synthesized assembly
/// (made once, on first use).
class Context {
 public:
  Context(App& app, std::ostream& out, std::ostream& err) : app_(app), out_(out), err_(err) {}

  [[nodiscard]] App& app() { return app_; }
  [[nodiscard]] std::ostream& out() { return out_; }
  [[nodiscard]] std::ostream& err() { return err_; }

  [[nodiscard]] const CloudAssembly& assembly() {
    if (!assembly_) assembly_ = synthesize(app_);
    return *assembly_;
  }

  /// The stacks named (all when `names` is empty), in dependency order. Throws UsageError
  /// naming an unknown stack and the known ones.
  [[nodiscard]] std::vector<const SynthesizedStack*> select(const std::vector<std::string>& names) {
    std::vector<const SynthesizedStack*> out;
    for (const auto& name : names) {
      if (assembly().find(name) == nullptr) {
        std::string known;
        for (const auto& s : assembly().stacks) known += (known.empty() ? "" : ", ") + s.name;
        throw UsageError("UnknownStack", "", "no stack named '" + name + "' (stacks: " + (known.empty() ? "none" : known) + ")");
      }
    }
    for (const auto& s : assembly().stacks)
      if (names.empty() || std::find(names.begin(), names.end(), s.name) != names.end()) out.push_back(&s);
    return out;
  }

  /// The exit code the command's callback sets.
  int exit_code = kSuccess;

 private:
  App& app_;
  std::ostream& out_;
  std::ostream& err_;
  std::optional<CloudAssembly> assembly_;
};

// Each command adds its subcommand to the program; its callback sets context.exit_code.
void add_synth_command(CLI::App& program, Context& context);
void add_ls_command(CLI::App& program, Context& context);

}  // namespace formwork::cli
