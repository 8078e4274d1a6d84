// With LogicalIdStyle::CdkCompatible every resource a construct makes, its generated children
// included, gets the logical ID real AWS CDK gives it: the trees of cdk_app.js, built here the
// same way, against cdk_ids.json, which aws-cdk-lib synthesized (its version is in the file).
// This file: the messaging and API stacks; cdk_identity_async_test.cpp and
// cdk_identity_lambda_test.cpp the others. Regenerate cdk_ids.json with
//   NODE_PATH=/work/cdk/node_modules node tests/cdk_identity/cdk_app.js > tests/cdk_identity/cdk_ids.json
#include "tests/cdk_identity/cdk_identity.hpp"

#include "constructs/apigateway/lambda_integration.hpp"
#include "constructs/apigateway/lambda_rest_api.hpp"
#include "constructs/apigateway/rest_api.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events_targets/lambda_function.hpp"
#include "constructs/lambda_event_sources/sqs_event_source.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sns_subscriptions/lambda_subscription.hpp"
#include "constructs/sns_subscriptions/sqs_subscription.hpp"
#include "constructs/sqs/queue.hpp"

using namespace formwork;
using cdk_identity::check_stack;
using cdk_identity::function;

TEST_CASE("cdk_ids.json holds the stacks the CDK-identity tests build, and no other", "[cdk-identity]") {
  std::vector<std::string> stacks;
  for (const auto& [name, resources] : cdk_identity::cdk_ids()["stacks"].items()) stacks.push_back(name);
  std::vector<std::string> tested = cdk_identity::kStacks;
  std::sort(stacks.begin(), stacks.end());
  std::sort(tested.begin(), tested.end());
  CHECK(stacks == tested);
}

TEST_CASE("an SQS event source, a schedule rule's target and async config get CDK's logical IDs",
          "[cdk-identity][logical-ids]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("SqsToLambda");
  auto& jobs = stack.add<sqs::Queue>("Jobs");
  auto worker_props = cdk_identity::function_props();
  worker_props.retry_attempts = 2;
  auto& worker = stack.add<lambda::Function>("Worker", std::move(worker_props));
  worker.add_event_source(lambda_event_sources::SqsEventSource(jobs, {.batch_size = 10}));
  stack.add<events::Rule>("Schedule", {.schedule = events::Schedule::rate(Duration::minutes(5))})
      .add_target(events_targets::LambdaFunction(worker));
  check_stack(app, "SqsToLambda");
}

TEST_CASE("SNS subscriptions of a function and a queue get CDK's logical IDs", "[cdk-identity][logical-ids]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("SnsToLambda");
  auto& topic = stack.add<sns::Topic>("Topic");
  topic.add_subscription(sns_subscriptions::LambdaSubscription(function(stack, "Listener")));
  auto& inbox = stack.add<sqs::Queue>("Inbox");
  topic.add_subscription(sns_subscriptions::SqsSubscription(inbox));
  auto& undeliverable = stack.add<sqs::Queue>("Undeliverable");
  auto& audit = stack.add<sns::Topic>("Audit");
  auto& listener = dynamic_cast<lambda::Function&>(stack.node().find_child("Listener"));
  audit.add_subscription(sns_subscriptions::LambdaSubscription(
      listener, {.filter_policy = Value::map({{"kind", Value::list({"order"})}}), .dead_letter_queue = &undeliverable}));
  audit.add_subscription(
      sns_subscriptions::SqsSubscription(inbox, {.raw_message_delivery = true, .dead_letter_queue = &undeliverable}));
  check_stack(app, "SnsToLambda");
}

TEST_CASE("a proxy LambdaRestApi gets CDK's logical IDs", "[cdk-identity][logical-ids]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("ProxyApi");
  stack.add<apigateway::LambdaRestApi>("Api", apigateway::LambdaRestApiProps{
                                                  .handler = function(stack, "Backend"),
                                                  .integration_options = {.allow_test_invoke = true},  // CDK's default
                                              });
  check_stack(app, "ProxyApi");
}

TEST_CASE("a RestApi with resources, Lambda integrations and a CloudWatch role gets CDK's logical IDs",
          "[cdk-identity][logical-ids]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("SquareApi");
  auto& square = function(stack, "Square");
  auto& api = stack.add<apigateway::RestApi>("Api", {.cloud_watch_role = true});
  api.root().add_resource("square").add_resource("{number}").add_method(
      "GET", apigateway::LambdaIntegration(square, {.allow_test_invoke = true}));
  api.root().add_method("POST", apigateway::LambdaIntegration(square));
  check_stack(app, "SquareApi");
}

TEST_CASE("the one permission for a function behind 10 methods of an API gets CDK's API-scoped logical ID",
          "[cdk-identity][logical-ids]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("ManyMethods");
  for (const auto& [api_id, handler_id] : {std::pair{"Api", "Handler"}, std::pair{"Legacy", "Old"}}) {
    auto& api = stack.add<apigateway::RestApi>(api_id);
    const apigateway::LambdaIntegration integration(function(stack, handler_id));
    const std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    for (const auto& m : methods) api.root().add_method(m, integration);
    auto& items = api.root().add_resource("items");
    for (std::size_t i = 0; i < 3; ++i) items.add_method(methods[i], integration);
  }
  check_stack(app, "ManyMethods");
}
