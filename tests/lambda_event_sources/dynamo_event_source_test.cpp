// formwork::lambda_event_sources::DynamoEventSource: the event source mapping on a table's
// stream, its grants, the on-failure destination and validation.
#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/dynamodb/table.hpp"
#include "constructs/lambda_event_sources/dynamo_event_source.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using assertions::Match;
using assertions::Template;
using lambda_event_sources::DynamoEventSource;
using lambda_event_sources::StartingPosition;
using testing::inline_function_props;
using testing::validation_errors;

namespace {
dynamodb::TableProps streamed() {
  return {.partition_key = {.name = "id", .type = dynamodb::AttributeType::String},
          .stream = dynamodb::StreamViewType::NewAndOldImages};
}
}  // namespace

TEST_CASE("a DynamoDB event source maps the table's stream to the function with every setting", "[lambda_event_sources]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& table = stack.add<dynamodb::Table>("Posts", streamed());
  auto& failed = stack.add<sqs::Queue>("Failed");
  auto& fn = stack.add<lambda::Function>("Indexer", inline_function_props());
  fn.add_event_source(DynamoEventSource(table, {
      .starting_position = StartingPosition::TrimHorizon,
      .batch_size = 50,
      .max_batching_window = Duration::seconds(5),
      .bisect_batch_on_error = true,
      .retry_attempts = 3,
      .max_record_age = Duration::hours(1),
      .parallelization_factor = 2,
      .on_failure_queue = &failed,
      .report_batch_item_failures = true,
      .filters = {Value::map({{"eventName", Value::list({"INSERT"})}})},
  }));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Lambda::EventSourceMapping", Match::exact(Match::json(R"({
    "BatchSize": 50, "BisectBatchOnFunctionError": true,
    "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["Failed", "Arn"]}}},
    "EventSourceArn": {"Fn::GetAtt": ["Posts", "StreamArn"]},
    "FilterCriteria": {"Filters": [{"Pattern": "{\"eventName\":[\"INSERT\"]}"}]},
    "FunctionName": {"Ref": "Indexer"}, "FunctionResponseTypes": ["ReportBatchItemFailures"],
    "MaximumBatchingWindowInSeconds": 5, "MaximumRecordAgeInSeconds": 3600, "MaximumRetryAttempts": 3,
    "ParallelizationFactor": 2, "StartingPosition": "TRIM_HORIZON"})")));
  t.has_resource_properties("AWS::IAM::Policy", Match::json(R"({"PolicyDocument": {"Statement": [
    {"Action": ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"], "Resource": {"Fn::GetAtt": ["Failed", "Arn"]}},
    {"Action": "dynamodb:ListStreams", "Resource": "*"},
    {"Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
     "Resource": {"Fn::GetAtt": ["Posts", "StreamArn"]}}]}})"));
  CHECK(synthesize(app).stacks[0].comments.at("IndexerDynamoDBEventSourcePosts") ==
        "Indexer/DynamoDBEventSourcePosts: Reads the stream of table Posts and invokes function Indexer with batches "
        "of up to 50 records, failed batches described in queue Failed");
}

TEST_CASE("a DynamoDB event source can describe failed batches on a topic", "[lambda_event_sources]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& table = stack.add<dynamodb::Table>("Posts", streamed());
  auto& topic = stack.add<sns::Topic>("Failures");
  auto& fn = stack.add<lambda::Function>("Indexer", inline_function_props());
  fn.add_event_source(DynamoEventSource(table, {.starting_position = StartingPosition::Latest, .on_failure_topic = &topic}));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Lambda::EventSourceMapping", Match::json(R"({"StartingPosition": "LATEST",
    "DestinationConfig": {"OnFailure": {"Destination": {"Ref": "Failures"}}}})"));
  t.has_resource_properties("AWS::IAM::Policy", Match::object_like({{"PolicyDocument", Match::object_like({
      {"Statement", Match::array_with({Match::json(R"({"Action": "sns:Publish", "Resource": {"Ref": "Failures"}})")})}})}}));
}

TEST_CASE("DynamoDB event source limits, a table without stream and two destinations are errors", "[lambda_event_sources]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& table = stack.add<dynamodb::Table>("Plain", {.partition_key = {.name = "id", .type = dynamodb::AttributeType::String}});
  auto& queue = stack.add<sqs::Queue>("Q", {.fifo = true});
  auto& topic = stack.add<sns::Topic>("T");
  auto& fn = stack.add<lambda::Function>("F", inline_function_props());
  fn.add_event_source(DynamoEventSource(table, {
      .starting_position = StartingPosition::Latest,
      .batch_size = 10001,
      .max_batching_window = Duration::seconds(301),
      .retry_attempts = 10001,
      .max_record_age = Duration::seconds(59),
      .parallelization_factor = 11,
      .on_failure_queue = &queue,
      .on_failure_topic = &topic,
  }));
  std::string errors = validation_errors(app);
  for (const char* expected : {
           "[S/F/DynamoDBEventSourcePlain] batch size must be between 1 and 10000, got 10001",
           "[S/F/DynamoDBEventSourcePlain] maximum batching window must be between 0 and 300 seconds, got 301",
           "[S/F/DynamoDBEventSourcePlain] retry attempts must be between 0 and 10000, got 10001",
           "[S/F/DynamoDBEventSourcePlain] maximum record age must be between 60 and 604800 seconds, got 59",
           "[S/F/DynamoDBEventSourcePlain] parallelization factor must be between 1 and 10, got 11",
           "[S/F/DynamoDBEventSourcePlain] table Plain has no stream",
           "[S/F/DynamoDBEventSourcePlain] give on_failure_queue or on_failure_topic, not both",
           "[S/F/DynamoDBEventSourcePlain] the on-failure destination of a stream must be a standard queue, got FIFO queue Q",
       }) {
    INFO(errors);
    CHECK_THAT(errors, Catch::Contains(expected));
  }
}
