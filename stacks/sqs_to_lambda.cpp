#include "stacks/sqs_to_lambda.hpp"

#include <fstream>
#include <iterator>

#include "constructs/core/cfn_output.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events_targets/lambda_function.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/lambda_event_sources/sqs_event_source.hpp"
#include "constructs/sqs/queue.hpp"

namespace stacks {
using namespace formwork;

namespace {

constexpr const char* kHandlerFile = "examples/handlers/sqs_worker/index.py";
constexpr auto kWorkerTimeout = Duration::seconds(30);

// The handler is small, so it goes inline into the template (no asset bucket needed).
std::string read_handler() {
  std::ifstream in(kHandlerFile, std::ios::binary);
  if (!in) throw UsageError("HandlerNotFound", "SqsToLambda", std::string("cannot read ") + kHandlerFile +
                                                                  " (run formwork from the repository root)");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

SqsToLambda::SqsToLambda(Construct& scope, std::string_view id, const StackProps& props)
    : Stack(scope, id, props.description.empty()
                           ? StackProps{.description = "Jobs queue feeding the Worker function in batches of 10, "
                                                       "which a 5-minute schedule also invokes",
                                        .stack_name = props.stack_name}
                           : props) {
  auto& jobs_dlq = add<sqs::Queue>("JobsDlq", {.retention_period = Duration::days(14)});
  jobs_dlq.resource().set_comment("Keeps, for 14 days, the jobs Worker failed to process 3 times");
  // Six times the function timeout, as AWS advises, so a batch being retried is not
  // delivered to a second invocation meanwhile.
  auto& jobs = add<sqs::Queue>("Jobs", {
      .visibility_timeout = Duration::seconds(6 * kWorkerTimeout.to_seconds()),
      .dead_letter_queue = sqs::DeadLetterQueue{.queue = &jobs_dlq, .max_receive_count = 3},
  });
  jobs.resource().set_comment("Jobs for Worker; a message received 3 times without success moves to JobsDlq");

  auto& worker = add<lambda::Function>("Worker", {
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_inline(read_handler()),
      .timeout = kWorkerTimeout,
      .description = "Processes jobs from the Jobs queue; also runs every 5 minutes",
      // The schedule invokes asynchronously: keep the events of failed runs.
      .dead_letter_queue_enabled = true,
      .retry_attempts = 2,
  });
  worker.add_event_source(lambda_event_sources::SqsEventSource(jobs, {
      .batch_size = 10,
      .report_batch_item_failures = true,
  }));

  auto& schedule = add<events::Rule>("Schedule", {
      .schedule = events::Schedule::rate(Duration::minutes(5)),
      .description = "Runs Worker every 5 minutes",
  });
  schedule.add_target(events_targets::LambdaFunction(worker));

  add<CfnOutput>("QueueUrl", {.value = jobs.queue_url(), .description = "URL of the Jobs queue"});
  add<CfnOutput>("FunctionName", {.value = worker.function_name(), .description = "Name of the Worker function"});
}

}  // namespace stacks
