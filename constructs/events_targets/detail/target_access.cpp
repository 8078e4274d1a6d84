#include "constructs/events_targets/detail/target_access.hpp"

#include "constructs/events/rule.hpp"
#include "constructs/iam/policy_statement.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::events_targets::detail {

void allow_rule_to_send(sqs::Queue& queue, events::Rule& rule, const std::string& why) {
  queue.add_to_resource_policy(
      iam::PolicyStatement{.actions = {"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"},
                           .resources = {queue.queue_arn()},
                           .principals = {iam::Principal::service("events.amazonaws.com")},
                           .conditions = {{"ArnEquals", Value::map({{"aws:SourceArn", rule.rule_arn()}})}}},
      "Lets EventBridge rule " + rule.node().id() + " send to queue " + queue.node().id() + " (" + why + ")");
}

std::optional<Value> bind_dead_letter_queue(sqs::Queue* queue, events::Rule& rule) {
  if (queue == nullptr) return std::nullopt;
  allow_rule_to_send(*queue, rule, "events it could not deliver");
  const sqs::Queue* dlq = queue;
  rule.node().add_validation([dlq]() -> std::vector<std::string> {
    if (!dlq->fifo()) return {};
    return {"the dead-letter queue of a rule target must be a standard queue, got FIFO queue " + dlq->node().id()};
  });
  return queue->queue_arn();
}

}  // namespace formwork::events_targets::detail
