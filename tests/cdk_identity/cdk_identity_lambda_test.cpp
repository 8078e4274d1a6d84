// CDK's logical IDs for what a CDK user reaches for on a function: a layer, function URLs and
// their public permissions, a version, an alias with its async config and URL, destinations,
// a dead-letter queue, a role of one's own, log retention. The tree is that of cdk_app.js; see
// cdk_identity.hpp (log retention is one of the documented differences).
#include "tests/cdk_identity/cdk_identity.hpp"

#include "constructs/iam/role.hpp"
#include "constructs/lambda/alias.hpp"
#include "constructs/lambda/event_bridge_destination.hpp"
#include "constructs/lambda/lambda_destination.hpp"
#include "constructs/lambda/layer_version.hpp"
#include "constructs/lambda/sns_destination.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/lambda/version.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"

using namespace formwork;
using cdk_identity::check_stack;
using cdk_identity::function;
using cdk_identity::function_props;

TEST_CASE("a layer, function URLs, a version, an alias, destinations and roles get CDK's logical IDs",
          "[cdk-identity][logical-ids][lambda]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("FunctionFeatures");
  auto& deps = stack.add<lambda::LayerVersion>(
      "Deps", {.code = lambda::Code::from_asset("examples/handlers/simple_func"),
               .compatible_runtimes = {lambda::Runtime::python_3_12()}});
  auto& done = stack.add<sqs::Queue>("Done");
  auto& failed = stack.add<sns::Topic>("Failed");

  auto web_props = function_props();
  web_props.layers = {&deps};
  web_props.dead_letter_queue_enabled = true;
  web_props.tracing = lambda::Tracing::Active;
  web_props.initial_policy = {iam::PolicyStatement{.actions = {"s3:ListAllMyBuckets"}, .resources = {"*"}}};
  auto& web = stack.add<lambda::Function>("Web", std::move(web_props));
  web.add_function_url({.auth_type = lambda::FunctionUrlAuthType::None,
                        .cors = lambda::FunctionUrlCors{.allowed_origins = {"*"}}});
  auto& v1 = stack.add<lambda::Version>("WebV1", {.function = web});
  const lambda::SqsDestination to_done(done);
  auto& live = stack.add<lambda::Alias>(
      "Live", {.alias_name = "live", .version = v1, .retry_attempts = 0, .on_failure = &to_done});
  live.add_function_url({.auth_type = lambda::FunctionUrlAuthType::None});
  auto& private_fn = function(stack, "Private");
  private_fn.add_function_url();

  const lambda::SnsDestination to_failed(failed);
  auto notifier = function_props();
  notifier.max_event_age = Duration::hours(1);
  notifier.on_success = &to_done;
  notifier.on_failure = &to_failed;
  stack.add<lambda::Function>("Notifier", std::move(notifier));

  const lambda::LambdaDestination to_private(private_fn);
  const lambda::EventBridgeDestination to_bus;
  auto chained = function_props();
  chained.on_success = &to_private;
  chained.on_failure = &to_bus;
  stack.add<lambda::Function>("Chained", std::move(chained));

  auto& shared = stack.add<iam::Role>("Shared", {.assumed_by = "lambda.amazonaws.com"});
  auto own = function_props();
  own.role = &shared;
  own.dead_letter_queue = &done;
  failed.grant_publish(stack.add<lambda::Function>("Own", std::move(own)));

  auto logged = function_props();
  logged.log_retention_days = 5;
  stack.add<lambda::Function>("Logged", std::move(logged));
  check_stack(app, "FunctionFeatures");
}
