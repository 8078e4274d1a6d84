// The formwork tool: a program of its own, installed on PATH, that works from any folder.
// Inside a project it rebuilds the app and hands it the command line (the app is a full CLI
// through run_cli); outside one it works on template files.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "bin/cli/context.hpp"
#include "bin/cli/project.hpp"

namespace formwork::cli {
namespace {

namespace fs = std::filesystem;

fs::path tool_path(const char* argv0) {
  std::error_code error;
  auto self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::absolute(argv0) : self;
}

}  // namespace

int run_tool(int argc, const char* const* argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  // Commands of the tool itself; every other command is the app's, inside a project.
  static const std::set<std::string> own = {"init", "import"};
  const bool app_command = !args.empty() && args[0].rfind('-', 0) != 0 && own.count(args[0]) == 0;

  std::error_code ignored;
  const fs::path here = fs::current_path(ignored);
  std::optional<Project> project;
  try {
    project = find_project(here, tool_path(argc > 0 ? argv[0] : "formwork"));
  } catch (const InputError& e) {
    if (app_command) {
      std::cerr << "error: " << e.what() << "\n";
      return kInvalid;
    }
  }
  if (app_command && project) {
    try {
      if (!build_app(*project, std::cerr)) return kInvalid;
      return exec_app(*project, args, std::cerr);
    } catch (const std::exception& e) {  // cmake missing, the app not startable: one line, exit 2
      std::cerr << "error: " << e.what() << "\n";
      return kInvalid;
    }
  }
  App no_app;
  return run_program(no_app, argc, argv,
                     "no formwork project here: no " + std::string(kProjectFile) + " in " + here.string() +
                         " or a folder above it, so there is no app to synthesize ('formwork init DIR' makes a "
                         "project; lint, diff, graph and deploy also take template files)",
                     add_import_command);
}

}  // namespace formwork::cli
