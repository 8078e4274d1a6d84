#include "bin/cli/invoke_command.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "local/cloud.hpp"
#include "local/ids.hpp"
#include "local/local.hpp"

namespace formwork::cli {
namespace {

constexpr std::size_t kSyncPayloadLimit = 6291456;   // 6 MB, Lambda's synchronous request limit
constexpr std::size_t kAsyncPayloadLimit = 1048576;  // 1 MB, Lambda's asynchronous request limit

struct Options {
  std::string function;
  std::string event;
  std::string invocation_type = "RequestResponse";
  std::vector<std::string> templates;
};

std::string read_event(const std::string& event) {
  if (event.empty()) return "{}";
  std::string text;
  if (event == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(event, std::ios::binary);
    if (!in) throw InputError(event, 0, 0, "cannot read the event file");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  try {
    auto parsed = nlohmann::json::parse(text);
    (void)parsed;
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    auto at = what.find("] ");
    throw InputError(event == "-" ? "standard input" : event, 0, 0,
                     "the event is not JSON: " + (at == std::string::npos ? what : what.substr(at + 2)));
  }
  return text;
}

local::CloudModel load(const Options& options, Context& context) {
  std::vector<local::TemplateSource> sources;
  if (!options.templates.empty()) {
    for (const auto& file : options.templates) {
      if (!std::filesystem::is_regular_file(file)) throw UsageError("NoSuchFile", "", "no such template file: " + file);
      sources.push_back(local::template_source_from_file(file));
    }
  } else {
    for (const auto* stack : context.select({})) sources.push_back(local::template_source_from_synthesized(*stack));
  }
  return local::load_model(sources);
}

std::string two_decimals(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

// CloudWatch's lines around an invocation, as Lambda writes them.
void report(std::ostream& err, const local::FunctionSpec& function, const local::InvokeOutcome& outcome) {
  err << "END RequestId: " << outcome.request_id << "\n";
  err << "REPORT RequestId: " << outcome.request_id << "\tDuration: " << two_decimals(outcome.duration_ms)
      << " ms\tBilled Duration: " << outcome.billed_duration_ms() << " ms\tMemory Size: " << function.memory_size_mb
      << " MB\tMax Memory Used: " << outcome.max_memory_used_mb << " MB";
  if (outcome.cold_start) err << "\tInit Duration: " << two_decimals(outcome.init_duration_ms) << " ms";
  if (outcome.error_type == "Sandbox.Timedout") err << "\tStatus: timeout";
  err << "\n";
}

int invoke_sync(const local::FunctionSpec& function, const std::string& payload, Context& context) {
  std::ostream& err = context.err();
  std::string request_id = local::make_uuid();
  local::Runtime runtime({.on_log = [&err](const local::LogLine& line) { err << line.text << "\n" << std::flush; }});
  err << "START RequestId: " << request_id << " Version: $LATEST\n" << std::flush;
  auto outcome = runtime.invoke(function, payload, {.request_id = request_id});
  report(err, function, outcome);
  context.out() << outcome.payload << "\n";
  return outcome.ok() ? kSuccess : kFindings;
}

// An Event invocation in a local cloud whose clock jumps from one timed action to the next, so
// the whole story (attempts, retries 60 s and 120 s later, dead-letter queue, destinations)
// prints at once with the times it would have happened at.
int invoke_async(local::CloudModel model, const std::string& function_name, const std::string& payload,
                 Context& context) {
  const bool color = ::isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr && &context.out() == &std::cout;
  local::LocalCloud cloud(std::move(model), {.clock_mode = local::ClockMode::manual, .out = &context.out(), .color = color});
  const auto* function = cloud.find_function(function_name);
  const std::string request_id = cloud.invoke_async(*function, payload);
  context.err() << "202 Accepted: RequestId " << request_id << " (the event is queued; its story follows)\n";
  // Longest story: 6 hours of event age; step a minute at a time until nothing is pending.
  const local::Millis minute = 60 * 1000;
  for (local::Millis waited = 0; waited <= 6 * 60 * minute + minute; waited += minute) {
    cloud.clock().run_due();
    if (cloud.clock().pending() == 0) break;
    cloud.clock().advance(minute);
  }
  bool succeeded = false;
  for (const auto& event : cloud.timeline().events_of("REPORT"))
    if (event.request_id == request_id) succeeded = event.fields.value("ok", false);
  cloud.stop();
  return succeeded ? kSuccess : kFindings;
}

}  // namespace

void add_invoke_command(CLI::App& program, Context& context) {
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand("invoke", "Run a function's handler locally, as Lambda would");
  command->add_option("function", options->function,
                      "The function: its name, logical ID, construct path or STACK/LogicalId")
      ->required()
      ->type_name("FUNCTION");
  command->add_option("--event", options->event, "JSON event file, or - for standard input (default: {})")
      ->type_name("FILE|-");
  command->add_option("--invocation-type", options->invocation_type, "How to invoke, as Lambda's Invoke API")
      ->check(CLI::IsMember({"RequestResponse", "Event", "DryRun"}))
      ->capture_default_str();
  command->add_option("--template", options->templates, "Template files to read instead of the app's stacks")
      ->type_name("FILE");
  command->callback([options, &context] {
    auto model = load(*options, context);
    // AssetsBucket is formwork deploy's: locally the code comes from the asset folders.
    for (const auto& warning : model.warnings)
      if (warning.find("parameter AssetsBucket ") == std::string::npos) context.err() << "note: " << warning << "\n";
    const auto& function = model.find_function_or_throw(options->function);
    const std::string payload = read_event(options->event);
    const bool async = options->invocation_type == "Event";
    const std::size_t limit = async ? kAsyncPayloadLimit : kSyncPayloadLimit;
    if (payload.size() > limit)
      throw UsageError("RequestTooLarge", "",
                       "the event is " + std::to_string(payload.size()) + " bytes; an " + options->invocation_type +
                           " invocation takes at most " + std::to_string(limit) + " bytes (RequestEntityTooLargeException)");
    if (auto why = local::Runtime::why_not_runnable(function); !why.empty()) throw UsageError("NotRunnable", "", why);
    if (options->invocation_type == "DryRun") {
      context.out() << "DryRun: " << function.name << " (" << function.runtime << ", " << function.handler
                    << ") would run; the event is " << payload.size() << " bytes (Lambda answers 204)\n";
      return;
    }
    const std::string name = function.name;  // `function` lives in `model`, which moves below
    context.exit_code = async ? invoke_async(std::move(model), name, payload, context)
                              : invoke_sync(function, payload, context);
  });
}

}  // namespace formwork::cli
