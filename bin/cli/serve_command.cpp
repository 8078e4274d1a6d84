#include "bin/cli/serve_command.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "local/apigateway/cloud_gateway.hpp"
#include "local/cloud.hpp"
#include "local/http/server.hpp"
#include "local/sns/sns.hpp"
#include "local/sqs/sqs.hpp"

namespace formwork::cli {
namespace {

bool looks_like_path(const std::string& argument) {
  auto extension = std::filesystem::path(argument).extension().string();
  return argument.find('/') != std::string::npos || extension == ".yaml" || extension == ".yml" ||
         extension == ".json" || extension == ".template";
}

// A free port of 127.0.0.1, chosen before the model is loaded (queue URLs contain it).
int free_port(const std::string& host) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  inet_pton(AF_INET, host.c_str(), &address.sin_addr);
  address.sin_port = 0;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
  }
  close(fd);
  if (port == 0) throw UsageError("NoFreePort", "", "no free port on " + host);
  return port;
}

struct Options {
  std::vector<std::string> inputs;
  int port = 4566;
  double speed = 1.0;
  std::string format = "text";
  std::string clock = "real";
};

std::vector<local::TemplateSource> sources_of(const Options& options, Context& context) {
  std::vector<local::TemplateSource> sources;
  auto add_stack = [&](const SynthesizedStack& stack) {
    sources.push_back({.stack_name = stack.name, .file = stack.name + ".template", .document = stack.document});
  };
  if (options.inputs.empty()) {
    for (const auto* stack : context.select({})) add_stack(*stack);
    if (sources.empty()) throw UsageError("NothingToServe", "", "the app has no stacks and no template file was given");
  }
  for (const auto& input : options.inputs) {
    if (std::filesystem::is_regular_file(input))
      sources.push_back(local::template_source_from_file(input));
    else if (looks_like_path(input))
      throw UsageError("NoSuchFile", "", "no such template file: " + input);
    else
      add_stack(*context.select({input}).front());
  }
  return sources;
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

int serve(const Options& options, Context& context) {
  const std::string host = "127.0.0.1";
  const int port = options.port == 0 ? free_port(host) : options.port;
  const std::string endpoint_url = "http://" + host + ":" + std::to_string(port);
  auto model = local::load_model(sources_of(options, context), {.endpoint_url = endpoint_url});

  const char* no_color = std::getenv("NO_COLOR");
  const bool color = options.format == "text" && isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
  local::CloudOptions cloud_options{
      .clock_mode = options.clock == "manual" ? local::ClockMode::manual : local::ClockMode::real,
      .speed = options.speed,
      .out = &context.out(),
      .format = options.format == "json" ? local::TimelineFormat::json : local::TimelineFormat::text,
      .color = color};

  // SIGINT and SIGTERM are taken by a thread of ours (blocked everywhere else, so the server's
  // and the runtime's threads never see them); it stops the server, and serve returns.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);

  local::LocalCloud cloud(std::move(model), cloud_options);
  // The REST APIs; Lambda through the cloud (Event: the asynchronous path), Lambda's payload checks.
  auto gateway = local::apigateway::make_gateway(cloud);
  local::http::Server server({.cloud = cloud, .gateway = gateway.get(), .clock_control = options.clock == "manual"},
                             {.host = host, .port = port});
  server.bind();

  auto& timeline = cloud.timeline();
  const auto& m = cloud.model();
  const auto now = cloud.clock().now();
  auto say = [&](const std::string& text) { timeline.emit({.at = now, .kind = "SERVE", .text = text}); };
  std::string stacks;
  for (const auto& stack : m.stacks) stacks += (stacks.empty() ? "" : ", ") + stack.name;
  say("formwork serve: " + stacks + ": " + plural(m.functions.size(), "function") + ", " +
      plural(m.queues.size(), "queue") + ", " + plural(m.topics.size(), "topic") + ", " +
      plural(m.event_source_mappings.size(), "event source mapping") + ", " + plural(m.schedules.size(), "schedule"));
  for (const auto& line : gateway->describe(endpoint_url)) say(line);
  for (const auto& warning : m.warnings) timeline.emit({.at = now, .kind = "WARN", .text = warning});
  for (const auto& resource : m.unsupported)
    timeline.emit({.at = now, .kind = "WARN", .resource = resource.logical_id,
                   .text = resource.type + " is not emulated locally"});
  std::string clock_text = options.clock == "manual" ? "manual (POST /_formwork/clock/advance?seconds=N)"
                           : options.speed == 1.0   ? "real time"
                                                    : std::to_string(options.speed) + "x real time";
  say("clock: " + clock_text);
  cloud.start();
  say("ready: " + endpoint_url + " (aws --endpoint-url " + endpoint_url + " ...; Ctrl-C stops)");

  std::thread watcher([&signals, &server, &timeline, &cloud] {
    int received = 0;
    sigwait(&signals, &received);
    if (received == SIGINT || received == SIGTERM)
      timeline.emit({.at = cloud.clock().now(), .kind = "SERVE", .text = received == SIGINT ? "interrupted: stopping" : "terminated: stopping"});
    server.stop();
  });
  server.run();
  pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher if serve ended otherwise
  watcher.join();
  server.stop();
  cloud.stop();
  timeline.emit({.at = cloud.clock().now(), .kind = "SERVE", .text = "stopped; no handler process is left running"});
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return kSuccess;
}

}  // namespace

void add_serve_command(CLI::App& program, Context& context) {
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand(
      "serve", "Run the stacks locally: real handlers, Lambda's async semantics, SQS, SNS, schedules, an AWS endpoint");
  command->add_option("inputs", options->inputs, "Stacks of the app or template files (default: all stacks)")
      ->type_name("STACK|FILE");
  command->add_option("--port", options->port, "Port of 127.0.0.1 to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command->add_option("--speed", options->speed, "Run the clock N times faster than real time")
      ->check(CLI::Range(0.001, 1000000.0))
      ->capture_default_str();
  command->add_option("--format", options->format, "Timeline format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--clock", options->clock,
                      "real, or manual: the clock moves only by POST /_formwork/clock/advance?seconds=N (tests)")
      ->check(CLI::IsMember({"real", "manual"}))
      ->capture_default_str();
  command->callback([options, &context] { context.exit_code = serve(*options, context); });
}

}  // namespace formwork::cli
