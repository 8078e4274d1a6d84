#include "constructs/events_targets/event_bus.hpp"

#include "constructs/events/event_bus.hpp"
#include "constructs/events_targets/detail/target_access.hpp"
#include "constructs/iam/role.hpp"

namespace formwork::events_targets {

events::RuleTargetConfig EventBus::bind(events::Rule& rule, std::string /*target_id*/) const {
  auto* role = dynamic_cast<iam::Role*>(rule.node().try_find_child("EventsRole"));
  if (role == nullptr) {
    role = &rule.add<iam::Role>("EventsRole", {.assumed_by = "events.amazonaws.com"});
    role->resource().set_comment("Role EventBridge rule " + rule.node().id() + " uses to put events on other buses");
  }
  bus_.grant_put_events_to(*role, "forward events to event bus " + bus_.node().id());
  // As in CDK, a bus target forwards the event as it is and takes a dead-letter queue only.
  if (props_.input || props_.retry_attempts || props_.max_event_age) {
    const std::string bus_id = bus_.node().id();
    rule.node().add_validation([bus_id] {
      return std::vector<std::string>{"event bus target " + bus_id +
                                      " forwards the event as it is: it takes a dead-letter queue, but no input, "
                                      "retry attempts or maximum event age"};
    });
  }
  return {.arn = bus_.event_bus_arn(),
          .role_arn = role->role_arn(),
          .dead_letter_arn = detail::bind_dead_letter_queue(props_.dead_letter_queue, rule)};
}

}  // namespace formwork::events_targets
