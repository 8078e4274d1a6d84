#include "local/runtime.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "local/ids.hpp"
#include "local/runtime_env.hpp"

namespace formwork::local {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxResponseBytes = 6291556;  // Lambda's synchronous response limit

std::string two_decimals(int seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%d.00", seconds);
  return text;
}

std::string text_field(const nlohmann::json& object, const char* key, std::string fallback) {
  if (!object.is_object()) return fallback;
  auto found = object.find(key);
  if (found == object.end()) return fallback;
  return found->is_string() ? found->get<std::string>() : found->dump();
}

std::string lambda_error(std::string_view type, const std::string& message) {
  nlohmann::ordered_json error = {{"errorType", type}, {"errorMessage", message}};
  return error.dump();
}

void write_file(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Lambda's log stream name: 2026/12/01/[$LATEST]<32 hex>.
std::string log_stream_name() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char date[16];
  std::strftime(date, sizeof date, "%Y/%m/%d", &tm);
  std::string id = make_uuid();
  std::string hex;
  for (char c : id)
    if (c != '-') hex += c;
  return std::string(date) + "/[$LATEST]" + hex;
}

struct Pool {
  std::mutex mutex;
  std::condition_variable released;
  std::vector<std::unique_ptr<detail::Environment>> idle;
  int started = 0;  // environments alive (idle or busy)
};

}  // namespace

Language language_of(std::string_view runtime) {
  if (runtime.rfind("python3", 0) == 0) return Language::Python;
  if (runtime.rfind("nodejs", 0) == 0) return Language::Node;
  return Language::Unsupported;
}

long InvokeOutcome::billed_duration_ms() const { return static_cast<long>(std::ceil(duration_ms)); }

std::string Runtime::why_not_runnable(const FunctionSpec& function) {
  if (language_of(function.runtime) == Language::Unsupported) {
    std::string runtime = function.runtime.empty() ? "a container image (no Runtime)" : "runtime " + function.runtime;
    return "function " + function.name + " uses " + runtime +
           ", which formwork cannot run locally (it runs python3.x and nodejs* handlers)";
  }
  if (function.code.kind == CodeLocation::Kind::Missing)
    return "function " + function.name + " has no code formwork can find: " + function.code.description;
  return "";
}

struct Runtime::Impl {
  RuntimeOptions options;
  fs::path work_dir;
  std::mutex mutex;  // guards pools and inline code folders
  std::map<std::string, std::unique_ptr<Pool>> pools;
  std::map<std::string, fs::path> inline_dirs;

  Pool& pool_for(const std::string& key) {
    std::lock_guard lock(mutex);
    auto& pool = pools[key];
    if (!pool) pool = std::make_unique<Pool>();
    return *pool;
  }

  // Inline ZipFile code is written once per distinct source as index.py / index.js.
  fs::path inline_dir(const FunctionSpec& function) {
    std::lock_guard lock(mutex);
    std::string key = function.runtime + "\n" + function.code.inline_source;
    auto found = inline_dirs.find(key);
    if (found != inline_dirs.end()) return found->second;
    fs::path dir = work_dir / ("code-" + std::to_string(inline_dirs.size()) + "-" + function.name);
    fs::create_directories(dir);
    bool python = language_of(function.runtime) == Language::Python;
    write_file(dir / (python ? "index.py" : "index.js"), function.code.inline_source);
    inline_dirs.emplace(key, dir);
    return dir;
  }

