#include "stacks/upload_pipeline.hpp"

#include "constructs/core/cfn_output.hpp"
#include "constructs/dynamodb/table.hpp"
#include "constructs/events/event_bus.hpp"
#include "constructs/events/event_pattern.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events_targets/sqs_queue.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/lambda_event_sources/dynamo_event_source.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/s3_notifications/lambda_destination.hpp"
#include "constructs/sqs/queue.hpp"

namespace stacks {
using namespace formwork;

UploadPipeline::UploadPipeline(Construct& scope, std::string_view id, const StackProps& props)
    : Stack(scope, id, props.description.empty()
                           ? StackProps{.description = "S3 upload -> Ingest function -> EventBridge bus -> rule -> "
                                                       "queue, and the table's stream consumed by the Auditor function",
                                        .stack_name = props.stack_name}
                           : props) {
  // One place for everything the pipeline could not deliver or process: Lambda's on-failure
  // records (Ingest), the stream batches Auditor gave up on, and the events EventBridge could
  // not send to Thumbnails. Each message says where it came from.
  auto& failures = add<sqs::Queue>("Failures", {.retention_period = Duration::days(14)});
  failures.resource().set_comment(
      "Keeps, for 14 days, what the pipeline failed to process: Ingest's failed events, Auditor's failed stream "
      "batches, and events the rule could not deliver");
  lambda::SqsDestination on_failure(failures);

  auto& uploads = add<s3::Bucket>("Uploads", {
      .enforce_ssl = true,
      .lifecycle_rules = {{.id = "AbortIncompleteUploads",
                           .abort_incomplete_multipart_upload_after = Duration::days(1)}},
  });
  const dynamodb::Attribute file_key{.name = "key", .type = dynamodb::AttributeType::String};
  auto& files = add<dynamodb::Table>("Files", {
      .partition_key = file_key,
      .time_to_live_attribute = "expiresAt",
      .point_in_time_recovery = true,
      .stream = dynamodb::StreamViewType::NewAndOldImages,
  });
  auto& bus = add<events::EventBus>("FileEvents", {.description = "File Uploaded events from the Ingest function"});

  // S3 invokes Ingest asynchronously: two retries, then the on-failure record keeps the event
  // and the error (formwork lint flags a bucket notification to a function without one).
  auto& ingest = add<lambda::Function>("Ingest", {
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_asset("examples/handlers/upload_ingest"),
      .memory_size_mb = 256,
      .timeout = Duration::seconds(30),
      .environment = {{"TABLE_NAME", files.table_name()}, {"EVENT_BUS_NAME", bus.event_bus_name()}},
      .description = "Records each file uploaded under uploads/ in Files and puts a File Uploaded event on FileEvents",
      .log_retention_days = 14,
      .retry_attempts = 2,
      .on_failure = &on_failure,
  });
  uploads.grant_read(ingest);  // HeadObject: the content type
  files.grant_write_data(ingest);
  bus.grant_put_events_to(ingest);
  uploads.add_event_notification(s3::EventType::ObjectCreated, s3_notifications::LambdaDestination(ingest),
                                 {.prefix = "uploads/"});

  // Images only, reshaped to what a thumbnail worker needs. EventBridge retries a failed
  // delivery for an hour at most, then puts the event in Failures.
  auto& thumbnails = add<sqs::Queue>("Thumbnails", {.visibility_timeout = Duration::seconds(60)});
  thumbnails.resource().set_comment("Images to make thumbnails of, one message per uploaded image");
  auto& images = add<events::Rule>("ImageUploaded", {
      .event_pattern = events::EventPattern{
          .source = {"formwork.uploads"},
          .detail_type = {"File Uploaded"},
          .detail = {{"contentType", Value::list({events::match::prefix("image/")})}},
      }.to_value(),
      .description = "Uploaded images go to the Thumbnails queue",
      .event_bus = &bus,
  });
  images.add_target(events_targets::SqsQueue(thumbnails, {.target = {
      .dead_letter_queue = &failures,
      .retry_attempts = 8,
      .max_event_age = Duration::hours(1),
      .input = events::RuleTargetInput::from_template(
          R"({"bucket": "<bucket>", "key": "<key>", "size": <size>, "contentType": "<contentType>"})",
          {{"bucket", "$.detail.bucket"}, {"key", "$.detail.key"}, {"size", "$.detail.size"},
           {"contentType", "$.detail.contentType"}}),
  }}));

  auto& auditor = add<lambda::Function>("Auditor", {
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_asset("examples/handlers/file_audit"),
      .timeout = Duration::seconds(30),
      .description = "Logs the audit trail of the Files table (uploaded, expired, deleted) from its stream",
      .log_retention_days = 14,
  });
  // A stream record that keeps failing blocks its shard until it expires (24 hours) unless the
  // retries are bounded: bisect to find the bad record, three retries, an hour at most, then
  // the batch's description goes to Failures and the shard moves on.
  auditor.add_event_source(lambda_event_sources::DynamoEventSource(files, {
      .starting_position = lambda_event_sources::StartingPosition::TrimHorizon,
      .batch_size = 100,
      .max_batching_window = Duration::seconds(5),
      .bisect_batch_on_error = true,
      .retry_attempts = 3,
      .max_record_age = Duration::hours(1),
      .on_failure_queue = &failures,
      .report_batch_item_failures = true,
      .filters = {Value::map({{"eventName", Value::list({"INSERT", "REMOVE"})}})},
  }));

  add<CfnOutput>("BucketName", {.value = uploads.bucket_name(), .description = "Upload files under uploads/ here"});
  add<CfnOutput>("ThumbnailsQueueUrl",
                 {.value = thumbnails.queue_url(), .description = "URL of the queue of uploaded images"});
  add<CfnOutput>("FailuresQueueUrl",
                 {.value = failures.queue_url(), .description = "URL of the queue of everything that failed"});
  add<CfnOutput>("EventBusName", {.value = bus.event_bus_name(), .description = "The bus of File Uploaded events"});
}

}  // namespace stacks
