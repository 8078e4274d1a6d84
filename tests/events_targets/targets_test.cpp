// events_targets::SqsQueue, SnsTopic and EventBus, and LambdaFunction's dead-letter queue and
// input: each target's entry, the policy or role that lets the rule deliver, and validation.
#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/events/event_bus.hpp"
#include "constructs/events/event_pattern.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events_targets/event_bus.hpp"
#include "constructs/events_targets/lambda_function.hpp"
#include "constructs/events_targets/sns_topic.hpp"
#include "constructs/events_targets/sqs_queue.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using assertions::Match;
using assertions::Template;
using testing::validation_errors;

namespace {
events::RuleProps pattern() { return {.event_pattern = events::EventPattern{.source = {"shop"}}.to_value()}; }
}  // namespace

TEST_CASE("an SQS queue target gets a queue policy scoped to the rule, with DLQ, retries and input", "[events_targets]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& jobs = stack.add<sqs::Queue>("Jobs");
  auto& dlq = stack.add<sqs::Queue>("Undelivered");
  auto& rule = stack.add<events::Rule>("Placed", pattern());
  rule.add_target(events_targets::SqsQueue(jobs, {.target = {.dead_letter_queue = &dlq,
                                                            .retry_attempts = 3,
                                                            .max_event_age = Duration::hours(2),
                                                            .input = events::RuleTargetInput::from_event_path("$.detail")}}));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Events::Rule", Match::json(R"({"Targets": [{
    "Arn": {"Fn::GetAtt": ["Jobs", "Arn"]}, "Id": "Target0", "InputPath": "$.detail",
    "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["Undelivered", "Arn"]}},
    "RetryPolicy": {"MaximumEventAgeInSeconds": 7200, "MaximumRetryAttempts": 3}}]})"));
  for (const char* queue : {"Jobs", "Undelivered"})
    t.has_resource_properties("AWS::SQS::QueuePolicy", Match::json(std::string(R"({"Queues": [{"Ref": ")") + queue + R"("}],
      "PolicyDocument": {"Statement": [{"Action": ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"],
        "Principal": {"Service": "events.amazonaws.com"},
        "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["Placed", "Arn"]}}}}]}})"));
  CHECK(synthesize(app).stacks[0].comments.at("UndeliveredPolicy") ==
        "Undelivered/Policy/Resource: Lets EventBridge rule Placed send to queue Undelivered (events it could not deliver)");
}

TEST_CASE("a FIFO queue target needs a message group id", "[events_targets]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fifo = stack.add<sqs::Queue>("Ordered", {.fifo = true});
  auto& plain = stack.add<sqs::Queue>("Plain");
  auto& rule = stack.add<events::Rule>("R", pattern());
  rule.add_target(events_targets::SqsQueue(fifo, {.message_group_id = "orders"}));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Events::Rule", Match::json(R"({"Targets": [{"SqsParameters": {"MessageGroupId": "orders"}}]})"));
  auto& bad = stack.add<events::Rule>("Bad", pattern());
  bad.add_target(events_targets::SqsQueue(fifo));
  bad.add_target(events_targets::SqsQueue(plain, {.message_group_id = "x"}));
  bad.add_target(events_targets::SqsQueue(plain, {.target = {.dead_letter_queue = &fifo}}));
  std::string errors = validation_errors(app);
  INFO(errors);
  CHECK_THAT(errors, Catch::Contains("[S/Bad] FIFO queue target Ordered needs a message_group_id"));
  CHECK_THAT(errors, Catch::Contains("[S/Bad] message_group_id applies only to FIFO queues, and queue Plain is standard"));
  CHECK_THAT(errors, Catch::Contains("[S/Bad] the dead-letter queue of a rule target must be a standard queue, got FIFO queue Ordered"));
}

TEST_CASE("an SNS topic target gets a topic policy scoped to the rule", "[events_targets]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Alerts");
  auto& rule = stack.add<events::Rule>("Placed", pattern());
  rule.add_target(events_targets::SnsTopic(topic, {.retry_attempts = 0}));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Events::Rule", Match::json(R"({"Targets": [{"Arn": {"Ref": "Alerts"},
    "RetryPolicy": {"MaximumRetryAttempts": 0}}]})"));
  t.has_resource_properties("AWS::SNS::TopicPolicy", Match::json(R"({"Topics": [{"Ref": "Alerts"}],
    "PolicyDocument": {"Statement": [{"Action": "sns:Publish", "Principal": {"Service": "events.amazonaws.com"},
      "Resource": {"Ref": "Alerts"}, "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["Placed", "Arn"]}}}}]}})"));
}

TEST_CASE("an event bus target forwards through a role with events:PutEvents on the bus", "[events_targets]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& central = stack.add<events::EventBus>("Central");
  auto& dlq = stack.add<sqs::Queue>("Undelivered");
  auto& rule = stack.add<events::Rule>("Forward", pattern());
  rule.add_target(events_targets::EventBus(central, {.dead_letter_queue = &dlq}));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Events::Rule", Match::json(R"({"Targets": [{"Arn": {"Fn::GetAtt": ["Central", "Arn"]},
    "RoleArn": {"Fn::GetAtt": ["ForwardEventsRole", "Arn"]}, "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["Undelivered", "Arn"]}}}]})"));
  t.has_resource_properties("AWS::IAM::Role", Match::json(R"({"AssumeRolePolicyDocument": {"Statement": [
    {"Principal": {"Service": "events.amazonaws.com"}}]}})"));
  t.has_resource_properties("AWS::IAM::Policy", Match::json(R"({"Roles": [{"Ref": "ForwardEventsRole"}],
    "PolicyDocument": {"Statement": [{"Action": "events:PutEvents", "Resource": {"Fn::GetAtt": ["Central", "Arn"]}}]}})"));
  auto& bad = stack.add<events::Rule>("Bad", pattern());
  bad.add_target(events_targets::EventBus(central, {.retry_attempts = 2}));
  CHECK_THAT(validation_errors(app), Catch::Contains("[S/Bad] event bus target Central forwards the event as it is: it "
                                                     "takes a dead-letter queue, but no input, retry attempts or maximum event age"));
}

TEST_CASE("a function target takes a dead-letter queue and an input transformer", "[events_targets]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Handler", testing::inline_function_props());
  auto& dlq = stack.add<sqs::Queue>("Undelivered");
  auto& rule = stack.add<events::Rule>("Placed", pattern());
  rule.add_target(events_targets::LambdaFunction(fn, {
      .dead_letter_queue = &dlq, .input = events::RuleTargetInput::from_template("<id>", {{"id", "$.id"}})}));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Events::Rule", Match::json(R"({"Targets": [{"Arn": {"Fn::GetAtt": ["Handler", "Arn"]},
    "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["Undelivered", "Arn"]}},
    "InputTransformer": {"InputPathsMap": {"id": "$.id"}, "InputTemplate": "<id>"}}]})"));
  t.resource_count_is("AWS::Lambda::Permission", 1);
}
