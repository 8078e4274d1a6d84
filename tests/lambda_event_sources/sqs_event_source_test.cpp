#include <catch2/catch.hpp>

#include "constructs/lambda_event_sources/sqs_event_source.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using formwork::testing::inline_function_props;
using formwork::testing::validation_errors;
using json = nlohmann::ordered_json;

namespace {

std::string errors_for(lambda_event_sources::SqsEventSourceProps props, sqs::QueueProps queue_props = {},
                       Duration timeout = Duration::seconds(3)) {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<sqs::Queue>("Q", std::move(queue_props));
  auto fn_props = inline_function_props();
  fn_props.timeout = timeout;
  auto& fn = stack.add<lambda::Function>("F", std::move(fn_props));
  fn.add_event_source(lambda_event_sources::SqsEventSource(queue, std::move(props)));
  return validation_errors(app);
}

}  // namespace

TEST_CASE("an SQS event source maps the queue to the function and grants consuming", "[lambda_event_sources]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<sqs::Queue>("Jobs");
  auto& fn = stack.add<lambda::Function>("Worker", inline_function_props());
  fn.add_event_source(lambda_event_sources::SqsEventSource(queue, {
      .batch_size = 10,
      .report_batch_item_failures = true,
      .filters = {Value::map({{"body", Value::map({{"kind", Value::list({"order"})}})}})},
  }));
  auto doc = synthesize(app).stacks[0].document;
  const auto& mapping = doc["Resources"]["WorkerSqsEventSourceJobs"];
  CHECK(mapping["Type"] == "AWS::Lambda::EventSourceMapping");
  CHECK(mapping["Properties"] == json::parse(R"({"BatchSize":10,"EventSourceArn":{"Fn::GetAtt":["Jobs","Arn"]},
      "FilterCriteria":{"Filters":[{"Pattern":"{\"body\":{\"kind\":[\"order\"]}}"}]},
      "FunctionName":{"Ref":"Worker"},"FunctionResponseTypes":["ReportBatchItemFailures"]})"));
  CHECK(nlohmann::json::parse(doc["Resources"]["WorkerServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"].dump()) ==
        nlohmann::json::parse(R"([{"Action":["sqs:ChangeMessageVisibility","sqs:DeleteMessage","sqs:GetQueueAttributes",
            "sqs:GetQueueUrl","sqs:ReceiveMessage"],"Effect":"Allow","Resource":{"Fn::GetAtt":["Jobs","Arn"]}}])"));
}

TEST_CASE("an SQS batch is 1 to 10 messages, or up to 10000 with a batching window", "[lambda_event_sources]") {
  CHECK(errors_for({.batch_size = 0}) ==
        "[S/F/SqsEventSourceQ] batch size must be between 1 and 10 (up to 10000 with a batching window), got 0");
  CHECK(errors_for({.batch_size = 11}) ==
        "[S/F/SqsEventSourceQ] batch size must be between 1 and 10 (up to 10000 with a batching window), got 11");
  CHECK(errors_for({.batch_size = 10000, .max_batching_window = Duration::seconds(1)}).empty());
  CHECK(errors_for({.batch_size = 10001, .max_batching_window = Duration::seconds(1)}) ==
        "[S/F/SqsEventSourceQ] batch size must be between 1 and 10000 with a batching window, got 10001");
}

TEST_CASE("an SQS batching window is at most 300 seconds and not on FIFO queues", "[lambda_event_sources]") {
  CHECK(errors_for({.max_batching_window = Duration::seconds(300)}).empty());
  CHECK(errors_for({.max_batching_window = Duration::seconds(301)}) ==
        "[S/F/SqsEventSourceQ] maximum batching window must be between 0 and 300 seconds, got 301");
  CHECK(errors_for({.max_batching_window = Duration::seconds(5)}, {.fifo = true}) ==
        "[S/F/SqsEventSourceQ] a FIFO queue takes no batching window, got 5 seconds");
}

TEST_CASE("a queue whose visibility timeout is shorter than the function timeout is an error", "[lambda_event_sources]") {
  CHECK(errors_for({}, {}, Duration::seconds(31)) ==
        "[S/F/SqsEventSourceQ] queue Q has a visibility timeout of 30 seconds, shorter than the 31 second timeout "
        "of function F (AWS rejects the event source mapping)");
  CHECK(errors_for({}, {.visibility_timeout = Duration::seconds(60)}, Duration::seconds(60)).empty());
}
