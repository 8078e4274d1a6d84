#pragma once

#include <optional>
#include <string>

#include "constructs/core/value.hpp"

namespace formwork::events {
class Rule;
}
namespace formwork::sqs {
class Queue;
}

namespace formwork::events_targets::detail {

/// Lets `rule` send to `queue` (`sqs:SendMessage`, `GetQueueAttributes`, `GetQueueUrl` for
/// events.amazonaws.com with `ArnEquals aws:SourceArn` = the rule), as a target or as a
/// dead-letter queue; `why` completes the policy's comment.
void allow_rule_to_send(sqs::Queue& queue, events::Rule& rule, const std::string& why);

/// The dead-letter queue's ARN after allowing the rule to send to it, or nullopt for none.
[[nodiscard]] std::optional<Value> bind_dead_letter_queue(sqs::Queue* queue, events::Rule& rule);

}  // namespace formwork::events_targets::detail
