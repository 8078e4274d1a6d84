#pragma once

// SQS event source mappings (LOCAL-RUNTIME.md §3.5): the queue is polled on the clock,
// batches of BatchSize gathered within MaximumBatchingWindowInSeconds, the function invoked
// SYNCHRONOUSLY with the SQS event, the batch deleted on success, failed messages left to
// come back after the queue's visibility timeout (and to move to the queue's dead-letter
// queue after maxReceiveCount receives), ReportBatchItemFailures judged by every AWS rule.
//
// Polling: when a message may be available (a send, a redrive, a visibility set to 0) the
// poller polls after the batching window (1 s when the window is 0, the granularity of
// Lambda's long polling here, so messages sent together arrive as one batch), at once when a
// full batch is waiting; after a poll it polls again at once while messages are visible,
// else when the next in-flight or delayed message becomes visible.

#include <functional>
#include <string>
#include <vector>

#include "local/clock.hpp"
#include "local/lambda/async.hpp"
#include "local/sqs/sqs.hpp"
#include "local/timeline.hpp"

namespace formwork::local::lambda {

/// How Lambda judges a batch's result.
struct BatchVerdict {
  bool all_failed = false;
  /// Ids of the messages to keep (all of them when all_failed).
  std::vector<std::string> failed_ids;
  /// Why the whole batch failed ("function error", "itemIdentifier X is not in the batch", ...).
  std::string reason;
};

/// §3.5: a function error fails the whole batch. Without ReportBatchItemFailures the response
/// is ignored. With it: empty or null response, or empty or null `batchItemFailures` = complete
/// success; invalid JSON, a response or `batchItemFailures` of the wrong type, an entry without
/// `itemIdentifier` (bad key name), an empty-string or null `itemIdentifier`, or one that is not
/// a message id of the batch = complete failure; otherwise only the listed messages fail.
[[nodiscard]] BatchVerdict judge_batch(const Attempt& result, bool report_batch_item_failures,
                                       const std::vector<std::string>& message_ids);

struct MappingConfig {
  std::string id;            ///< the mapping's UUID or logical ID, for the timeline
  std::string function;      ///< function name
  std::string queue_arn;
  /// Default: 10.
  int batch_size = 10;
  /// Default: 0.
  int maximum_batching_window_s = 0;
  /// Default: false.
  bool report_batch_item_failures = false;
};

class SqsPoller {
 public:
  using SyncInvoke = std::function<Attempt(const std::string& function_name, const std::string& payload)>;

  SqsPoller(Clock& clock, Timeline& timeline, sqs::Sqs& sqs, MappingConfig config, SyncInvoke invoke);

  /// Starts listening to the queue (and polls if messages are already there).
  void start();
  /// Polls once now (a task on the clock; also callable from tests).
  void poll();

 private:
  void wake(Millis at);

  Clock& clock_;
  Timeline& timeline_;
  sqs::Sqs& sqs_;
  MappingConfig config_;
  SyncInvoke invoke_;
  std::string queue_name_;
  int max_receive_count_ = 0;
  std::mutex mutex_;
  Millis scheduled_at_ = -1;  // the pending poll, -1 when none
  Clock::TaskId scheduled_id_ = 0;
};

}  // namespace formwork::local::lambda
