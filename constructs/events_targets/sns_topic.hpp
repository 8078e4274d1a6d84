#pragma once

#include "constructs/events/rule.hpp"
#include "constructs/events_targets/target_props.hpp"

namespace formwork::sns {
class Topic;
}

namespace formwork::events_targets {

/// Sends a rule's events to an SNS topic, and lets the rule publish to it (a statement in the
/// topic's policy for events.amazonaws.com, scoped to the rule's ARN).
///
///   stored.add_target(events_targets::SnsTopic(alerts, {.retry_attempts = 10}));
class SnsTopic : public events::IRuleTarget {
 public:
  explicit SnsTopic(sns::Topic& topic, TargetProps props = {}) : topic_(topic), props_(std::move(props)) {}
  [[nodiscard]] events::RuleTargetConfig bind(events::Rule& rule, std::string target_id) const override;

 private:
  sns::Topic& topic_;
  TargetProps props_;
};

}  // namespace formwork::events_targets
