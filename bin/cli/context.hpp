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
    if (no_app_) throw UsageError("NoProject", "", *no_app_);
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

  /// For the formwork tool outside a project: a command that needs the app's stacks fails
  /// with `reason`; commands on template files work.
  void set_no_app(std::string reason) { no_app_ = std::move(reason); }
  [[nodiscard]] bool has_app() const { return !no_app_; }

  /// The exit code the command's callback sets.
  int exit_code = kSuccess;

 private:
  App& app_;
  std::ostream& out_;
  std::ostream& err_;
  std::optional<CloudAssembly> assembly_;
  std::optional<std::string> no_app_;
};

// Each command adds its subcommand to the program; its callback sets context.exit_code.
void add_synth_command(CLI::App& program, Context& context);
void add_ls_command(CLI::App& program, Context& context);
/// `formwork init [DIR]`: the formwork tool's own command (bin/cli/init_command.cpp).
void add_init_command(CLI::App& program, Context& context);
/// `formwork import TEMPLATE [-o DIR]`: the formwork tool's own (bin/cli/import_command.cpp);
/// only the tool registers it, so that an app does not link the import engine.
void add_import_command(CLI::App& program, Context& context);

/// run_cli's body. A non-empty `no_app_reason` makes it the formwork tool outside a project:
/// commands on template files work, those that need an app fail with that reason, and
/// `init` is there.
/// `tool_commands` adds the tool's own commands besides init (only with a no_app_reason).
int run_program(App& app, int argc, const char* const* argv, const std::string& no_app_reason,
                void (*tool_commands)(CLI::App&, Context&) = nullptr);
/// The formwork tool (bin/main.cpp): inside a project (formwork.json here or above) it
/// rebuilds the app and runs it with the same command line; elsewhere it works on files.
int run_tool(int argc, const char* const* argv);

}  // namespace formwork::cli
