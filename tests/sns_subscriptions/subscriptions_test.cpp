// LambdaSubscription and SqsSubscription: the subscription, the permission or queue policy
// that goes with it, subscription dead-letter queues, and what SNS would reject.
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sns_subscriptions/lambda_subscription.hpp"
#include "constructs/sns_subscriptions/sqs_subscription.hpp"
#include "constructs/sqs/queue.hpp"

using namespace formwork;
// Unordered, so that comparisons ignore key order.
using json = nlohmann::json;

namespace {

std::string validation_message(App& app) {
  try {
    (void)synthesize(app);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "no validation error";
}

lambda::Function& echo_function(Stack& stack) {
  return stack.add<lambda::Function>("Echo", {
      .runtime = lambda::Runtime::nodejs_22_x(),
      .handler = "index.handler",
      .code = lambda::Code::from_inline("exports.handler = async (e) => e;"),
  });
}

}  // namespace

TEST_CASE("a Lambda subscription adds the subscription and an invoke permission scoped to the topic",
          "[sns_subscriptions]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  auto& fn = echo_function(stack);
  topic.add_subscription(sns_subscriptions::LambdaSubscription(fn));
  auto assembly = synthesize(app);
  json doc = json::parse(assembly.stacks[0].document.dump());
  CHECK(doc["Resources"]["EchoEventsSubscription"] == json::parse(R"({"Type": "AWS::SNS::Subscription",
    "Properties": {"Endpoint": {"Fn::GetAtt": ["Echo", "Arn"]}, "Protocol": "lambda", "TopicArn": {"Ref": "Events"}}})"));
  CHECK(doc["Resources"]["EchoEventsPermission"] == json::parse(R"({"Type": "AWS::Lambda::Permission",
    "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": {"Fn::GetAtt": ["Echo", "Arn"]},
                   "Principal": "sns.amazonaws.com", "SourceArn": {"Ref": "Events"}}})"));
  CHECK(assembly.stacks[0].comments.at("EchoEventsSubscription") ==
        "Echo/EventsSubscription/Resource: Subscribes function Echo to SNS topic Events");
  CHECK(assembly.stacks[0].comments.at("EchoEventsPermission") ==
        "Echo/EventsPermission/Resource: Lets SNS invoke function Echo (messages published to topic Events)");
  // Subscribing grants the function nothing: SNS pushes to it.
  CHECK_FALSE(doc["Resources"].contains("EchoServiceRoleDefaultPolicy"));
}

TEST_CASE("a Lambda subscription with a filter and a dead-letter queue lets the topic send to the queue",
          "[sns_subscriptions][iam]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  auto& dlq = stack.add<sqs::Queue>("Undelivered");
  auto& fn = echo_function(stack);
  topic.add_subscription(sns_subscriptions::LambdaSubscription(fn, {
      .filter_policy = Value::map({{"kind", Value::list({"order"})}}),
      .dead_letter_queue = &dlq,
  }));
  auto assembly = synthesize(app);
  json doc = json::parse(assembly.stacks[0].document.dump());
  json sub = doc["Resources"]["EchoEventsSubscription"];
  CHECK(sub["Properties"]["FilterPolicy"] == json::parse(R"({"kind": ["order"]})"));
  CHECK_FALSE(sub["Properties"].contains("FilterPolicyScope"));
  CHECK(sub["Properties"]["RedrivePolicy"] == json::parse(R"({"deadLetterTargetArn": {"Fn::GetAtt": ["Undelivered", "Arn"]}})"));
  CHECK(sub["DependsOn"] == json::parse(R"(["UndeliveredPolicy"])"));
  json policy = doc["Resources"]["UndeliveredPolicy"];
  CHECK(policy["Type"] == "AWS::SQS::QueuePolicy");
  CHECK(policy["Properties"]["PolicyDocument"]["Statement"] == json::parse(R"([{
    "Action": "sqs:SendMessage", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
    "Resource": {"Fn::GetAtt": ["Undelivered", "Arn"]},
    "Condition": {"ArnEquals": {"aws:SourceArn": {"Ref": "Events"}}}}])"));
  CHECK(assembly.stacks[0].comments.at("UndeliveredPolicy") ==
        "Undelivered/Policy/Resource: Lets SNS topic Events send messages to queue Undelivered "
        "(undeliverable messages for function Echo)");
}

