#pragma once

#include <optional>

#include "constructs/core/duration.hpp"
#include "constructs/events/rule_target_input.hpp"

namespace formwork::sqs {
class Queue;
}

namespace formwork::events_targets {

/// What every target takes: where undeliverable events go, how long EventBridge retries, and
/// what it sends.
struct TargetProps {
  /// A standard queue that receives events EventBridge could not deliver; its policy lets this
  /// rule send to it. Default: none (undeliverable events are dropped).
  sqs::Queue* dead_letter_queue = nullptr;
  /// Delivery retries, 0 to 185. Default: EventBridge's 185.
  std::optional<int> retry_attempts = std::nullopt;
  /// How long EventBridge keeps retrying, 60 to 86400 s. Default: EventBridge's 24 hours.
  std::optional<Duration> max_event_age = std::nullopt;
  /// What to send instead of the matched event. Default: the event.
  std::optional<events::RuleTargetInput> input = std::nullopt;
};

}  // namespace formwork::events_targets
