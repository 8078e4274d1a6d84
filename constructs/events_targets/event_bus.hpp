#pragma once

#include "constructs/events/rule.hpp"
#include "constructs/events_targets/target_props.hpp"

namespace formwork::events {
class EventBus;
}

namespace formwork::events_targets {

/// Forwards a rule's events to another event bus: a role `EventsRole` under the rule, assumed by
/// events.amazonaws.com, with `events:PutEvents` on that bus. Of TargetProps it takes only the
/// dead-letter queue (as CDK's EventBus target).
///
///   rule.add_target(events_targets::EventBus(central));
class EventBus : public events::IRuleTarget {
 public:
  explicit EventBus(events::EventBus& bus, TargetProps props = {}) : bus_(bus), props_(std::move(props)) {}
  [[nodiscard]] events::RuleTargetConfig bind(events::Rule& rule, std::string target_id) const override;

 private:
  events::EventBus& bus_;
  TargetProps props_;
};

}  // namespace formwork::events_targets
