// formwork::sqs::Queue: properties, attributes, grants, resource policy and validation.
#include <functional>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/iam/role.hpp"
#include "constructs/sqs/queue.hpp"

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

}  // namespace

TEST_CASE("a queue with default props is a standard SSE-SQS queue", "[sqs]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<sqs::Queue>("Orders");
  json doc = template_of(app);
  CHECK(doc["Resources"]["Orders"]["Type"] == "AWS::SQS::Queue");
  CHECK(doc["Resources"]["Orders"]["Properties"] == json::parse(R"({"SqsManagedSseEnabled": true})"));
  auto assembly = synthesize(app);
  CHECK(assembly.stacks[0].comments.at("Orders") == "Orders/Resource: Standard SQS queue Orders");
}

TEST_CASE("queue props become the CloudFormation properties", "[sqs]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& dlq = stack.add<sqs::Queue>("Dlq", {.fifo = true, .retention_period = Duration::days(14)});
  auto& queue = stack.add<sqs::Queue>("Orders", {
      .queue_name = "orders.fifo",
      .fifo = true,
      .content_based_deduplication = true,
      .visibility_timeout = Duration::minutes(2),
      .retention_period = Duration::days(4),
      .delivery_delay = Duration::seconds(5),
      .receive_message_wait_time = Duration::seconds(20),
      .max_message_size_bytes = 2048,
      .encryption = sqs::QueueEncryption::KmsManaged,
      .dead_letter_queue = sqs::DeadLetterQueue{.queue = &dlq, .max_receive_count = 3},
  });
  CHECK(queue.fifo());
  CHECK(queue.visibility_timeout() == Duration::seconds(120));
  json doc = template_of(app);
  CHECK(doc["Resources"]["Orders"]["Properties"] == json::parse(R"({
    "ContentBasedDeduplication": true, "DelaySeconds": 5, "FifoQueue": true,
    "KmsMasterKeyId": "alias/aws/sqs", "MaximumMessageSize": 2048, "MessageRetentionPeriod": 345600,
    "QueueName": "orders.fifo", "ReceiveMessageWaitTimeSeconds": 20,
    "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}, "maxReceiveCount": 3},
    "VisibilityTimeout": 120})"));
  CHECK(doc["Resources"]["Dlq"]["Properties"]["MessageRetentionPeriod"] == 1209600);
  auto comments = synthesize(app).stacks[0].comments;
  CHECK(comments.at("Orders") == "Orders/Resource: FIFO SQS queue Orders, which moves a message to Dlq after 3 receives");
  CHECK(comments.at("Dlq") == "Dlq/Resource: FIFO SQS queue Dlq, dead-letter queue of Orders");
}

TEST_CASE("queue attributes are Ref for the URL and GetAtt for ARN and name", "[sqs]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<sqs::Queue>("Orders");
  CHECK(queue.visibility_timeout() == Duration::seconds(30));
  CHECK_FALSE(queue.fifo());
  stack.add<CfnOutput>("Url", {.value = queue.queue_url()});
  stack.add<CfnOutput>("Arn", {.value = queue.queue_arn()});
  stack.add<CfnOutput>("Name", {.value = queue.queue_name()});
  json doc = template_of(app);
  CHECK(doc["Outputs"]["Url"]["Value"] == json::parse(R"({"Ref": "Orders"})"));
  CHECK(doc["Outputs"]["Arn"]["Value"] == json::parse(R"({"Fn::GetAtt": ["Orders", "Arn"]})"));
  CHECK(doc["Outputs"]["Name"]["Value"] == json::parse(R"({"Fn::GetAtt": ["Orders", "QueueName"]})"));
}

