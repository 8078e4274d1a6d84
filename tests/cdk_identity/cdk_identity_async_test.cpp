// CDK's logical IDs for the asynchronous family: DynamoDB tables, streams and grants; an S3
// bucket's grants, policy and notifications; EventBridge buses, a pattern rule and its targets.
// The trees are those of cdk_app.js; see cdk_identity.hpp.
#include "tests/cdk_identity/cdk_identity.hpp"

#include "constructs/dynamodb/table.hpp"
#include "constructs/events/event_bus.hpp"
#include "constructs/events/event_pattern.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events_targets/event_bus.hpp"
#include "constructs/events_targets/lambda_function.hpp"
#include "constructs/events_targets/sns_topic.hpp"
#include "constructs/events_targets/sqs_queue.hpp"
#include "constructs/lambda_event_sources/dynamo_event_source.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/s3_notifications/lambda_destination.hpp"
#include "constructs/s3_notifications/sns_destination.hpp"
#include "constructs/s3_notifications/sqs_destination.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"

using namespace formwork;
using cdk_identity::check_stack;
using cdk_identity::function;

namespace {

dynamodb::Table& sessions_table(Stack& stack) {
  dynamodb::TableProps props{.partition_key = {.name = "pk", .type = dynamodb::AttributeType::String}};
  props.sort_key = dynamodb::Attribute{.name = "sk", .type = dynamodb::AttributeType::Number};
  props.time_to_live_attribute = "expires";
  props.point_in_time_recovery = true;
  dynamodb::GlobalSecondaryIndex by_sk{.index_name = "bySk", .partition_key = *props.sort_key};
  props.global_secondary_indexes.push_back(std::move(by_sk));
  props.removal_policy = RemovalPolicy::Delete;
  return stack.add<dynamodb::Table>("Sessions", std::move(props));
}

}  // namespace

TEST_CASE("DynamoDB tables, stream event sources and table grants get CDK's logical IDs",
          "[cdk-identity][logical-ids][dynamodb]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("StreamConsumer");
  auto& orders = stack.add<dynamodb::Table>(
      "Orders", dynamodb::TableProps{
                    .partition_key = {.name = "id", .type = dynamodb::AttributeType::String},
                    .stream = dynamodb::StreamViewType::NewImage,
                });
  function(stack, "Consumer")
      .add_event_source(lambda_event_sources::DynamoEventSource(
          orders, {.starting_position = lambda_event_sources::StartingPosition::Latest}));
  auto& poison = stack.add<sqs::Queue>("Poison");
  auto& archiver = function(stack, "Archiver");
  archiver.add_event_source(lambda_event_sources::DynamoEventSource(
      orders, {.starting_position = lambda_event_sources::StartingPosition::TrimHorizon,
               .bisect_batch_on_error = true,
               .retry_attempts = 3,
               .on_failure_queue = &poison}));
  auto& sessions = sessions_table(stack);
  auto& reader = function(stack, "Reader");
  sessions.grant_read_data(reader);
  orders.grant_write_data(reader);
  sessions.grant_read_write_data(archiver);
  orders.grant_stream_read(reader);
  check_stack(app, "StreamConsumer");
}

TEST_CASE("an S3 bucket's grants, policy and notifications to a function, a queue and a topic get CDK's logical IDs",
          "[cdk-identity][logical-ids][s3]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("UploadPipeline");
  auto& uploads = stack.add<s3::Bucket>("Uploads", {.versioned = true, .enforce_ssl = true});
  auto& ingest = function(stack, "Ingest");
  uploads.grant_read_write(ingest);
  uploads.add_event_notification(s3::EventType::ObjectCreated, s3_notifications::LambdaDestination(ingest),
                                 {.prefix = "incoming/"});
  uploads.add_event_notification(s3::EventType::ObjectRemoved, s3_notifications::LambdaDestination(ingest),
                                 {.prefix = "incoming/"});
  auto& audit = stack.add<sqs::Queue>("Audit");
  uploads.add_event_notification(s3::EventType::ObjectRemoved, s3_notifications::SqsDestination(audit),
                                 {.prefix = "archive/"});
  auto& images = stack.add<sns::Topic>("Images");
  uploads.add_event_notification(s3::EventType::ObjectCreated, s3_notifications::SnsDestination(images),
                                 {.prefix = "images/", .suffix = ".jpg"});
  stack.add<s3::Bucket>("Scratch", {.removal_policy = RemovalPolicy::Delete, .auto_delete_objects = true});
  stack.add<s3::Bucket>("Observed", {.event_bridge_enabled = true});
  auto& archive = stack.add<s3::Bucket>("Archive");
  auto& auditor = function(stack, "Auditor");
  archive.grant_read(auditor);
  archive.grant_put(ingest);
  archive.grant_delete(auditor);
  archive.grant_write(auditor);
  check_stack(app, "UploadPipeline");
}

TEST_CASE("event buses, a pattern rule and its queue, topic, bus and function targets get CDK's logical IDs",
          "[cdk-identity][logical-ids][events]") {
  App app = cdk_identity::cdk_app();
  auto& stack = app.add<Stack>("EventPipeline");
  auto& bus = stack.add<events::EventBus>("Bus");
  auto& central = stack.add<events::EventBus>("Central");
  auto& undelivered = stack.add<sqs::Queue>("Undelivered");
  auto& stored = stack.add<events::Rule>(
      "Stored", {.event_pattern = events::EventPattern{.source = {"app.uploads"},
                                                       .detail_type = {"Object Stored"},
                                                       .detail = {{"size", Value::list({events::match::numeric(">", 0)})}}}
                                      .to_value(),
                 .event_bus = &bus});
  auto& work = stack.add<sqs::Queue>("Work");
  stored.add_target(events_targets::SqsQueue(
      work, {.target = {.dead_letter_queue = &undelivered,
                        .retry_attempts = 3,
                        .max_event_age = Duration::hours(2),
                        .input = events::RuleTargetInput::from_event_path("$.detail")}}));
  auto& notices = stack.add<sns::Topic>("Notices");
  stored.add_target(events_targets::SnsTopic(
      notices, {.dead_letter_queue = &undelivered,
                .input = events::RuleTargetInput::from_template(R"({"key": <key>})", {{"key", "$.detail.key"}})}));
  stored.add_target(events_targets::EventBus(central, {.dead_letter_queue = &undelivered}));
  auto& handler = function(stack, "Handler");
  stored.add_target(events_targets::LambdaFunction(handler, {.retry_attempts = 2, .dead_letter_queue = &undelivered}));
  bus.grant_put_events_to(handler);
  stack.add<events::Rule>("Forwarded", {.event_pattern = events::EventPattern{.source = {"app.uploads"}}.to_value(),
                                        .event_bus = &central})
      .add_target(events_targets::LambdaFunction(handler));
  check_stack(app, "EventPipeline");
}
