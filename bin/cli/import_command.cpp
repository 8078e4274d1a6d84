// `formwork import TEMPLATE [-o DIR]`: a template as a formwork project (the layout of
// `formwork init`, with the stack the import engine writes).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bin/cli/context.hpp"
#include "bin/cli/init_files.hpp"
#include "import/import.hpp"

namespace formwork::cli {
namespace {

namespace fs = std::filesystem;

// Appended to init's CMakeLists.txt: the programs that load the stacks also link the typed L1
// constructs; from that archive the linker takes only the services the stack uses.
constexpr const char* kCfnLink = R"(
# The typed L1 constructs of the imported stack (formwork::cfn): the programs take from the
# archive only the services app_stack.cpp uses.
foreach(program @NAME@ @NAME@_test)
  target_link_libraries(${program} PRIVATE formwork::cfn)
endforeach()
)";

struct Options {
  std::string file;
  std::string dir;
  std::string stack;
  bool no_comments = false;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_all(const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [relative, text] : files) {
    const fs::path path = dir / relative;
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) throw UsageError("CannotCreate", "", "cannot create " + path.parent_path().string() + ": " + error.message());
    write_file_atomically(path, text);
  }
}

}  // namespace

void add_import_command(CLI::App& program, Context& context) {
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand(
      "import", "Turn a CloudFormation template (YAML or JSON) into a formwork C++ project that synthesizes it");
  command->add_option("template", options->file, "The template file")->required();
  command->add_option("-o,--out", options->dir, "Folder to create, new or empty (default: the template's name)");
  command->add_option("--stack", options->stack, "The stack's id (default: from the template's file name)");
  command->add_flag("--no-comments", options->no_comments, "Leave the template's YAML comments out of the C++");
  command->callback([options, &context] {
    // Everything is made in memory first: a template that cannot be imported writes nothing.
    const TemplateFile file = read_template(options->file);
    const std::string stem = fs::path(options->file).stem().string();
    const fs::path dir = fs::absolute(options->dir.empty() ? stem : options->dir).lexically_normal();
    std::error_code error;
    const bool existed = fs::exists(dir, error);
    if (existed && (!fs::is_directory(dir, error) || !fs::is_empty(dir, error)))
      throw UsageError("FolderNotEmpty", "",
                       dir.string() + " already exists and is not an empty folder; import writes only into a new or "
                                      "empty folder");
    const std::string folder = (dir.has_filename() ? dir : dir.parent_path()).filename().string();
    const std::string name = project_name(folder);
    const std::string stack = options->stack.empty() ? stack_id(stem) : options->stack;
    const auto project = importer::import_template(file, read_text(options->file),
                                                   {.stack_id = stack, .comments = !options->no_comments});
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& [relative, text] : init_files()) {
      if (relative == "formwork.json" || relative == ".gitignore") files.emplace_back(relative, substituted(text, name, stack));
      if (relative == "CMakeLists.txt") files.emplace_back(relative, substituted(text + kCfnLink, name, stack));
    }
    files.insert(files.end(), project.files.begin(), project.files.end());

    // A new folder is written under a temporary name and renamed when complete.
    const fs::path target = existed ? dir : dir.parent_path() / ("." + folder + ".formwork-import");
    if (!existed) fs::remove_all(target, error);
    try {
      write_all(target, files);
      if (!existed) {
        fs::rename(target, dir, error);
        if (error) throw UsageError("CannotCreate", "", "cannot create " + dir.string() + ": " + error.message());
      }
    } catch (...) {
      if (!existed) fs::remove_all(target, error);
      throw;
    }
    for (const auto& warning : project.warnings) context.err() << "warning: " << warning << "\n";
    context.out() << "imported " << options->file << " into " << dir.string() << ": app " << name << " with stack "
                  << stack << " (" << project.typed << " typed L1 resources, " << project.generic
                  << " CfnResource; " << project.warnings.size() << " warnings)\n"
                  << "next: cd " << (options->dir.empty() ? stem : options->dir) << " && formwork synth\n";
  });
}

}  // namespace formwork::cli
