// Lint on templates synthesized from the S3 and DynamoDB constructs: an S3 notification to a
// function without failure handling (FW3001), a stream source without an on-failure
// destination (FW3006), and the fixes that silence each.
#include <catch2/catch.hpp>

#include <set>

#include "constructs/core/app.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/core/template_reader.hpp"
#include "constructs/dynamodb/table.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/lambda_event_sources/dynamo_event_source.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/s3_notifications/lambda_destination.hpp"
#include "constructs/sqs/queue.hpp"
#include "lint/lint.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using lambda_event_sources::DynamoEventSource;
using lambda_event_sources::StartingPosition;

namespace {

std::vector<lint::Finding> lint_app(App& app) {
  std::string text = render(synthesize(app).stacks.at(0));
  return lint::lint_template(parse_template(text, "S.yaml"), {.body_bytes = text.size()});
}

std::vector<lint::Finding> of_rule(const std::vector<lint::Finding>& findings, const std::string& id) {
  std::vector<lint::Finding> out;
  for (const auto& f : findings)
    if (f.rule_id == id) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("FW3001 flags an S3 notification to a function with no failure handling", "[lint][s3]") {
  for (bool with_destination : {false, true}) {
    App app;
    auto& stack = app.add<Stack>("S");
    auto& failures = stack.add<sqs::Queue>("Failures");
    lambda::SqsDestination on_failure(failures);
    auto props = testing::inline_function_props();
    if (with_destination) props.on_failure = &on_failure;
    auto& fn = stack.add<lambda::Function>("Resize", std::move(props));
    stack.add<s3::Bucket>("Uploads").add_object_created_notification(s3_notifications::LambdaDestination(fn));
    auto findings = of_rule(lint_app(app), "FW3001");
    INFO("with destination: " << with_destination);
    if (with_destination) {
      CHECK(findings.empty());
    } else {
      REQUIRE(findings.size() == 1);
      CHECK_THAT(findings[0].message, Catch::Contains("function Resize is invoked asynchronously (by permission ResizeUploadsPermission for "
                                                      "s3.amazonaws.com and 1 more)"));
    }
  }
}

TEST_CASE("FW3006 flags a DynamoDB stream source without an on-failure destination", "[lint][dynamodb]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& table = stack.add<dynamodb::Table>("Posts", {.partition_key = {.name = "id", .type = dynamodb::AttributeType::String},
                                                     .stream = dynamodb::StreamViewType::NewImage});
  auto& failed = stack.add<sqs::Queue>("Failed");
  auto& unbounded = stack.add<lambda::Function>("Unbounded", testing::inline_function_props());
  auto& bounded = stack.add<lambda::Function>("Bounded", testing::inline_function_props());
  auto& handled = stack.add<lambda::Function>("Handled", testing::inline_function_props());
  unbounded.add_event_source(DynamoEventSource(table, {.starting_position = StartingPosition::Latest}));
  bounded.add_event_source(DynamoEventSource(table, {.starting_position = StartingPosition::Latest, .retry_attempts = 2}));
  handled.add_event_source(DynamoEventSource(table, {.starting_position = StartingPosition::Latest,
                                                     .retry_attempts = 2, .on_failure_queue = &failed}));
  auto findings = of_rule(lint_app(app), "FW3006");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].logical_id == "UnboundedDynamoDBEventSourcePosts");
  CHECK_THAT(findings[0].message, Catch::Contains("reads the stream of DynamoDB table Posts without an on-failure "
                                                  "destination: a record the function cannot process is retried until it "
                                                  "expires (24 hours for a DynamoDB stream), blocking its shard"));
  CHECK(findings[1].logical_id == "BoundedDynamoDBEventSourcePosts");
  CHECK_THAT(findings[1].message, Catch::Contains("a batch that fails every retry is skipped without a trace"));
  CHECK(findings[0].severity == lint::Severity::Warning);
}

TEST_CASE("grant_stream_read's dynamodb:ListStreams on * is not an FW4002 finding", "[lint][dynamodb]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& table = stack.add<dynamodb::Table>("Posts", {.partition_key = {.name = "id", .type = dynamodb::AttributeType::String},
                                                     .stream = dynamodb::StreamViewType::NewImage});
  auto& failed = stack.add<sqs::Queue>("Failed");
  auto& fn = stack.add<lambda::Function>("Indexer", testing::inline_function_props());
  fn.add_event_source(DynamoEventSource(table, {.starting_position = StartingPosition::Latest, .on_failure_queue = &failed}));
  auto findings = lint_app(app);
  CHECK(of_rule(findings, "FW4002").empty());
  CHECK(of_rule(findings, "FW3006").empty());
}
