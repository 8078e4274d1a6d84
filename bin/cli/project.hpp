#pragma once

// A formwork project: a folder with a `formwork.json` that names how to build and run its
// app. Inside one, the formwork tool rebuilds the app (only what changed) and runs it with
// the command line it was given, so a command always works on the code as it is now.
//
//   {"app": {"target": "hello", "build_dir": "build", "configure": ["-DCMAKE_BUILD_TYPE=Debug"]}}

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace formwork::cli {

inline constexpr const char* kProjectFile = "formwork.json";

struct Project {
  std::filesystem::path root;       ///< the folder of formwork.json
  std::filesystem::path build_dir;  ///< where CMake builds the app
  std::string target;               ///< the app's CMake target
  std::filesystem::path program;    ///< the app's executable
  std::vector<std::string> configure_args;  ///< extra `cmake -S -B` arguments for a first configure
  std::filesystem::path tool;  ///< the formwork program that found the project
};

/// The project whose formwork.json is in `start` or the nearest folder above it, or nullopt.
/// The build folder is, in this order: $FORMWORK_BUILD_DIR; the folder of `tool` when that
/// is a CMake build of this very project (a formwork built from the repository builds the
/// reference app in its own build tree); formwork.json's `build_dir` (default `build`).
/// Throws InputError when formwork.json is malformed.
[[nodiscard]] std::optional<Project> find_project(const std::filesystem::path& start, const std::filesystem::path& tool);

/// Configures the build folder when it has never been configured, then builds the app's
/// target. On failure writes the build's output and one `error:` line to `err` and returns
/// false.
[[nodiscard]] bool build_app(const Project& project, std::ostream& err);

/// Replaces this process with the app, run in the project's root with `args` (the command
/// line after the program name). Returns only when the app cannot be started (exit code 2,
/// after one line on `err`).
int exec_app(const Project& project, const std::vector<std::string>& args, std::ostream& err);

}  // namespace formwork::cli
