#pragma once

// The Lambda runtime of the local cloud: Python and Node.js handlers run as real `python3` /
// `node` child processes (a small bootstrap of ours, local/bootstrap/*, embedded in the
// library), kept warm between invocations like Lambda execution environments.
//
// Protocol (internal): the bootstrap reads one JSON request a line from fd 3 (a socket) and
// writes one JSON response a line back on it; the handler's stdout and stderr (one pipe) are
// its log, reported line by line to RuntimeOptions::on_log. Standard input is /dev/null.
//
// Faithful to Lambda (LOCAL-RUNTIME.md §3.9):
// - handler lookup: Python `path/module.func` split on the LAST dot; Node `dir/file.a.b`
//   split on the FIRST dot after the folder, `.js` (CommonJS, or ESM with "type":"module"),
//   `.mjs`, `.cjs`; async, callback and sync Node handlers;
// - error payloads exactly as the AWS runtime clients write them: Python
//   {"errorMessage","errorType","requestId","stackTrace":[...]}, Node
//   {"errorType","errorMessage","trace":[...]}; init errors `Runtime.ImportModuleError`,
//   `Runtime.HandlerNotFound`, `Runtime.MalformedHandlerName`, `Runtime.UserCodeSyntaxError`;
//   a result that is not JSON `Runtime.MarshalError`;
// - Timeout: the process group is killed, the payload is
//   {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ID Error: Task timed out after 10.00 seconds"};
// - a process that exits or is killed: {"errorType":"Runtime.ExitError","errorMessage":
//   "RequestId: ID Error: Runtime exited with error: exit status 1"} (or "signal: killed");
//   the next invocation starts a fresh process (a cold start);
// - a response over 6 MB: {"errorType":"Function.ResponseSizeTooLarge", ...};
// - the environment: Lambda's reserved variables (AWS_LAMBDA_FUNCTION_NAME, _HANDLER,
//   AWS_REGION, LAMBDA_TASK_ROOT, TZ=:UTC, test credentials, AWS_ENDPOINT_URL = the local
//   endpoint ...) plus the template's variables as the model resolved them; nothing else of
//   the caller's environment except PATH.
// Not faithful: `callbackWaitsForEmptyEventLoop` (a Node callback handler answers when it
// calls back), the Python/Node version is the machine's python3/node whatever the Runtime
// says, memory is not limited (MemorySize is reported, not enforced).

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "local/model.hpp"

namespace formwork::local {

/// Which language a Lambda `Runtime` value means for us.
enum class Language { Python, Node, Unsupported };

/// "python3.x" -> Python, "nodejs*" -> Node, anything else (java21, provided.al2023, dotnet8,
/// ruby3.3, "" for container images) -> Unsupported.
[[nodiscard]] Language language_of(std::string_view runtime);

/// One line the handler (or its bootstrap) wrote to stdout/stderr during an invocation.
struct LogLine {
  std::string function_name;
  std::string request_id;
  std::string text;  ///< without the newline; a longer line is cut at 256 KiB and marked
};

struct RuntimeOptions {
  /// Receives each line the handler prints, as it arrives, from the invoking thread.
  /// Default: lines are only kept in InvokeOutcome::logs.
  std::function<void(const LogLine&)> on_log = {};
  /// Handler output kept (and reported) per invocation; past it one line
  /// "[formwork] N more bytes of output dropped" is reported at the end. Default: 1 MiB.
  std::size_t max_log_bytes = 1U << 20U;
  /// Execution environments (processes) a function may have at once; an invocation that
  /// finds them all busy waits. Default: 4.
  int max_environments_per_function = 4;
  /// Programs used. Default: python3 and node, looked up on PATH.
  std::string python = "python3";
  std::string node = "node";
  /// Variables every handler gets on top of Lambda's (for example AWS_ENDPOINT_URL).
  /// Default: AWS_ENDPOINT_URL = the model's endpoint URL (set by the caller), nothing else.
  std::map<std::string, std::string> extra_environment = {};
};

struct InvokeContext {
  /// The request id (`context.aws_request_id`). Default: a fresh make_uuid() (local/ids.hpp).
  std::string request_id = {};
  /// When the invocation is cut off. Default: the function's Timeout after the end of init (a
  /// cold start's init has its own limit of 10 s or the Timeout, whichever is longer, as on
  /// Lambda); real time: a handler runs in real time even when the local cloud's clock runs fast.
  std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt;
  /// The ARN the function was invoked with (`invoked_function_arn`). Default: its unqualified ARN.
  std::string invoked_function_arn = {};
  /// Client context JSON for `context.client_context` (mobile SDK). Default: none.
  std::string client_context = {};
};

struct InvokeOutcome {
  enum class Status {
    Success,        ///< payload is the handler's result (JSON text, "null" for None/undefined)
    FunctionError,  ///< payload is the Lambda-shaped error; X-Amz-Function-Error: Unhandled
    NotRunnable,    ///< the runtime is not one formwork runs, or the code is missing; payload
                    ///< is {"errorType":"Runtime.Unsupported"|"Runtime.CodeNotFound", ...}
  };
  Status status = Status::Success;
  std::string request_id;
  std::string payload;        ///< JSON text
  std::string error_type;     ///< FunctionError / NotRunnable: errorType ("ValueError", "Sandbox.Timedout", ...)
  std::string error_message;  ///< FunctionError / NotRunnable: errorMessage
  double duration_ms = 0;          ///< the invocation, without init
  double init_duration_ms = 0;     ///< > 0 on a cold start: starting the process and importing the handler
  bool cold_start = false;
  int max_memory_used_mb = 0;      ///< peak resident size of the process (VmHWM)
  int pid = 0;                     ///< the process that ran it (warm reuse keeps it)
  std::vector<std::string> logs;   ///< the lines also given to on_log (capped by max_log_bytes)

  [[nodiscard]] bool ok() const { return status == Status::Success; }
  /// "Unhandled" for FunctionError, "" otherwise (the X-Amz-Function-Error header).
  [[nodiscard]] std::string function_error() const { return status == Status::Success ? "" : "Unhandled"; }
  /// Lambda's billed duration: duration rounded up to the next millisecond.
  [[nodiscard]] long billed_duration_ms() const;
};

/// Runs handlers. Thread-safe: any thread may invoke any function at any time; invocations
/// of one function run in up to `max_environments_per_function` warm processes.
/// The destructor kills every process it started and removes its temporary folder.
class Runtime {
 public:
  explicit Runtime(RuntimeOptions options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  /// Invokes `function` with `payload` (JSON text; the caller checks size limits) and waits
  /// for the outcome. Never throws for anything the handler does; throws std::invalid_argument
  /// when `payload` is not JSON (an empty payload is `{}`), and std::runtime_error when
  /// python3/node cannot be started at all.
  [[nodiscard]] InvokeOutcome invoke(const FunctionSpec& function, const std::string& payload,
                                     const InvokeContext& context = {});

  /// "" when the function can run here, else one line saying why, e.g.
  /// "function Legacy uses runtime java21, which formwork cannot run locally (it runs python3.x and nodejs*)".
  [[nodiscard]] static std::string why_not_runnable(const FunctionSpec& function);

  /// Stops the warm processes of one function (next invocation is a cold start), or of all.
  void stop(std::string_view function_name);
  void stop_all();

  /// Processes alive now (for tests and `serve`'s status).
  [[nodiscard]] int process_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace formwork::local
