#include "constructs/lambda_event_sources/dynamo_event_source.hpp"

#include "constructs/dynamodb/table.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/lambda_event_sources/detail/filter_criteria.hpp"
#include "constructs/lambda_event_sources/detail/mapping.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::lambda_event_sources {
namespace {

struct RangeCheck {
  const char* what;
  std::optional<std::int64_t> value;
  std::int64_t min;
  std::int64_t max;
  const char* unit;
};

std::optional<std::int64_t> seconds_of(const std::optional<Duration>& d) {
  return d ? std::optional<std::int64_t>(d->to_seconds()) : std::nullopt;
}

std::vector<std::string> validate(const DynamoEventSourceProps& props, const dynamodb::Table& table) {
  std::vector<std::string> errors;
  const RangeCheck checks[] = {
      {"batch size", props.batch_size, 1, 10000, ""},
      {"maximum batching window", seconds_of(props.max_batching_window), 0, 300, " seconds"},
      {"retry attempts", props.retry_attempts, 0, 10000, ""},
      {"maximum record age", seconds_of(props.max_record_age), 60, 604800, " seconds"},
      {"parallelization factor", props.parallelization_factor, 1, 10, ""},
  };
  for (const auto& c : checks)
    if (c.value && (*c.value < c.min || *c.value > c.max))
      errors.push_back(std::string(c.what) + " must be between " + std::to_string(c.min) + " and " +
                       std::to_string(c.max) + c.unit + ", got " + std::to_string(*c.value));
  if (!table.has_stream())
    errors.push_back("table " + table.node().id() + " has no stream (set its stream, e.g. StreamViewType::NewAndOldImages)");
  if (props.on_failure_queue != nullptr && props.on_failure_topic != nullptr)
    errors.push_back("give on_failure_queue or on_failure_topic, not both");
  if (props.on_failure_queue != nullptr && props.on_failure_queue->fifo())
    errors.push_back("the on-failure destination of a stream must be a standard queue, got FIFO queue " +
                     props.on_failure_queue->node().id());
  return errors;
}

std::string batch_words(const DynamoEventSourceProps& props) {
  return "batches of up to " + std::to_string(props.batch_size.value_or(100)) + " records";
}

}  // namespace

void DynamoEventSource::bind(lambda::Function& fn) const {
  dynamodb::Table& table = table_;
  const std::string table_id = table.node().id();
  auto& mapping = detail::add_mapping(fn, "DynamoDBEventSource", table);
  mapping.set_property("EventSourceArn", table.table_stream_arn());
  mapping.set_property("FunctionName", fn.function_name());
  mapping.set_property("StartingPosition",
                       props_.starting_position == StartingPosition::TrimHorizon ? "TRIM_HORIZON" : "LATEST");
  if (props_.batch_size) mapping.set_property("BatchSize", *props_.batch_size);
  if (props_.max_batching_window)
    mapping.set_property("MaximumBatchingWindowInSeconds", props_.max_batching_window->to_seconds());
  if (props_.bisect_batch_on_error) mapping.set_property("BisectBatchOnFunctionError", true);
  if (props_.retry_attempts) mapping.set_property("MaximumRetryAttempts", *props_.retry_attempts);
  if (props_.max_record_age) mapping.set_property("MaximumRecordAgeInSeconds", props_.max_record_age->to_seconds());
  if (props_.parallelization_factor) mapping.set_property("ParallelizationFactor", *props_.parallelization_factor);
  if (props_.report_batch_item_failures)
    mapping.set_property("FunctionResponseTypes", Value::list({"ReportBatchItemFailures"}));
  if (!props_.filters.empty()) mapping.set_property("FilterCriteria", detail::filter_criteria(props_.filters));
  if (!props_.enabled) mapping.set_property("Enabled", false);

  std::string comment = "Reads the stream of table " + table_id + " and invokes function " + fn.node().id() +
                        " with " + batch_words(props_);
  std::optional<Value> destination;
  if (props_.on_failure_queue != nullptr) {
    destination = props_.on_failure_queue->queue_arn();
    props_.on_failure_queue->grant_send_messages(fn, "describe failed batches of table " + table_id + " in queue " +
                                                         props_.on_failure_queue->node().id());
    comment += ", failed batches described in queue " + props_.on_failure_queue->node().id();
  } else if (props_.on_failure_topic != nullptr) {
    destination = props_.on_failure_topic->topic_arn();
    props_.on_failure_topic->grant_publish(fn, "describe failed batches of table " + table_id + " on topic " +
                                                   props_.on_failure_topic->node().id());
    comment += ", failed batches described on topic " + props_.on_failure_topic->node().id();
  }
  if (destination)
    mapping.set_property("DestinationConfig",
                         Value::map({{"OnFailure", Value::map({{"Destination", std::move(*destination)}})}}));
  mapping.set_comment(comment);

  table.grant_stream_read(fn, "read the stream of table " + table_id + " (event source)");

  DynamoEventSourceProps props = props_;
  mapping.node().add_validation([props, &table]() { return validate(props, table); });
}

}  // namespace formwork::lambda_event_sources
