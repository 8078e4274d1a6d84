#pragma once

// Internal to the runtime (local/runtime.cpp): one execution environment, a python3/node
// child process speaking the bootstrap protocol. Not thread-safe: one invocation at a time.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace formwork::local::detail {

/// The embedded bootstrap sources ("bootstrap.py", "bootstrap.cjs"); generated at build time.
std::string_view bootstrap_source(std::string_view name);

/// What one phase (init or invocation) of an environment produced.
struct PhaseResult {
  enum class End { Answered, TimedOut, Exited };
  End end = End::Answered;
  std::string type;       ///< the answer's "type": ready, init_error, result, error
  std::string payload;    ///< the answer's "payload" (JSON text)
  bool payload_too_large = false;  ///< the answer line was over the limit and was dropped
  std::string exit_description;    ///< Exited: "exit status 1", "signal: killed"
};

/// Receives each complete log line of a phase.
using LineSink = std::function<void(const std::string&)>;

class Environment {
 public:
  /// Starts `argv` in `directory` with exactly `environment`, in its own process group, with
  /// fd 3 a socket to us, stdout+stderr a pipe to us and stdin /dev/null.
  /// Throws std::runtime_error when the program cannot be started.
  Environment(const std::vector<std::string>& argv, const std::string& directory,
              const std::map<std::string, std::string>& environment);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  /// Sends one line (a newline is added). Returns false when the process is gone.
  bool send(const std::string& line);
  /// Reads until an answer line and the end-of-phase marker arrived, the process exited, or
  /// `deadline` passed (then the process group is killed). Log lines go to `sink`;
  /// `max_answer_bytes` bounds the answer line kept.
  PhaseResult wait_phase(std::chrono::steady_clock::time_point deadline, const LineSink& sink,
                         std::size_t max_answer_bytes);

  /// Kills the process group (SIGKILL) and reaps the process. Idempotent.
  void kill();
  /// Whether the process is still running (reaps it if not).
  [[nodiscard]] bool alive();
  [[nodiscard]] int pid() const { return pid_; }
  /// Peak resident memory in MB (VmHWM), 0 when unknown.
  [[nodiscard]] int peak_memory_mb() const;

 private:
  void reap(bool block);
  void drain_log(const LineSink& sink, int timeout_ms);
  bool take_log_lines(const LineSink& sink, bool& saw_end);

  int pid_ = -1;
  int channel_ = -1;  // our end of the socket
  int log_ = -1;      // read end of the stdout/stderr pipe
  bool reaped_ = false;
  int status_ = 0;
  std::string channel_buffer_;
  std::string log_buffer_;
  bool dropping_answer_ = false;
};

}  // namespace formwork::local::detail
