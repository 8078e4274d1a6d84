#include "constructs/events_targets/sqs_queue.hpp"

#include "constructs/events_targets/detail/target_access.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::events_targets {

events::RuleTargetConfig SqsQueue::bind(events::Rule& rule, std::string /*target_id*/) const {
  detail::allow_rule_to_send(queue_, rule, "target");
  const sqs::Queue* queue = &queue_;
  const bool has_group = props_.message_group_id.has_value();
  rule.node().add_validation([queue, has_group]() -> std::vector<std::string> {
    if (queue->fifo() && !has_group) return {"FIFO queue target " + queue->node().id() + " needs a message_group_id"};
    if (!queue->fifo() && has_group)
      return {"message_group_id applies only to FIFO queues, and queue " + queue->node().id() + " is standard"};
    return {};
  });
  return {.arn = queue_.queue_arn(),
          .target_input = props_.target.input,
          .message_group_id = props_.message_group_id,
          .dead_letter_arn = detail::bind_dead_letter_queue(props_.target.dead_letter_queue, rule),
          .retry_attempts = props_.target.retry_attempts,
          .max_event_age = props_.target.max_event_age};
}

}  // namespace formwork::events_targets
