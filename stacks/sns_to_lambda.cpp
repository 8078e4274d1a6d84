#include "stacks/sns_to_lambda.hpp"

#include <fstream>
#include <iterator>

#include "constructs/apigateway/lambda_rest_api.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sns_subscriptions/lambda_subscription.hpp"
#include "constructs/sqs/queue.hpp"

namespace stacks {
using namespace formwork;

namespace {

constexpr const char* kStage = "prod";

// The handlers are small, so they go inline into the template (`index.js`, no asset bucket
// needed, and the template deploys with plain `aws cloudformation deploy`).
std::string read_handler(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError("HandlerNotFound", "SnsToLambda", "cannot read " + file + " (run formwork from the repository root)");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

SnsToLambda::SnsToLambda(Construct& scope, std::string_view id, const StackProps& props)
    : Stack(scope, id, props.description.empty()
                           ? StackProps{.description = "Notifications topic invoking the Echo function, and the Hello "
                                                       "function behind a proxy REST API",
                                        .stack_name = props.stack_name}
                           : props) {
  auto& topic = add<sns::Topic>("Notifications", {.display_name = "formwork notifications"});

  // SNS invokes Echo asynchronously, so an event that fails all of Lambda's retries would be
  // lost. We keep it with an on-failure destination rather than a dead-letter queue: the
  // destination record carries the error message and the request context as well as the
  // event, and the same EventInvokeConfig bounds retries and event age in one place.
  auto& failures = add<sqs::Queue>("EchoFailures", {.retention_period = Duration::days(14)});
  failures.resource().set_comment("Keeps, for 14 days, the SNS events Echo failed to process after 2 retries");
  lambda::SqsDestination on_failure(failures);

  auto& echo = add<lambda::Function>("Echo", {
      .runtime = lambda::Runtime::nodejs_22_x(),
      .handler = "index.handler",
      .code = lambda::Code::from_inline(read_handler("examples/handlers/sns_echo/index.js")),
      .memory_size_mb = 512,
      .timeout = Duration::seconds(10),
      .environment = {{"STAGE", kStage}},
      .description = "Logs every message published to the Notifications topic",
      .log_retention_days = 5,
      .retry_attempts = 2,
      .max_event_age = Duration::hours(1),
      .on_failure = &on_failure,
  });
  topic.add_subscription(sns_subscriptions::LambdaSubscription(echo));

  auto& hello = add<lambda::Function>("Hello", {
      .runtime = lambda::Runtime::nodejs_22_x(),
      .handler = "index.handler",
      .code = lambda::Code::from_inline(read_handler("examples/handlers/hello_api/index.js")),
      .timeout = Duration::seconds(10),
      .environment = {{"STAGE", kStage}},
      .description = "Answers every request of the Api REST API",
      .log_retention_days = 5,
  });
  auto& api = add<apigateway::LambdaRestApi>("Api", {
      .handler = hello,
      .description = "Proxy REST API: every path and method goes to the Hello function",
      .stage_name = kStage,
  });

  add<CfnOutput>("TopicArn", {.value = topic.topic_arn(), .description = "ARN of the Notifications topic"});
  add<CfnOutput>("ApiUrl", {.value = api.url(), .description = "Base URL of the Api REST API"});
  add<CfnOutput>("FailureQueueUrl",
                 {.value = failures.queue_url(), .description = "URL of the queue that keeps Echo's failed events"});
}

}  // namespace stacks
