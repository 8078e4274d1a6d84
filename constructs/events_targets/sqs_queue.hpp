#pragma once

#include <optional>

#include "constructs/events/rule.hpp"
#include "constructs/events_targets/target_props.hpp"

namespace formwork::sqs {
class Queue;
}

namespace formwork::events_targets {

struct SqsQueueProps {
  /// Dead-letter queue, retries, input. Default: none of them.
  TargetProps target = {};
  /// FIFO queues only (and required for them): the message group of every message. Default: none.
  std::optional<Value> message_group_id = std::nullopt;
};

/// Sends a rule's events to an SQS queue, and lets the rule send to it (a statement in the
/// queue's policy for events.amazonaws.com, scoped to the rule's ARN).
///
///   stored.add_target(events_targets::SqsQueue(jobs, {.target = {.dead_letter_queue = &dlq}}));
class SqsQueue : public events::IRuleTarget {
 public:
  explicit SqsQueue(sqs::Queue& queue, SqsQueueProps props = {}) : queue_(queue), props_(std::move(props)) {}
  [[nodiscard]] events::RuleTargetConfig bind(events::Rule& rule, std::string target_id) const override;

 private:
  sqs::Queue& queue_;
  SqsQueueProps props_;
};

}  // namespace formwork::events_targets
