#include <catch2/catch.hpp>

#include "constructs/lambda/event_bridge_destination.hpp"
#include "constructs/lambda/lambda_destination.hpp"
#include "constructs/lambda/sns_destination.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using formwork::testing::inline_function_props;
using formwork::testing::validation_errors;
using json = nlohmann::ordered_json;

namespace {

// The statements of the function role's default policy, as {action(s), resource(s)}.
// Unordered, so that the key order of a statement does not matter to the comparison.
nlohmann::json statements(const json& doc, const std::string& policy) {
  return nlohmann::json::parse(doc["Resources"][policy]["Properties"]["PolicyDocument"]["Statement"].dump());
}

}  // namespace

TEST_CASE("retries and event age make an EventInvokeConfig on $LATEST", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto props = inline_function_props();
  props.retry_attempts = 2;
  props.max_event_age = Duration::hours(1);
  stack.add<lambda::Function>("F", std::move(props));
  auto doc = synthesize(app).stacks[0].document;
  const auto& config = doc["Resources"]["FEventInvokeConfig"];
  CHECK(config["Type"] == "AWS::Lambda::EventInvokeConfig");
  CHECK(config["Properties"] == json::parse(R"({"FunctionName":{"Ref":"F"},"MaximumEventAgeInSeconds":3600,
      "MaximumRetryAttempts":2,"Qualifier":"$LATEST"})"));
  CHECK_FALSE(doc["Resources"].contains("FServiceRoleDefaultPolicy"));
}

TEST_CASE("an SQS destination gets the queue ARN and the send-messages grant", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<sqs::Queue>("DestQueue");
  lambda::SqsDestination destination(queue);
  auto props = inline_function_props();
  props.on_success = &destination;
  stack.add<lambda::Function>("F", std::move(props));
  auto assembly = synthesize(app);
  const auto& doc = assembly.stacks[0].document;
  CHECK(doc["Resources"]["FEventInvokeConfig"]["Properties"]["DestinationConfig"] ==
        json::parse(R"({"OnSuccess":{"Destination":{"Fn::GetAtt":["DestQueue","Arn"]}}})"));
  CHECK(statements(doc, "FServiceRoleDefaultPolicy") == nlohmann::json::parse(R"([{"Action":["sqs:GetQueueAttributes",
      "sqs:GetQueueUrl","sqs:SendMessage"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DestQueue","Arn"]}}])"));
  CHECK(assembly.stacks[0].comments.at("FServiceRoleDefaultPolicy").find("send to DestQueue (on-success destination)") !=
        std::string::npos);
}

TEST_CASE("SNS, Lambda and EventBridge destinations grant publish, invoke and put-events", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Failures");
  auto& next = stack.add<lambda::Function>("Next", inline_function_props());
  lambda::SnsDestination to_topic(topic);
  lambda::LambdaDestination to_next(next);
  lambda::EventBridgeDestination to_bus;
  auto& a = stack.add<lambda::Function>("A", inline_function_props());
  a.configure_async_invoke({.on_success = &to_next, .on_failure = &to_topic});
  auto& b = stack.add<lambda::Function>("B", inline_function_props());
  b.configure_async_invoke({.retry_attempts = 0, .on_failure = &to_bus});
  auto doc = synthesize(app).stacks[0].document;
  CHECK(doc["Resources"]["AEventInvokeConfig"]["Properties"]["DestinationConfig"] ==
        json::parse(R"({"OnSuccess":{"Destination":{"Fn::GetAtt":["Next","Arn"]}},
                        "OnFailure":{"Destination":{"Ref":"Failures"}}})"));
  CHECK(statements(doc, "AServiceRoleDefaultPolicy") == nlohmann::json::parse(R"([
      {"Action":"lambda:InvokeFunction","Effect":"Allow","Resource":[{"Fn::GetAtt":["Next","Arn"]},{"Fn::Sub":"${Next.Arn}:*"}]},
      {"Action":"sns:Publish","Effect":"Allow","Resource":{"Ref":"Failures"}}])"));
  const json bus = json::parse(R"({"Fn::Sub":"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"})");
  CHECK(doc["Resources"]["BEventInvokeConfig"]["Properties"]["DestinationConfig"]["OnFailure"]["Destination"] == bus);
  CHECK(statements(doc, "BServiceRoleDefaultPolicy") ==
        nlohmann::json::array({{{"Action", "events:PutEvents"}, {"Effect", "Allow"}, {"Resource", nlohmann::json::parse(bus.dump())}}}));
}

