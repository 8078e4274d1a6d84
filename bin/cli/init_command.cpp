// `formwork init [DIR]`: a new project that builds and synthesizes at once.
#include <filesystem>

#include "bin/cli/context.hpp"
#include "bin/cli/init_files.hpp"
#include "bin/cli/project.hpp"

namespace formwork::cli {
namespace {

namespace fs = std::filesystem;

}  // namespace

void add_init_command(CLI::App& program, Context& context) {
  auto directory = std::make_shared<std::string>(".");
  auto* command = program.add_subcommand("init", "Create a new formwork project (an app with one stack) in DIR");
  command->add_option("dir", *directory, "Folder to create, new or empty")->capture_default_str();
  command->callback([directory, &context] {
    const fs::path dir = fs::absolute(*directory).lexically_normal();
    std::error_code error;
    if (fs::exists(dir, error) && (!fs::is_directory(dir, error) || !fs::is_empty(dir, error)))
      throw UsageError("FolderNotEmpty", "",
                       dir.string() + " already exists and is not an empty folder; init writes only into a new or "
                                      "empty folder");
    const std::string folder = (dir.has_filename() ? dir : dir.parent_path()).filename().string();
    const std::string name = project_name(folder);
    const std::string stack = stack_id(folder);
    for (const auto& [relative, text] : init_files()) {
      const fs::path path = dir / relative;
      fs::create_directories(path.parent_path(), error);
      if (error) throw UsageError("CannotCreate", "", "cannot create " + path.parent_path().string() + ": " + error.message());
      write_file_atomically(path, substituted(text, name, stack));
    }
    context.out() << "created " << dir.string() << ": app " << name << " with stack " << stack
                  << " (app_stack.cpp, handler/index.py, test/)\n"
                  << "next: cd " << *directory << " && formwork synth\n";
  });
}

}  // namespace formwork::cli
