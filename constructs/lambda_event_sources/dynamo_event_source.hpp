#pragma once

#include <optional>
#include <vector>

#include "constructs/core/duration.hpp"
#include "constructs/core/value.hpp"
#include "constructs/lambda/event_source.hpp"

namespace formwork::dynamodb {
class Table;
}
namespace formwork::sqs {
class Queue;
}
namespace formwork::sns {
class Topic;
}

namespace formwork::lambda_event_sources {

/// Where reading a stream starts when the mapping is created.
enum class StartingPosition {
  /// The oldest record still in the stream (24 hours back).
  TrimHorizon,
  /// Only records written after the mapping exists.
  Latest,
};

struct DynamoEventSourceProps {
  /// Required.
  StartingPosition starting_position;
  /// Records per invocation, 1 to 10000. Default: Lambda's 100.
  std::optional<int> batch_size = std::nullopt;
  /// How long Lambda gathers records before invoking, 0 to 300 s. Default: none.
  std::optional<Duration> max_batching_window = std::nullopt;
  /// On an error, split the batch in two and retry each half, to isolate a bad record.
  /// Default: false.
  bool bisect_batch_on_error = false;
  /// Retries of a failed batch, 0 to 10000. Default: Lambda's -1 (retry until the record expires,
  /// which for a DynamoDB stream is 24 hours, blocking the shard).
  std::optional<int> retry_attempts = std::nullopt;
  /// Records older than this are skipped, 60 s to 7 days. Default: Lambda's -1 (never).
  std::optional<Duration> max_record_age = std::nullopt;
  /// Batches processed at once per shard, 1 to 10. Default: Lambda's 1.
  std::optional<int> parallelization_factor = std::nullopt;
  /// Where the records of a batch that failed every attempt are described (SQS queue).
  /// Default: none (they are dropped).
  sqs::Queue* on_failure_queue = nullptr;
  /// Like on_failure_queue, an SNS topic. Default: none.
  sns::Topic* on_failure_topic = nullptr;
  /// The function returns `batchItemFailures`, so only the records from the first failed one on
  /// are retried. Default: false.
  bool report_batch_item_failures = false;
  /// Filter patterns (maps, written as JSON) that a record must match. Default: every record.
  std::vector<Value> filters = {};
  /// Default: true.
  bool enabled = true;
};

/// Invokes a function with batches of records from a DynamoDB table's stream: an event source
/// mapping (child `DynamoDBEventSource<TableId>` of the function), the role's right to read the
/// stream, and to send to the on-failure destination.
///
///   fn.add_event_source(lambda_event_sources::DynamoEventSource(table, {
///       .starting_position = lambda_event_sources::StartingPosition::TrimHorizon,
///       .bisect_batch_on_error = true, .retry_attempts = 3, .on_failure_queue = &failed}));
class DynamoEventSource : public lambda::IEventSource {
 public:
  DynamoEventSource(dynamodb::Table& table, DynamoEventSourceProps props) : table_(table), props_(std::move(props)) {}
  void bind(lambda::Function& fn) const override;

 private:
  dynamodb::Table& table_;
  DynamoEventSourceProps props_;
};

}  // namespace formwork::lambda_event_sources