TEST_CASE("a dead-letter queue gets DeadLetterConfig and only sqs:SendMessage", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& dlq = stack.add<sqs::Queue>("Dlq");
  auto props = inline_function_props();
  props.dead_letter_queue = &dlq;
  auto& fn = stack.add<lambda::Function>("F", std::move(props));
  CHECK(fn.dead_letter_queue() == &dlq);
  auto doc = synthesize(app).stacks[0].document;
  CHECK(doc["Resources"]["F"]["Properties"]["DeadLetterConfig"] ==
        json::parse(R"({"TargetArn":{"Fn::GetAtt":["Dlq","Arn"]}})"));
  CHECK(statements(doc, "FServiceRoleDefaultPolicy") ==
        json::parse(R"([{"Action":"sqs:SendMessage","Effect":"Allow","Resource":{"Fn::GetAtt":["Dlq","Arn"]}}])"));
}

TEST_CASE("dead_letter_queue_enabled creates a 14-day queue under the function", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto props = inline_function_props();
  props.dead_letter_queue_enabled = true;
  stack.add<lambda::Function>("F", std::move(props));
  auto doc = synthesize(app).stacks[0].document;
  CHECK(doc["Resources"]["FDeadLetterQueue"]["Type"] == "AWS::SQS::Queue");
  CHECK(doc["Resources"]["FDeadLetterQueue"]["Properties"]["MessageRetentionPeriod"] == 1209600);
  CHECK(doc["Resources"]["F"]["Properties"]["DeadLetterConfig"]["TargetArn"] ==
        json::parse(R"({"Fn::GetAtt":["FDeadLetterQueue","Arn"]})"));
}

TEST_CASE("a dead-letter topic grants sns:Publish, and a queue with a topic is an error", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<sns::Topic>("Dlt");
  auto props = inline_function_props();
  props.dead_letter_topic = &topic;
  stack.add<lambda::Function>("F", std::move(props));
  auto doc = synthesize(app).stacks[0].document;
  CHECK(doc["Resources"]["F"]["Properties"]["DeadLetterConfig"] == json::parse(R"({"TargetArn":{"Ref":"Dlt"}})"));
  CHECK(statements(doc, "FServiceRoleDefaultPolicy") ==
        json::parse(R"([{"Action":"sns:Publish","Effect":"Allow","Resource":{"Ref":"Dlt"}}])"));

  App bad;
  auto& bad_stack = bad.add<Stack>("S");
  auto& bad_topic = bad_stack.add<sns::Topic>("Dlt");
  auto both = inline_function_props();
  both.dead_letter_topic = &bad_topic;
  both.dead_letter_queue_enabled = true;
  bad_stack.add<lambda::Function>("F", std::move(both));
  CHECK(validation_errors(bad) ==
        "[S/F] a function can send failed events to a dead-letter queue or a dead-letter topic, not both");
}

TEST_CASE("log retention creates a log group the function logs to", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto props = inline_function_props();
  props.log_retention_days = 5;
  stack.add<lambda::Function>("F", std::move(props));
  auto doc = synthesize(app).stacks[0].document;
  CHECK(doc["Resources"]["FLogGroup"]["Type"] == "AWS::Logs::LogGroup");
  CHECK(doc["Resources"]["FLogGroup"]["Properties"]["RetentionInDays"] == 5);
  CHECK(doc["Resources"]["F"]["Properties"]["LoggingConfig"] == json::parse(R"({"LogGroup":{"Ref":"FLogGroup"}})"));

  App bad;
  auto& bad_stack = bad.add<Stack>("S");
  auto bad_props = inline_function_props();
  bad_props.log_retention_days = 4;
  bad_stack.add<lambda::Function>("F", std::move(bad_props));
  CHECK(validation_errors(bad).find("[S/F/LogGroup] log retention must be one of 1, 3, 5, 7") == 0);
}