TEST_CASE("an SQS subscription adds the subscription under the queue and a queue policy for the topic",
          "[sns_subscriptions][iam]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  auto& queue = stack.add<sqs::Queue>("Orders");
  topic.add_subscription(sns_subscriptions::SqsSubscription(queue, {.raw_message_delivery = true}));
  auto assembly = synthesize(app);
  json doc = json::parse(assembly.stacks[0].document.dump());
  CHECK(doc["Resources"]["OrdersEventsSubscription"] == json::parse(R"({"Type": "AWS::SNS::Subscription",
    "DependsOn": ["OrdersPolicy"],
    "Properties": {"Endpoint": {"Fn::GetAtt": ["Orders", "Arn"]}, "Protocol": "sqs", "RawMessageDelivery": true,
                   "TopicArn": {"Ref": "Events"}}})"));
  CHECK(doc["Resources"]["OrdersPolicy"]["Properties"] == json::parse(R"({
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
      "Action": "sqs:SendMessage", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
      "Resource": {"Fn::GetAtt": ["Orders", "Arn"]},
      "Condition": {"ArnEquals": {"aws:SourceArn": {"Ref": "Events"}}}}]},
    "Queues": [{"Ref": "Orders"}]})"));
  CHECK(assembly.stacks[0].comments.at("OrdersPolicy") ==
        "Orders/Policy/Resource: Lets SNS topic Events send messages to queue Orders (subscription)");
}

TEST_CASE("two topics subscribed to one queue share its policy, one statement per topic",
          "[sns_subscriptions][iam]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& a = stack.add<sns::Topic>("A");
  auto& b = stack.add<sns::Topic>("B");
  auto& queue = stack.add<sqs::Queue>("Orders");
  a.add_subscription(sns_subscriptions::SqsSubscription(queue));
  b.add_subscription(sns_subscriptions::SqsSubscription(queue));
  json doc = json::parse(synthesize(app).stacks[0].document.dump());
  json statements = doc["Resources"]["OrdersPolicy"]["Properties"]["PolicyDocument"]["Statement"];
  REQUIRE(statements.size() == 2);
  CHECK(statements[0]["Condition"]["ArnEquals"]["aws:SourceArn"] == json::parse(R"({"Ref": "A"})"));
  CHECK(statements[1]["Condition"]["ArnEquals"]["aws:SourceArn"] == json::parse(R"({"Ref": "B"})"));
  CHECK(doc["Resources"].contains("OrdersASubscription"));
  CHECK(doc["Resources"].contains("OrdersBSubscription"));
}

TEST_CASE("fails when a FIFO topic would deliver to a standard queue or a function", "[sns_subscriptions][validation]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fifo_topic = stack.add<sns::Topic>("FifoEvents", {.fifo = true});
  auto& topic = stack.add<sns::Topic>("Events");
  auto& standard = stack.add<sqs::Queue>("Standard");
  auto& fifo = stack.add<sqs::Queue>("Fifo", {.fifo = true});
  auto& fn = echo_function(stack);
  fifo_topic.add_subscription(sns_subscriptions::SqsSubscription(standard));
  fifo_topic.add_subscription(sns_subscriptions::SqsSubscription(fifo));  // fine
  topic.add_subscription(sns_subscriptions::SqsSubscription(fifo));
  fifo_topic.add_subscription(sns_subscriptions::LambdaSubscription(fn));
  std::string message = validation_message(app);
  CHECK_THAT(message, Catch::Contains("[S/Standard/FifoEventsSubscription] a FIFO topic delivers only to FIFO queues, "
                                     "so topic FifoEvents cannot send to standard queue Standard"));
  CHECK_THAT(message, Catch::Contains("[S/Fifo/EventsSubscription] a standard topic delivers only to standard queues, "
                                      "so topic Events cannot send to FIFO queue Fifo"));
  CHECK_THAT(message, Catch::Contains("[S/Echo/FifoEventsSubscription] a FIFO topic delivers only to SQS queues, "
                                      "so topic FifoEvents cannot invoke function Echo"));
  CHECK_THAT(message, !Catch::Contains("[S/Fifo/FifoEventsSubscription]"));
}

TEST_CASE("fails on a subscription queue SNS cannot write to", "[sns_subscriptions][validation]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  auto& kms = stack.add<sqs::Queue>("Kms", {.encryption = sqs::QueueEncryption::KmsManaged});
  auto& fifo_dlq = stack.add<sqs::Queue>("FifoDlq", {.fifo = true});
  auto& fn = echo_function(stack);
  topic.add_subscription(sns_subscriptions::SqsSubscription(kms));
  topic.add_subscription(sns_subscriptions::LambdaSubscription(fn, {.dead_letter_queue = &fifo_dlq}));
  std::string message = validation_message(app);
  CHECK_THAT(message, Catch::Contains("[S/Kms/EventsSubscription] SNS cannot send to queue Kms: it is encrypted with "
                                      "the AWS managed key alias/aws/sqs, whose key policy does not allow "
                                      "sns.amazonaws.com (use SqsManaged encryption)"));
  CHECK_THAT(message, Catch::Contains("[S/Echo/EventsSubscription] the dead-letter queue of a subscription to a "
                                      "standard topic must be a standard queue, got FIFO queue FifoDlq"));
}
