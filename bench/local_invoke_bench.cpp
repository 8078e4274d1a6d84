// Invocations per second of warm Python and Node.js handlers through the local runtime
// (local/runtime.hpp), one caller and four callers at once, and the cold start.
//
//   local_invoke_bench [SECONDS_PER_CASE]   (default 3)
//
// Each case runs an inline echo handler (`return event`) with a small event; figures go to
// docs/local.md.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "local/runtime.hpp"

using namespace formwork::local;
using Clock = std::chrono::steady_clock;

namespace {

FunctionSpec echo(const std::string& name, const std::string& runtime, const std::string& source) {
  FunctionSpec f;
  f.stack = "Bench";
  f.logical_id = name;
  f.name = name;
  f.arn = function_arn(name);
  f.runtime = runtime;
  f.handler = "index.handler";
  f.code = {.kind = CodeLocation::Kind::Inline, .inline_source = source};
  f.timeout_seconds = 30;
  return f;
}

void run_case(Runtime& runtime, const FunctionSpec& function, int callers, double seconds) {
  const std::string payload = R"({"id": 42, "name": "benchmark", "items": [1, 2, 3]})";
  // Warm up: start every environment the callers will use.
  std::vector<std::thread> warmers;
  for (int i = 0; i < callers; ++i) warmers.emplace_back([&] { (void)runtime.invoke(function, payload); });
  for (auto& t : warmers) t.join();

  std::atomic<long> done{0};
  std::atomic<long> failed{0};
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < callers; ++i) {
    threads.emplace_back([&] {
      while (Clock::now() < until) {
        auto outcome = runtime.invoke(function, payload);
        (outcome.ok() ? done : failed)++;
      }
    });
  }
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("%-8s %d caller%s  %8.0f invocations/s  (%ld in %.1f s, %ld failed, mean %.3f ms)\n",
              function.runtime.c_str(), callers, callers == 1 ? " " : "s", static_cast<double>(done) / elapsed, done.load(),
              elapsed, failed.load(), done > 0 ? elapsed * 1000.0 * callers / static_cast<double>(done) : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  Runtime runtime({.max_environments_per_function = 4});
  auto python = echo("EchoPy", "python3.12", "def handler(event, context):\n    return event\n");
  auto node = echo("EchoNode", "nodejs22.x", "exports.handler = async (event) => event;\n");

  for (const auto* f : {&python, &node}) {
    auto cold = runtime.invoke(*f, "{}");
    std::printf("%-8s cold start: init %.1f ms, first invocation %.2f ms\n", f->runtime.c_str(), cold.init_duration_ms,
                cold.duration_ms);
  }
  for (int callers : {1, 4}) {
    run_case(runtime, python, callers, seconds);
    run_case(runtime, node, callers, seconds);
  }
  return 0;
}