TEST_CASE("queue grants add exactly the intent's actions on the queue ARN", "[sqs][iam]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<sqs::Queue>("Orders");
  auto& sender = stack.add<iam::Role>("Sender", {.assumed_by = "lambda.amazonaws.com"});
  auto& consumer = stack.add<iam::Role>("Consumer", {.assumed_by = "lambda.amazonaws.com"});
  auto& purger = stack.add<iam::Role>("Purger", {.assumed_by = "lambda.amazonaws.com"});
  CHECK(queue.grant_send_messages(sender).success());
  CHECK(queue.grant_consume_messages(consumer, "read orders").success());
  CHECK(queue.grant_purge(purger).success());
  auto assembly = synthesize(app);
  json doc = json::parse(assembly.stacks[0].document.dump());
  json arn = json::parse(R"({"Fn::GetAtt": ["Orders", "Arn"]})");
  auto statement = [&](const char* policy) { return doc["Resources"][policy]["Properties"]["PolicyDocument"]["Statement"][0]; };
  CHECK(statement("SenderDefaultPolicy")["Action"] ==
        json::parse(R"(["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"])"));
  CHECK(statement("SenderDefaultPolicy")["Resource"] == arn);
  CHECK(statement("ConsumerDefaultPolicy")["Action"] ==
        json::parse(R"(["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                        "sqs:GetQueueUrl", "sqs:ReceiveMessage"])"));
  CHECK(statement("PurgerDefaultPolicy")["Action"] ==
        json::parse(R"(["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:PurgeQueue"])"));
  CHECK(assembly.stacks[0].comments.at("SenderDefaultPolicy") ==
        "Sender/DefaultPolicy/Resource: Allows Sender to send messages to queue Orders");
  CHECK(assembly.stacks[0].comments.at("ConsumerDefaultPolicy") == "Consumer/DefaultPolicy/Resource: Allows Consumer to read orders");
}

TEST_CASE("a resource policy statement creates the queue's Policy once", "[sqs][iam]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<sqs::Queue>("Orders");
  CHECK(queue.policy_resource() == nullptr);
  iam::PolicyStatement statement{.actions = {"sqs:SendMessage"},
                                 .resources = {queue.queue_arn()},
                                 .principals = {iam::Principal::service("sns.amazonaws.com")}};
  queue.add_to_resource_policy(statement, "Lets SNS send to queue Orders");
  queue.add_to_resource_policy(statement);
  json doc = template_of(app);
  json policy = doc["Resources"]["OrdersPolicy"];
  CHECK(policy["Type"] == "AWS::SQS::QueuePolicy");
  CHECK(policy["Properties"]["Queues"] == json::parse(R"([{"Ref": "Orders"}])"));
  CHECK(policy["Properties"]["PolicyDocument"]["Statement"] == json::parse(R"([{
    "Action": "sqs:SendMessage", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
    "Resource": {"Fn::GetAtt": ["Orders", "Arn"]}}])"));
}

