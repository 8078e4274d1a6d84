#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/duration.hpp"
#include "constructs/events/rule_target_input.hpp"
#include "constructs/events/schedule.hpp"

namespace formwork::events {

class Rule;
class EventBus;

/// What a target contributes to the rule's `Targets` list.
struct RuleTargetConfig {
  /// The target's ARN (function, queue, topic). Required.
  Value arn;
  /// Role EventBridge assumes to reach the target. Default: none (resource policies grant it).
  std::optional<Value> role_arn = std::nullopt;
  /// Fixed JSON text sent instead of the event. Default: the matched event.
  std::optional<Value> input = std::nullopt;
  /// What to send instead of the event (text, a part of it, a template). Default: the event.
  std::optional<RuleTargetInput> target_input = std::nullopt;
  /// FIFO queue targets: the message group of every message (`SqsParameters.MessageGroupId`).
  /// Default: none.
  std::optional<Value> message_group_id = std::nullopt;
  /// Queue that receives events EventBridge could not deliver. Default: none.
  std::optional<Value> dead_letter_arn = std::nullopt;
  /// Delivery retries, 0-185. Default: EventBridge's (185).
  std::optional<int> retry_attempts = std::nullopt;
  /// How long EventBridge keeps retrying, 60-86400 s. Default: EventBridge's (24 hours).
  std::optional<Duration> max_event_age = std::nullopt;
};

/// Something a rule can send its events to (`events_targets::LambdaFunction`).
class IRuleTarget {
 public:
  virtual ~IRuleTarget() = default;
  /// Called by Rule::add_target with the target's id in the rule (`Target0`, `Target1`, …);
  /// adds whatever permission the target needs and returns its entry.
  [[nodiscard]] virtual RuleTargetConfig bind(Rule& rule, std::string target_id) const = 0;
};

struct RuleProps {
  /// When the rule fires. Default: none (then event_pattern is required).
  std::optional<Schedule> schedule = std::nullopt;
  /// Which events the rule matches (`{"source": ["aws.ec2"]}`). Default: none (then schedule is required).
  std::optional<Value> event_pattern = std::nullopt;
  /// At most 64 characters of `.-_A-Za-z0-9`. Default: a name CloudFormation generates.
  std::optional<std::string> rule_name = std::nullopt;
  /// At most 512 characters. Default: none.
  std::optional<std::string> description = std::nullopt;
  /// Default: enabled.
  bool enabled = true;
  /// The bus whose events the rule matches (`EventBusName`). Default: the default event bus.
  EventBus* event_bus = nullptr;
};

/// An EventBridge rule (`AWS::Events::Rule`) on the default event bus or on `event_bus`.
///
///   auto& timer = add<events::Rule>("Timer", {.schedule = events::Schedule::rate(Duration::minutes(5))});
///   timer.add_target(events_targets::LambdaFunction(fn));
class Rule : public Construct {
 public:
  using Props = RuleProps;
  Rule(Construct& scope, std::string_view id, RuleProps props = {});

  [[nodiscard]] Value rule_arn() const { return resource_->get_att("Arn"); }
  [[nodiscard]] Value rule_name() const { return resource_->ref(); }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const RuleProps& props() const { return props_; }
  [[nodiscard]] std::size_t target_count() const { return targets_.size(); }

  /// Sends the rule's events to `target` as well (at most 5 targets per rule).
  void add_target(const IRuleTarget& target);

 private:
  [[nodiscard]] std::vector<std::string> validate() const;

  RuleProps props_;
  CfnResource* resource_;
  Value::List targets_;
  std::vector<std::string> target_errors_;
};

}  // namespace formwork::events
