#include "stacks/lambda_async_dlq.hpp"

#include "constructs/core/cfn_output.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/sqs/queue.hpp"

namespace stacks {
using namespace formwork;

LambdaAsyncDlq::LambdaAsyncDlq(Construct& scope, std::string_view id, const StackProps& props)
    : Stack(scope, id, props.description.empty()
                           ? StackProps{.description = "SimpleFunc, invoked asynchronously: failed events are retried "
                                                       "twice, then kept in a dead-letter queue",
                                        .stack_name = props.stack_name}
                           : props) {
  auto& dead_letters = add<sqs::Queue>("DeadLetterQueue", {.retention_period = Duration::days(14)});
  dead_letters.resource().set_comment("Keeps, for 14 days, the events SimpleFunc failed to process after its retries");

  add<lambda::Function>("SimpleFunc", {
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_asset("examples/handlers/simple_func"),
      .timeout = Duration::seconds(10),
      .description = "Greets the event's name; fails when it is empty",
      .dead_letter_queue = &dead_letters,
      .retry_attempts = 2,
      .max_event_age = Duration::hours(1),
  });

  add<CfnOutput>("QueueUrl", {.value = dead_letters.queue_url(),
                              .description = "URL of the dead-letter queue that receives the failed events"});
}

}  // namespace stacks
