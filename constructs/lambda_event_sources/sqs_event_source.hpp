#pragma once

#include <optional>
#include <vector>

#include "constructs/core/duration.hpp"
#include "constructs/core/value.hpp"
#include "constructs/lambda/event_source.hpp"

namespace formwork::sqs {
class Queue;
}

namespace formwork::lambda_event_sources {

struct SqsEventSourceProps {
  /// Messages per invocation: 1 to 10, or up to 10,000 with a batching window.
  /// Default: Lambda's 10.
  std::optional<int> batch_size = std::nullopt;
  /// How long Lambda gathers messages before invoking, at most 300 s; not for FIFO queues.
  /// Default: none (invoke as soon as messages arrive).
  std::optional<Duration> max_batching_window = std::nullopt;
  /// The function returns `batchItemFailures`, so only the failed messages are retried.
  /// Default: false (a failed invocation retries the whole batch).
  bool report_batch_item_failures = false;
  /// Filter patterns (maps, written as JSON) that a message must match to be delivered.
  /// Default: every message.
  std::vector<Value> filters = {};
  /// Default: true (polling starts at deployment).
  bool enabled = true;
};

/// Invokes a function with batches of messages from an SQS queue: an event source mapping
/// (child `SqsEventSource<QueueId>` of the function) and the role's right to consume.
///
///   fn.add_event_source(lambda_event_sources::SqsEventSource(queue, {
///       .batch_size = 10, .report_batch_item_failures = true}));
class SqsEventSource : public lambda::IEventSource {
 public:
  SqsEventSource(sqs::Queue& queue, SqsEventSourceProps props = {}) : queue_(queue), props_(std::move(props)) {}
  void bind(lambda::Function& fn) const override;

 private:
  sqs::Queue& queue_;
  SqsEventSourceProps props_;
};

}  // namespace formwork::lambda_event_sources
