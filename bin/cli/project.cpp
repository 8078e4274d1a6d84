#include "bin/cli/project.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "constructs/core/errors.hpp"
#include "process/process.hpp"

namespace formwork::cli {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// The source folder of the CMake build in `directory`, or empty when it is none.
fs::path cmake_home_of(const fs::path& directory) {
  std::ifstream cache(directory / "CMakeCache.txt");
  std::string line;
  const std::string key = "CMAKE_HOME_DIRECTORY:INTERNAL=";
  while (std::getline(cache, line))
    if (line.rfind(key, 0) == 0) return line.substr(key.size());
  return {};
}

bool same_folder(const fs::path& a, const fs::path& b) {
  std::error_code ignored;
  return !a.empty() && !b.empty() && fs::equivalent(a, b, ignored);
}

Project parse_project(const fs::path& root, const fs::path& tool) {
  const fs::path file = root / kProjectFile;
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(read_text(file));
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(file.string(), 0, 0, std::string("not valid JSON: ") + e.what());
  }
  const auto app = json.find("app");
  if (!json.is_object() || app == json.end() || !app->is_object() || !app->contains("target") ||
      !(*app)["target"].is_string() || (*app)["target"].get<std::string>().empty())
    throw InputError(file.string(), 0, 0,
                     R"(needs {"app": {"target": "<CMake target of the app>"}}, with optional "build_dir", )"
                     R"("program" and "configure" (a list of cmake arguments))");
  Project project;
  project.root = root;
  project.tool = tool;
  project.target = (*app)["target"].get<std::string>();
  const auto text = [&](const char* key, const std::string& fallback) {
    if (!app->contains(key)) return fallback;
    if (!(*app)[key].is_string()) throw InputError(file.string(), 0, 0, std::string("app.") + key + " must be a string");
    return (*app)[key].get<std::string>();
  };
  project.build_dir = root / text("build_dir", "build");
  if (app->contains("configure")) {
    const auto& configure = (*app)["configure"];
    if (!configure.is_array()) throw InputError(file.string(), 0, 0, "app.configure must be a list of strings");
    for (const auto& argument : configure) {
      if (!argument.is_string()) throw InputError(file.string(), 0, 0, "app.configure must be a list of strings");
      project.configure_args.push_back(argument.get<std::string>());
    }
  }
  const fs::path tool_dir = tool.parent_path();
  if (const char* override_dir = std::getenv("FORMWORK_BUILD_DIR"); override_dir != nullptr && *override_dir != 0)
    project.build_dir = fs::absolute(override_dir);
  else if (same_folder(cmake_home_of(tool_dir), root))
    project.build_dir = tool_dir;
  project.program = app->contains("program") ? fs::path(root / text("program", ""))
                                             : project.build_dir / project.target;
  return project;
}

void write_output(std::ostream& err, const process::RunResult& result) {
  err << result.out << result.err;
  if (!result.err.empty() && result.err.back() != '\n') err << "\n";
}

/// The CMake package of the formwork this tool belongs to: its build tree (which exports
/// formworkConfig.cmake next to the program) or its install prefix (<prefix>/bin/formwork).
std::optional<fs::path> package_dir_of(const fs::path& tool) {
  const fs::path bin = tool.parent_path();
  for (const fs::path& candidate : {bin, bin.parent_path() / "lib" / "cmake" / "formwork",
                                    bin.parent_path() / "lib" / "x86_64-linux-gnu" / "cmake" / "formwork",
                                    bin.parent_path() / "lib64" / "cmake" / "formwork"})
    if (fs::exists(candidate / "formworkConfig.cmake")) return candidate;
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& a : argv) text += (text.empty() ? "" : " ") + a;
  return text;
}

}  // namespace

std::optional<Project> find_project(const fs::path& start, const fs::path& tool) {
  std::error_code ignored;
  for (fs::path dir = fs::absolute(start); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / kProjectFile, ignored)) {
      std::error_code error;
      fs::path resolved_tool = fs::canonical(tool, error);
      return parse_project(dir, error ? tool : resolved_tool);
    }
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

bool build_app(const Project& project, std::ostream& err) {
  if (!fs::exists(project.build_dir / "CMakeCache.txt")) {
    std::vector<std::string> configure = {"cmake", "-S", project.root.string(), "-B", project.build_dir.string()};
    bool has_generator = false;
    for (const auto& a : project.configure_args) has_generator = has_generator || a.rfind("-G", 0) == 0;
    // Ninja checks an up-to-date build in milliseconds, make in a few hundred: the edit loop feels it.
    if (!has_generator && process::find_program("ninja")) configure.insert(configure.end(), {"-G", "Ninja"});
    // Against the formwork package this tool comes with, so the app and the tool always match.
    bool has_package = false;
    for (const auto& a : project.configure_args) has_package = has_package || a.rfind("-Dformwork_DIR", 0) == 0;
    if (auto package = package_dir_of(project.tool); package && !has_package)
      configure.push_back("-Dformwork_DIR=" + package->string());
    configure.insert(configure.end(), project.configure_args.begin(), project.configure_args.end());
    err << "formwork: configuring the app: " << joined(configure) << "\n";
    auto result = process::run(configure);
    if (result.exit_code != 0) {
      write_output(err, result);
      err << "error: " << (project.root / kProjectFile).string() << ": the app's build could not be configured ("
          << joined(configure) << " exited " << result.exit_code << ") (AppConfigureFailed)\n";
      return false;
    }
  }
  // A Ninja build is run by ninja itself: `cmake --build` would only start ninja, after a
  // CMake start-up of its own that the edit loop feels. Ninja re-runs CMake when a
  // CMakeLists.txt changed, as `cmake --build` does.
  const auto ninja = process::find_program("ninja");
  const std::vector<std::string> build =
      ninja && fs::exists(project.build_dir / "build.ninja")
          ? std::vector<std::string>{*ninja, "-C", project.build_dir.string(), "--quiet", project.target}
          : std::vector<std::string>{"cmake", "--build", project.build_dir.string(), "--target", project.target};
  auto result = process::run(build);
  if (result.exit_code != 0) {
    write_output(err, result);
    err << "error: the app did not build (" << joined(build) << " exited " << result.exit_code
        << "); the compiler's messages are above (AppBuildFailed)\n";
    return false;
  }
  return true;
}

int exec_app(const Project& project, const std::vector<std::string>& args, std::ostream& err) {
  std::vector<std::string> argv = {project.program.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (auto& a : argv) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  // The app runs where its formwork.json is, as `cdk synth` runs the app of cdk.json, so that
  // the relative paths it names (handler folders, templates/) mean the same from any folder.
  if (chdir(project.root.c_str()) != 0) {
    err << "error: cannot enter the project folder " << project.root.string() << ": " << std::strerror(errno)
        << " (ProjectNotReadable)\n";
    return 2;
  }
  err.flush();
  execv(pointers[0], pointers.data());
  err << "error: cannot run the app " << project.program.string() << ": " << std::strerror(errno)
      << " (check app.target and app.program in " << (project.root / kProjectFile).string() << ") (AppNotRunnable)\n";
  return 2;
}

}  // namespace formwork::cli
