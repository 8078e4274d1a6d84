#include "bin/cli/cli.hpp"

#include "bin/cli/context.hpp"
#include "bin/cli/context_option.hpp"
#include "bin/cli/version.hpp"
#include "bin/cli/diff_command.hpp"
#include "bin/cli/lint_command.hpp"
#include "bin/cli/graph_command.hpp"
#include "bin/cli/deploy_command.hpp"
#include "bin/cli/serve_command.hpp"
#include "bin/cli/invoke_command.hpp"

namespace formwork {

int cli::run_program(App& app, int argc, const char* const* argv, const std::string& no_app_reason,
                      void (*tool_commands)(CLI::App&, Context&)) {
  // `--context KEY=VALUE` may come anywhere; the app must have been built with it.
  cli::ContextOptions context_options;
  try {
    context_options = cli::take_context_options(argc, argv);
    if (no_app_reason.empty()) cli::ensure_context(app, context_options, argv);
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return cli::kInvalid;
  }
  cli::Context context(app, std::cout, std::cerr);
  if (!no_app_reason.empty()) context.set_no_app(no_app_reason);
  CLI::App program("formwork: infrastructure as C++ code for AWS CloudFormation", "formwork");
  program.set_version_flag("--version", std::string("formwork ") + kVersion);
  program.require_subcommand(1);
  std::vector<std::string> context_help;  // taken out before parsing; here for --help
  program.add_option("--context,-c", context_help,
                     "KEY=VALUE read by the app with App::of(scope).context(KEY), over formwork.json's "
                     "\"context\"; may be repeated, anywhere on the line");
  cli::add_synth_command(program, context);
  cli::add_ls_command(program, context);
  cli::add_diff_command(program, context);
  cli::add_lint_command(program, context);
  cli::add_graph_command(program, context);
  cli::add_deploy_commands(program, context);
  cli::add_serve_command(program, context);
  cli::add_invoke_command(program, context);
  if (!no_app_reason.empty()) cli::add_init_command(program, context);  // the formwork tool's own
  if (!no_app_reason.empty() && tool_commands != nullptr) tool_commands(program, context);

  try {
    program.parse(static_cast<int>(context_options.rest.size()), context_options.rest.data());
  } catch (const CLI::ParseError& e) {
    int code = program.exit(e, context.out(), context.err());
    return code == 0 ? cli::kSuccess : cli::kInvalid;
  } catch (const InputError& e) {
    context.err() << "error: " << e.what() << "\n";
    return cli::kInvalid;
  } catch (const Error& e) {
    std::string text = e.what();
    std::size_t start = 0;
    while (start <= text.size()) {
      auto end = text.find('\n', start);
      context.err() << "error: " << text.substr(start, end - start) << "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return cli::kInvalid;
  } catch (const std::exception& e) {
    context.err() << "error: " << e.what() << "\n";
    return cli::kInvalid;
  }
  return context.exit_code;
}

int run_cli(App& app, int argc, const char* const* argv) { return cli::run_program(app, argc, argv, ""); }

}  // namespace formwork
