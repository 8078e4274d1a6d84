// Synthesis benchmark: apps of growing size built only from generic resources, in stacks of
// at most 500, with references inside each stack and one export between neighbouring stacks.
// Each size runs in a fresh child process (fork), so its peak RSS is its own. Times cover
// building the tree, synthesize() and rendering every template to YAML in memory (no files
// are written). Usage: synth_bench [SIZE…]  (default 10 100 1000 10000 100000)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kStackSize = 500;

struct Result {
  long resources = 0;
  long stacks = 0;
  double build_ms = 0;
  double synth_ms = 0;
  double render_ms = 0;
  double yaml_mb = 0;
  double peak_rss_mb = 0;
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A queue and a topic alternate; each topic reads the queue before it, each stack's first
// resource reads the last one of the stack before (an Export and an !ImportValue).
void build(formwork::App& app, long resources) {
  using formwork::CfnResource;
  using formwork::Value;
  const CfnResource* previous = nullptr;
  formwork::Stack* stack = nullptr;
  for (long i = 0; i < resources; ++i) {
    if (i % kStackSize == 0)
      stack = &app.add<formwork::Stack>("Stack" + std::to_string(i / kStackSize),
                                        {.description = "synth_bench stack " + std::to_string(i / kStackSize)});
    std::string id = "Item" + std::to_string(i);
    if (i % 2 == 0) {
      Value::Map properties = {{"VisibilityTimeout", 30 + i % 100},
                               {"MessageRetentionPeriod", 345600},
                               {"Tags", Value::list({Value::map({{"Key", "index"}, {"Value", std::to_string(i)}})})}};
      if (previous) properties.emplace_back("QueueName", Value::sub("q-${Name}", {{"Name", previous->get_att("TopicName")}}));
      previous = &stack->add<CfnResource>(id, {.type = "AWS::SQS::Queue", .properties = std::move(properties)});
    } else {
      previous = &stack->add<CfnResource>(id, {.type = "AWS::SNS::Topic", .properties = {
          {"DisplayName", previous->get_att("QueueName")},
          {"Subscription", Value::list({Value::map({{"Endpoint", previous->get_att("Arn")}, {"Protocol", "sqs"}})})},
      }});
    }
  }
  if (stack && previous) stack->add<formwork::CfnOutput>("Last", {.value = previous->ref()});
}

Result measure(long resources) {
  Result r;
  r.resources = resources;
  auto start = Clock::now();
  formwork::App app;
  build(app, resources);
  r.build_ms = ms_since(start);

  start = Clock::now();
  auto assembly = formwork::synthesize(app);
  r.synth_ms = ms_since(start);

  start = Clock::now();
  std::size_t bytes = 0;
  for (const auto& stack : assembly.stacks) bytes += formwork::render(stack).size();
  r.render_ms = ms_since(start);
  r.stacks = static_cast<long>(assembly.stacks.size());
  r.yaml_mb = static_cast<double>(bytes) / (1024.0 * 1024.0);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  r.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
  return r;
}

// Runs one size in a child process and reads its Result back through a pipe.
bool run_in_child(long resources, Result& out) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    close(fds[0]);
    Result r = measure(resources);
    ssize_t written = write(fds[1], &r, sizeof r);
    _exit(written == static_cast<ssize_t>(sizeof r) ? 0 : 1);
  }
  close(fds[1]);
  ssize_t got = read(fds[0], &out, sizeof out);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return got == static_cast<ssize_t>(sizeof out) && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<long> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::strtol(argv[i], nullptr, 10));
  if (sizes.empty()) sizes = {10, 100, 1000, 10000, 100000};

  std::printf("| resources | stacks | build ms | synthesize ms | render YAML ms | total ms | YAML MB | peak RSS MB |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (long size : sizes) {
    Result r;
    if (size <= 0 || !run_in_child(size, r)) {
      std::fprintf(stderr, "error: size %ld failed\n", size);
      return 2;
    }
    std::printf("| %ld | %ld | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |\n", r.resources, r.stacks, r.build_ms,
                r.synth_ms, r.render_ms, r.build_ms + r.synth_ms + r.render_ms, r.yaml_mb, r.peak_rss_mb);
    std::fflush(stdout);
  }
  return 0;
}
