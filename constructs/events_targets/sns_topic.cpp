#include "constructs/events_targets/sns_topic.hpp"

#include "constructs/events_targets/detail/target_access.hpp"
#include "constructs/iam/policy_statement.hpp"
#include "constructs/sns/topic.hpp"

namespace formwork::events_targets {

events::RuleTargetConfig SnsTopic::bind(events::Rule& rule, std::string /*target_id*/) const {
  topic_.add_to_resource_policy(
      iam::PolicyStatement{.actions = {"sns:Publish"},
                           .resources = {topic_.topic_arn()},
                           .principals = {iam::Principal::service("events.amazonaws.com")},
                           .conditions = {{"ArnEquals", Value::map({{"aws:SourceArn", rule.rule_arn()}})}}},
      "Lets EventBridge rule " + rule.node().id() + " publish to topic " + topic_.node().id());
  return {.arn = topic_.topic_arn(),
          .target_input = props_.input,
          .dead_letter_arn = detail::bind_dead_letter_queue(props_.dead_letter_queue, rule),
          .retry_attempts = props_.retry_attempts,
          .max_event_age = props_.max_event_age};
}

}  // namespace formwork::events_targets
