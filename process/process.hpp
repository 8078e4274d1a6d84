#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace formwork::process {

/// How to run a program.
struct RunOptions {
  /// Variables added to (or replacing in) the inherited environment.
  /// Default: the environment is inherited unchanged.
  std::map<std::string, std::string> environment = {};
  /// Text written to the program's standard input, which is then closed.
  /// Default: standard input is empty.
  std::string input = {};
  /// Called with each complete line of standard output as it arrives.
  /// Default: output is only collected.
  std::function<void(const std::string&)> on_stdout_line = {};
  /// Called about every `poll_interval_ms` while the program runs (for progress displays).
  /// Default: not called.
  std::function<void()> on_tick = {};
  /// Default: 1000 ms.
  int poll_interval_ms = 1000;
  /// Working directory. Default: the current one.
  std::string working_directory = {};
};

struct RunResult {
  int exit_code = -1;  ///< the program's exit status, or 128 + signal number
  std::string out;     ///< everything written to standard output
  std::string err;     ///< everything written to standard error
};

/// Runs `argv[0]` (looked up on PATH) with the arguments exactly as given: no shell is
/// involved, so spaces, quotes, `;` or `$(…)` in an argument arrive unchanged.
/// Throws std::runtime_error when the program cannot be started.
[[nodiscard]] RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

/// The full path of `program` on PATH, or nullopt when it is not installed.
[[nodiscard]] std::optional<std::string> find_program(const std::string& program);

}  // namespace formwork::process
