// formwork::sns::Topic and sns::Subscription: properties, attributes, grants and validation.
#include <functional>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/iam/role.hpp"
#include "constructs/sns/subscription.hpp"
#include "constructs/sns/topic.hpp"

using namespace formwork;
// Unordered, so that comparisons ignore key order.
using json = nlohmann::json;

namespace {

json template_of(App& app) { return json::parse(synthesize(app).stacks.at(0).document.dump()); }

std::string validation_message(App& app) {
  try {
    (void)synthesize(app);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "no validation error";
}

// Props set through a function: GCC 12 warns (maybe-uninitialized) on temporaries of props
// with std::optional<std::string> members built with designated initializers.
std::string topic_error(const std::function<void(sns::TopicProps&)>& set) {
  App app;
  auto& stack = app.add<Stack>("S");
  sns::TopicProps props;
  set(props);
  stack.add<sns::Topic>("T", props);
  return validation_message(app);
}

}  // namespace

TEST_CASE("a topic with default props is a standard topic without properties", "[sns]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  CHECK_FALSE(topic.fifo());
  auto assembly = synthesize(app);
  json doc = json::parse(assembly.stacks[0].document.dump());
  CHECK(doc["Resources"]["Events"] == json::parse(R"({"Type": "AWS::SNS::Topic"})"));
  CHECK(assembly.stacks[0].comments.at("Events") == "Events/Resource: Standard SNS topic Events");
}

TEST_CASE("topic props become the CloudFormation properties", "[sns]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Orders", {.topic_name = "orders.fifo", .display_name = "Order events",
                                                 .fifo = true, .content_based_deduplication = true});
  CHECK(topic.fifo());
  CHECK(template_of(app)["Resources"]["Orders"]["Properties"] == json::parse(R"({
    "ContentBasedDeduplication": true, "DisplayName": "Order events", "FifoTopic": true, "TopicName": "orders.fifo"})"));
}

TEST_CASE("topic attributes are Ref for the ARN and GetAtt for the name", "[sns]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  stack.add<CfnOutput>("Arn", {.value = topic.topic_arn()});
  stack.add<CfnOutput>("Name", {.value = topic.topic_name()});
  json doc = template_of(app);
  CHECK(doc["Outputs"]["Arn"]["Value"] == json::parse(R"({"Ref": "Events"})"));
  CHECK(doc["Outputs"]["Name"]["Value"] == json::parse(R"({"Fn::GetAtt": ["Events", "TopicName"]})"));
}

TEST_CASE("grant_publish allows sns:Publish on the topic and nothing else", "[sns][iam]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  auto& role = stack.add<iam::Role>("Publisher", {.assumed_by = "lambda.amazonaws.com"});
  CHECK(topic.grant_publish(role).success());
  auto assembly = synthesize(app);
  json doc = json::parse(assembly.stacks[0].document.dump());
  CHECK(doc["Resources"]["PublisherDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"] ==
        json::parse(R"([{"Action": "sns:Publish", "Effect": "Allow", "Resource": {"Ref": "Events"}}])"));
  CHECK(assembly.stacks[0].comments.at("PublisherDefaultPolicy") ==
        "Publisher/DefaultPolicy/Resource: Allows Publisher to publish to topic Events");
}

TEST_CASE("a subscription writes protocol, endpoint, filter and redrive policy", "[sns]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  stack.add<sns::Subscription>("Mail", {
      .topic = &topic,
      .protocol = sns::SubscriptionProtocol::Sqs,
      .endpoint = "arn:aws:sqs:us-east-1:123456789012:q",
      .filter_policy = Value::map({{"color", Value::list({"red"})}}),
      .filter_on_message_body = true,
      .raw_message_delivery = true,
      .dead_letter_queue_arn = Value("arn:aws:sqs:us-east-1:123456789012:dlq"),
  });
  auto assembly = synthesize(app);
  json doc = json::parse(assembly.stacks[0].document.dump());
  CHECK(doc["Resources"]["Mail"]["Type"] == "AWS::SNS::Subscription");
  CHECK(doc["Resources"]["Mail"]["Properties"] == json::parse(R"({
    "Endpoint": "arn:aws:sqs:us-east-1:123456789012:q", "FilterPolicy": {"color": ["red"]},
    "FilterPolicyScope": "MessageBody", "Protocol": "sqs", "RawMessageDelivery": true,
    "RedrivePolicy": {"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"},
    "TopicArn": {"Ref": "Events"}})"));
  CHECK(assembly.stacks[0].comments.at("Mail") == "Mail/Resource: Subscribes a sqs endpoint to SNS topic Events");
}

TEST_CASE("fails on a subscription option its protocol does not support", "[sns][validation]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Events");
  stack.add<sns::Subscription>("Mail", {.topic = &topic, .protocol = sns::SubscriptionProtocol::Email,
                                        .endpoint = "ops@example.com", .filter_on_message_body = true,
                                        .raw_message_delivery = true});
  std::string message = validation_message(app);
  CHECK_THAT(message, Catch::Contains(
      "[S/Mail] raw message delivery applies only to sqs, http, https and firehose subscriptions, got email"));
  CHECK_THAT(message, Catch::Contains("[S/Mail] filter_on_message_body needs a filter_policy"));
}

TEST_CASE("fails on each topic value just outside its range", "[sns][validation]") {
  CHECK(topic_error([](sns::TopicProps& p) { p.topic_name = "orders"; p.fifo = true; }) ==
        "[S/T] a FIFO topic name must end in .fifo, got 'orders'");
  CHECK(topic_error([](sns::TopicProps& p) { p.topic_name = "orders.fifo"; }) ==
        "[S/T] topic name 'orders.fifo' ends in .fifo but the topic is not FIFO (set fifo = true)");
  CHECK(topic_error([](sns::TopicProps& p) { p.topic_name = std::string(257, 'a'); }) ==
        "[S/T] topic name must be 1 to 256 characters of A-Z a-z 0-9 - _ (256 including .fifo), got '" +
            std::string(257, 'a') + "' (257 characters)");
  CHECK(topic_error([](sns::TopicProps& p) { p.topic_name = "order events"; }) ==
        "[S/T] topic name must be 1 to 256 characters of A-Z a-z 0-9 - _ (256 including .fifo), got "
        "'order events' (12 characters)");
  CHECK(topic_error([](sns::TopicProps& p) { p.display_name = std::string(101, 'd'); }) ==
        "[S/T] topic display name must be at most 100 characters, got 101");
  CHECK(topic_error([](sns::TopicProps& p) { p.content_based_deduplication = true; }) ==
        "[S/T] content-based deduplication applies only to FIFO topics (set fifo = true)");
  CHECK(topic_error([](sns::TopicProps& p) {
          p.topic_name = std::string(251, 'a') + ".fifo";
          p.fifo = true;
          p.display_name = std::string(100, 'd');
        }) == "no validation error");
  CHECK(topic_error([](sns::TopicProps& p) { p.topic_name = std::string(256, 'a'); }) == "no validation error");
}
