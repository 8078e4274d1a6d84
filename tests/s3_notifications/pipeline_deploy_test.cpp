// An upload pipeline built from the S3, DynamoDB and EventBridge constructs (a bucket notifying a
// function it granted access to, a queue and a topic; a custom bus, a rule and its targets; a
// table stream consumer): cfn-lint on its template, and a deploy to moto_server showing that
// CloudFormation accepts it with no dependency cycle.
#include <map>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/dynamodb/table.hpp"
#include "constructs/events/event_bus.hpp"
#include "constructs/events/event_pattern.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events_targets/event_bus.hpp"
#include "constructs/events_targets/sns_topic.hpp"
#include "constructs/events_targets/sqs_queue.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/lambda_event_sources/dynamo_event_source.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/s3_notifications/lambda_destination.hpp"
#include "constructs/s3_notifications/sns_destination.hpp"
#include "constructs/s3_notifications/sqs_destination.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"
#include "tests/support/moto_stack.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;

namespace {

SynthesizedStack synth_pipeline(App& app) {
  auto& stack = app.add<Stack>("Pipeline");
  auto& failures = stack.add<sqs::Queue>("Failures", {.retention_period = Duration::days(14)});
  lambda::SqsDestination on_failure(failures);
  auto props = [&] {
    auto p = testing::inline_function_props();
    p.on_failure = &on_failure;
    return p;
  };
  auto& ingest = stack.add<lambda::Function>("Ingest", props());
  auto& uploads = stack.add<s3::Bucket>("Uploads", {.versioned = true, .enforce_ssl = true,
                                                   .removal_policy = RemovalPolicy::Delete});
  uploads.grant_read_write(ingest);
  uploads.add_object_created_notification(s3_notifications::LambdaDestination(ingest), {.prefix = "in/"});
  auto& audit = stack.add<sns::Topic>("Audit");
  auto& jobs = stack.add<sqs::Queue>("Jobs", {.visibility_timeout = Duration::seconds(60)});
  uploads.add_object_removed_notification(s3_notifications::SnsDestination(audit));
  uploads.add_object_created_notification(s3_notifications::SqsDestination(jobs), {.prefix = "jobs/"});

  auto& bus = stack.add<events::EventBus>("Bus");
  bus.grant_put_events_to(ingest);
  auto& central = stack.add<events::EventBus>("Central");
  auto& rule = stack.add<events::Rule>("Stored", {
      .event_pattern = events::EventPattern{.source = {"uploads"},
                                            .detail = {{"key", Value::list({events::match::prefix("in/")})}}}.to_value(),
      .event_bus = &bus});
  rule.add_target(events_targets::SqsQueue(jobs, {.target = {
      .dead_letter_queue = &failures, .retry_attempts = 3,
      .input = events::RuleTargetInput::from_template(R"({"key": <key>})", {{"key", "$.detail.key"}})}}));
  rule.add_target(events_targets::SnsTopic(audit));
  rule.add_target(events_targets::EventBus(central, {.dead_letter_queue = &failures}));

  auto& files = stack.add<dynamodb::Table>("Files", {
      .partition_key = {.name = "key", .type = dynamodb::AttributeType::String},
      .stream = dynamodb::StreamViewType::NewAndOldImages, .removal_policy = RemovalPolicy::Delete});
  files.grant_read_write_data(ingest);
  auto& indexer = stack.add<lambda::Function>("Indexer", props());
  indexer.add_event_source(lambda_event_sources::DynamoEventSource(files, {
      .starting_position = lambda_event_sources::StartingPosition::TrimHorizon, .bisect_batch_on_error = true,
      .retry_attempts = 3, .on_failure_queue = &failures}));
  return synthesize(app).stacks.at(0);
}

}  // namespace

TEST_CASE("the upload pipeline passes cfn-lint and formwork lint", "[s3][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  App app;
  auto stack = synth_pipeline(app);
  auto result = testing::cfn_lint(stack);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
}

TEST_CASE("the upload pipeline deploys to moto: bucket under its known name, stream mapping, rule on the bus", "[s3][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server")) return;
  App app;
  auto stack = synth_pipeline(app);
  testing::MotoServer moto;
  testing::deploy(moto, stack);
  // moto lists the queue, topic and bucket policies without a logical ID (it only records
  // them), so the resources are read here rather than with testing::deployed_resources.
  std::map<std::string, std::string> physical;
  auto listed = testing::aws_json(moto, {"cloudformation", "list-stack-resources", "--stack-name", stack.name});
  for (const auto& summary : listed["StackResourceSummaries"]) {
    CHECK(summary["ResourceStatus"] == "CREATE_COMPLETE");
    if (!summary.value("LogicalResourceId", "").empty())
      physical[summary["LogicalResourceId"].get<std::string>()] = summary.value("PhysicalResourceId", "");
  }
  for (const char* id : {"Uploads", "IngestUploadsPermission", "Ingest", "Indexer", "IndexerDynamoDBEventSourceFiles",
                         "Files", "Bus", "Central", "Stored", "StoredEventsRole"}) {
    INFO(id);
    CHECK(physical.count(id) == 1);
  }
  CHECK(physical.at("Uploads") == "pipeline-uploads-21bdbd74-123456789012-us-east-1");
  auto buckets = testing::aws_json(moto, {"s3api", "list-buckets"})["Buckets"];
  REQUIRE(buckets.size() == 1);
  CHECK(buckets[0]["Name"] == physical.at("Uploads"));
  auto mappings = testing::aws_json(moto, {"lambda", "list-event-source-mappings", "--function-name", physical.at("Indexer")});
  REQUIRE(mappings["EventSourceMappings"].size() == 1);
  CHECK(mappings["EventSourceMappings"][0]["StartingPosition"] == "TRIM_HORIZON");
  auto rule = testing::aws_json(moto, {"events", "describe-rule", "--name", physical.at("Stored"), "--event-bus-name",
                                       "Pipeline-Bus"});
  CHECK(rule["EventBusName"] == "Pipeline-Bus");
}
