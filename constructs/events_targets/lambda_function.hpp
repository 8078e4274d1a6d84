#pragma once

#include <optional>

#include "constructs/core/duration.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events/rule_target_input.hpp"

namespace formwork::lambda {
class Function;
}
namespace formwork::sqs {
class Queue;
}

namespace formwork::events_targets {

struct LambdaFunctionProps {
  /// Fixed JSON text sent to the function instead of the event. Default: the event.
  std::optional<Value> event = std::nullopt;
  /// Delivery retries, 0-185. Default: EventBridge's (185).
  std::optional<int> retry_attempts = std::nullopt;
  /// How long EventBridge keeps retrying, 60-86400 s. Default: EventBridge's (24 hours).
  std::optional<Duration> max_event_age = std::nullopt;
  /// A standard queue for events EventBridge could not deliver. Default: none.
  sqs::Queue* dead_letter_queue = nullptr;
  /// What to send instead of the event (a part of it, a template). Default: the event.
  std::optional<events::RuleTargetInput> input = std::nullopt;
};

/// Sends a rule's events to a Lambda function, and lets EventBridge invoke the function for
/// that rule only (a permission for `events.amazonaws.com` with `SourceArn` = the rule).
///
///   timer.add_target(events_targets::LambdaFunction(fn));
class LambdaFunction : public events::IRuleTarget {
 public:
  explicit LambdaFunction(lambda::Function& handler, LambdaFunctionProps props = {});
  [[nodiscard]] events::RuleTargetConfig bind(events::Rule& rule, std::string target_id) const override;

 private:
  lambda::Function* handler_;
  LambdaFunctionProps props_;
};

}  // namespace formwork::events_targets