TEST_CASE("fails on each queue value just outside its range", "[sqs][validation]") {
  // Props are set through a function: GCC 12 warns (maybe-uninitialized) on temporaries of
  // QueueProps built with designated initializers inside a container.
  auto check = [](const std::function<void(sqs::QueueProps&)>& set, const std::string& message) {
    App app;
    auto& stack = app.add<Stack>("S");
    sqs::QueueProps props;
    set(props);
    stack.add<sqs::Queue>("Q", props);
    CHECK(validation_message(app) == message);
  };
  check([](sqs::QueueProps& p) { p.visibility_timeout = Duration::seconds(43201); },
        "[S/Q] visibility timeout must be between 0 and 43200 seconds, got 43201");
  check([](sqs::QueueProps& p) { p.visibility_timeout = Duration::seconds(-1); },
        "[S/Q] visibility timeout must be between 0 and 43200 seconds, got -1");
  check([](sqs::QueueProps& p) { p.retention_period = Duration::seconds(59); },
        "[S/Q] retention period must be between 60 and 1209600 seconds, got 59");
  check([](sqs::QueueProps& p) { p.retention_period = Duration::seconds(1209601); },
        "[S/Q] retention period must be between 60 and 1209600 seconds, got 1209601");
  check([](sqs::QueueProps& p) { p.delivery_delay = Duration::seconds(901); },
        "[S/Q] delivery delay must be between 0 and 900 seconds, got 901");
  check([](sqs::QueueProps& p) { p.receive_message_wait_time = Duration::seconds(21); },
        "[S/Q] receive message wait time must be between 0 and 20 seconds, got 21");
  check([](sqs::QueueProps& p) { p.max_message_size_bytes = 1023; },
        "[S/Q] max message size must be between 1024 and 1048576 bytes, got 1023");
  check([](sqs::QueueProps& p) { p.max_message_size_bytes = 1048577; },
        "[S/Q] max message size must be between 1024 and 1048576 bytes, got 1048577");
  check([](sqs::QueueProps& p) { p.queue_name = "orders"; p.fifo = true; },
        "[S/Q] a FIFO queue name must end in .fifo, got 'orders'");
  check([](sqs::QueueProps& p) { p.queue_name = "orders.fifo"; },
        "[S/Q] queue name 'orders.fifo' ends in .fifo but the queue is not FIFO (set fifo = true)");
  check([](sqs::QueueProps& p) { p.queue_name = std::string(81, 'a'); },
        "[S/Q] queue name must be 1 to 80 characters of A-Z a-z 0-9 - _ (80 including .fifo), got '" +
                       std::string(81, 'a') + "' (81 characters)");
  check([](sqs::QueueProps& p) { p.queue_name = "orders!"; },
        "[S/Q] queue name must be 1 to 80 characters of A-Z a-z 0-9 - _ (80 including .fifo), got "
                   "'orders!' (7 characters)");
  check([](sqs::QueueProps& p) { p.content_based_deduplication = true; },
        "[S/Q] content-based deduplication applies only to FIFO queues (set fifo = true)");
}

TEST_CASE("accepts queue values at the edges of their ranges", "[sqs][validation]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<sqs::Queue>("Low", {.queue_name = std::string(75, 'a') + ".fifo", .fifo = true,
                                .visibility_timeout = Duration::seconds(0), .retention_period = Duration::seconds(60),
                                .delivery_delay = Duration::seconds(0), .receive_message_wait_time = Duration::seconds(0),
                                .max_message_size_bytes = 1024});
  stack.add<sqs::Queue>("High", {.queue_name = std::string(80, 'b'), .visibility_timeout = Duration::hours(12),
                                 .retention_period = Duration::days(14), .delivery_delay = Duration::seconds(900),
                                 .receive_message_wait_time = Duration::seconds(20),
                                 .max_message_size_bytes = 1048576});
  CHECK_NOTHROW(synthesize(app));
}

TEST_CASE("fails on a dead-letter queue that AWS would reject", "[sqs][validation]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& standard_dlq = stack.add<sqs::Queue>("StandardDlq");
  auto& fifo_dlq = stack.add<sqs::Queue>("FifoDlq", {.fifo = true});
  stack.add<sqs::Queue>("Fifo", {.fifo = true, .dead_letter_queue = sqs::DeadLetterQueue{&standard_dlq, 0}});
  stack.add<sqs::Queue>("Standard", {.dead_letter_queue = sqs::DeadLetterQueue{&fifo_dlq, 1001}});
  stack.add<sqs::Queue>("Ok", {.dead_letter_queue = sqs::DeadLetterQueue{&standard_dlq, 1000}});
  std::string message = validation_message(app);
  CHECK_THAT(message, Catch::Contains(
      "[S/Fifo] the dead-letter queue of a FIFO queue must also be a FIFO queue, got standard queue StandardDlq"));
  CHECK_THAT(message, Catch::Contains("[S/Fifo] dead-letter queue max receive count must be between 1 and 1000, got 0"));
  CHECK_THAT(message, Catch::Contains(
      "[S/Standard] the dead-letter queue of a standard queue must also be a standard queue, got FIFO queue FifoDlq"));
  CHECK_THAT(message,
             Catch::Contains("[S/Standard] dead-letter queue max receive count must be between 1 and 1000, got 1001"));
  CHECK_THAT(message, !Catch::Contains("[S/Ok]"));
}