  std::map<std::string, std::string> environment_for(const FunctionSpec& function, const fs::path& task_root) {
    std::map<std::string, std::string> env;
    if (const char* path = std::getenv("PATH")) env["PATH"] = path;
    for (const auto& [key, value] : options.extra_environment) env[key] = value;
    for (const auto& [key, value] : function.environment) env[key] = value;
    // Lambda's reserved variables, which the template cannot override.
    env["AWS_LAMBDA_FUNCTION_NAME"] = function.name;
    env["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
    env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(function.memory_size_mb);
    env["AWS_LAMBDA_LOG_GROUP_NAME"] = function.log_group_name;
    env["AWS_LAMBDA_LOG_STREAM_NAME"] = log_stream_name();
    env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
    env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + function.runtime;
    env["_HANDLER"] = function.handler;
    env["AWS_REGION"] = std::string(kRegion);
    env["AWS_DEFAULT_REGION"] = std::string(kRegion);
    env["LAMBDA_TASK_ROOT"] = task_root.string();
    env["LAMBDA_RUNTIME_DIR"] = work_dir.string();
    env["TZ"] = ":UTC";
    env["LANG"] = "C.UTF-8";
    env["AWS_ACCESS_KEY_ID"] = "test";
    env["AWS_SECRET_ACCESS_KEY"] = "test";
    env["AWS_SESSION_TOKEN"] = "test";
    env["PYTHONUNBUFFERED"] = "1";
    env["PYTHONDONTWRITEBYTECODE"] = "1";
    return env;
  }

  std::unique_ptr<detail::Environment> start(const FunctionSpec& function) {
    fs::path task_root = function.code.kind == CodeLocation::Kind::Inline ? inline_dir(function) : function.code.directory;
    bool python = language_of(function.runtime) == Language::Python;
    std::vector<std::string> argv = python
        ? std::vector<std::string>{options.python, "-u", (work_dir / "bootstrap.py").string()}
        : std::vector<std::string>{options.node, (work_dir / "bootstrap.cjs").string()};
    return std::make_unique<detail::Environment>(argv, task_root.string(), environment_for(function, task_root));
  }
};

Runtime::Runtime(RuntimeOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  std::string pattern = (fs::temp_directory_path() / "formwork-local-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder in " + fs::temp_directory_path().string());
  impl_->work_dir = pattern;
  write_file(impl_->work_dir / "bootstrap.py", detail::bootstrap_source("bootstrap.py"));
  write_file(impl_->work_dir / "bootstrap.cjs", detail::bootstrap_source("bootstrap.cjs"));
}

Runtime::~Runtime() {
  stop_all();
  std::error_code ignored;
  fs::remove_all(impl_->work_dir, ignored);
}

void Runtime::stop(std::string_view function_name) {
  std::lock_guard lock(impl_->mutex);
  for (auto& [key, pool] : impl_->pools) {
    if (key.substr(0, key.find('\n')) != function_name) continue;
    std::lock_guard pool_lock(pool->mutex);
    pool->started -= static_cast<int>(pool->idle.size());
    pool->idle.clear();
  }
}

void Runtime::stop_all() {
  std::lock_guard lock(impl_->mutex);
  for (auto& [key, pool] : impl_->pools) {
    std::lock_guard pool_lock(pool->mutex);
    pool->started -= static_cast<int>(pool->idle.size());
    pool->idle.clear();
  }
}

int Runtime::process_count() const {
  std::lock_guard lock(impl_->mutex);
  int count = 0;
  for (auto& [key, pool] : impl_->pools) {
    std::lock_guard pool_lock(pool->mutex);
    count += pool->started;
  }
  return count;
}

InvokeOutcome Runtime::invoke(const FunctionSpec& function, const std::string& payload, const InvokeContext& context) {
  InvokeOutcome outcome;
  outcome.request_id = context.request_id.empty() ? make_uuid() : context.request_id;
  if (std::string why = why_not_runnable(function); !why.empty()) {
    outcome.status = InvokeOutcome::Status::NotRunnable;
    outcome.error_type = language_of(function.runtime) == Language::Unsupported ? "Runtime.Unsupported" : "Runtime.CodeNotFound";
    outcome.error_message = why;
    outcome.payload = lambda_error(outcome.error_type, why);
    return outcome;
  }
  std::string event = "{}";
  if (payload.find_first_not_of(" \t\r\n") != std::string::npos) {
    auto parsed = nlohmann::json::parse(payload, nullptr, false);
    if (parsed.is_discarded())
      throw std::invalid_argument("Could not parse request body into json: the payload is not valid JSON");
    event = parsed.dump();
  }

  const auto started = Clock::now();
  // As on Lambda, a cold start's init has its own limit (10 s, or the Timeout when longer)
  // and the invocation's Timeout counts from the end of init.
  const auto timeout = std::chrono::seconds(function.timeout_seconds);
  const auto init_deadline = context.deadline.value_or(started + std::max(timeout, std::chrono::seconds(10)));

  // Log lines: kept and reported up to max_log_bytes.
  std::size_t log_bytes = 0;
  std::size_t dropped_bytes = 0;
  auto sink = [&](const std::string& line) {
    if (log_bytes + line.size() > impl_->options.max_log_bytes) {
      dropped_bytes += line.size() + 1;
      return;
    }
    log_bytes += line.size() + 1;
    outcome.logs.push_back(line);
    if (impl_->options.on_log) impl_->options.on_log(LogLine{function.name, outcome.request_id, line});
  };

  // Take a warm environment, or start one (a cold start).
  std::string key = function.name + "\n" + function.runtime + "\n" + function.handler + "\n" +
                    function.code.directory.string() + "\n" + function.code.inline_source + "\n" +
                    std::to_string(function.memory_size_mb) + "\n" + nlohmann::json(function.environment).dump();
  Pool& pool = impl_->pool_for(key);
  std::unique_ptr<detail::Environment> env;
  {
    std::unique_lock lock(pool.mutex);
    pool.released.wait(lock, [&] {
      return !pool.idle.empty() || pool.started < impl_->options.max_environments_per_function;
    });
    while (!pool.idle.empty() && !env) {
      env = std::move(pool.idle.back());
      pool.idle.pop_back();
      if (!env->alive()) {
        env.reset();
        --pool.started;
      }
    }
    if (!env) ++pool.started;
  }
  auto give_back = [&](bool keep) {
    std::lock_guard lock(pool.mutex);
    if (keep && env && env->alive()) {
      pool.idle.push_back(std::move(env));
    } else {
      env.reset();
      --pool.started;
    }
    pool.released.notify_one();
  };

  auto fail = [&](std::string_view type, const std::string& message, std::string payload_text) {
    outcome.status = InvokeOutcome::Status::FunctionError;
    outcome.error_type = type;
    outcome.error_message = message;
    outcome.payload = payload_text.empty() ? lambda_error(type, message) : std::move(payload_text);
  };
  auto finish = [&] {
    if (dropped_bytes > 0) {
      std::string note = "[formwork] " + std::to_string(dropped_bytes) + " more bytes of output dropped";
      outcome.logs.push_back(note);
      if (impl_->options.on_log) impl_->options.on_log(LogLine{function.name, outcome.request_id, note});
    }
    return outcome;
  };
  auto timed_out = [&] {
    fail("Sandbox.Timedout", "RequestId: " + outcome.request_id + " Error: Task timed out after " +
                                 two_decimals(function.timeout_seconds) + " seconds", "");
  };
  auto exited = [&](const std::string& how) {
    fail("Runtime.ExitError", "RequestId: " + outcome.request_id + " Error: Runtime exited with error: " + how, "");
  };

  if (!env) {
    outcome.cold_start = true;
    try {
      env = impl_->start(function);
    } catch (...) {
      give_back(false);
      throw;
    }
    auto init = env->wait_phase(init_deadline, sink, 64U * 1024U);
    outcome.init_duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    if (init.end != detail::PhaseResult::End::Answered || init.type != "ready") {
      if (init.end == detail::PhaseResult::End::TimedOut) timed_out();
      else if (init.type == "init_error") {
        auto error = nlohmann::json::parse(init.payload, nullptr, false);
        fail(text_field(error, "errorType", "Runtime.Unknown"), text_field(error, "errorMessage", ""), init.payload);
      } else {
        exited(init.exit_description.empty() ? "exit status unknown" : init.exit_description);
      }
      outcome.pid = env->pid();
      outcome.duration_ms = outcome.init_duration_ms;
      env->kill();
      give_back(false);
      return finish();
    }
  }

  outcome.pid = env->pid();
  const auto invoke_started = Clock::now();
  const auto deadline = context.deadline.value_or(invoke_started + timeout);
  const auto deadline_epoch_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count() +
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - invoke_started).count();
  nlohmann::json request = {{"requestId", outcome.request_id},
                            {"deadlineMs", deadline_epoch_ms},
                            {"invokedFunctionArn", context.invoked_function_arn.empty() ? function.arn
                                                                                         : context.invoked_function_arn},
                            {"event", event}};
  if (!context.client_context.empty()) request["clientContext"] = context.client_context;
  detail::PhaseResult phase;
  if (env->send(request.dump())) {
    phase = env->wait_phase(deadline, sink, 2 * kMaxResponseBytes + 1024);
  } else {
    phase.end = detail::PhaseResult::End::Exited;
    env->kill();
    phase.exit_description = "exit status unknown";
  }
  outcome.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - invoke_started).count();
  outcome.max_memory_used_mb = env->peak_memory_mb();

  switch (phase.end) {
    case detail::PhaseResult::End::TimedOut:
      timed_out();
      break;
    case detail::PhaseResult::End::Exited:
      exited(phase.exit_description);
      break;
    case detail::PhaseResult::End::Answered:
      if (phase.payload_too_large || phase.payload.size() > kMaxResponseBytes) {
        fail("Function.ResponseSizeTooLarge",
             "Response payload size exceeded maximum allowed payload size (" + std::to_string(kMaxResponseBytes) +
                 " bytes).", "");
      } else if (phase.type == "result") {
        outcome.status = InvokeOutcome::Status::Success;
        outcome.payload = phase.payload;
      } else {
        auto error = nlohmann::json::parse(phase.payload, nullptr, false);
        fail(text_field(error, "errorType", "Runtime.Unknown"), text_field(error, "errorMessage", ""), phase.payload);
      }
      break;
  }
  give_back(phase.end == detail::PhaseResult::End::Answered);
  return finish();
}

}  // namespace formwork::local
