// The schedules of the local cloud: each enabled AWS::Events::Rule with a ScheduleExpression
// fires on the clock and hands its targets the scheduled event (or the target's Input):
// a function asynchronously, a queue as a message, a topic as a publication.

#include <nlohmann/json.hpp>

#include "local/cloud.hpp"
#include "local/events/schedule.hpp"
#include "local/ids.hpp"
#include "local/lambda/records.hpp"
#include "local/sns/sns.hpp"
#include "local/sqs/sqs.hpp"

namespace formwork::local {

void LocalCloud::start_schedules() {
  const Millis started = clock_->now();
  for (std::size_t i = 0; i < model_.schedules.size(); ++i) {
    const auto& rule = model_.schedules[i];
    if (!rule.enabled) {
      timeline_->emit({.at = started, .kind = "WARN", .resource = rule.name, .text = "rule is DISABLED: not scheduled"});
      continue;
    }
    try {
      events::Schedule schedule(rule.schedule_expression);
      auto next = schedule.next_after(started, started);
      if (!next) continue;
      timeline_->emit({.at = started, .kind = "SCHEDULE", .resource = rule.name,
                       .text = rule.schedule_expression + ": first run at " + iso8601_seconds(*next)});
      clock_->schedule_at(*next, [this, i, started] { fire_schedule(i, started); });
    } catch (const events::ScheduleError& e) {
      timeline_->emit({.at = started, .kind = "WARN", .resource = rule.name, .text = std::string(e.what()) + ": not scheduled"});
    }
  }
}

void LocalCloud::fire_schedule(std::size_t index, Millis started) {
  const auto& rule = model_.schedules[index];
  events::Schedule schedule(rule.schedule_expression);
  const Millis now = clock_->now();
  const std::string event = lambda::scheduled_event(make_uuid(), now, rule.arn).dump();
  for (const auto& target : rule.targets) {
    const std::string payload = target.input ? *target.input : event;
    try {
      if (target.arn.rfind("arn:aws:lambda:", 0) == 0) {
        const auto* function = find_function(target.arn);
        if (function == nullptr) throw std::runtime_error("no function " + target.arn);
        timeline_->emit({.at = now, .kind = "SCHEDULE", .resource = rule.name,
                         .text = "fired (" + rule.schedule_expression + "): invoking " + function->name + " asynchronously"});
        invoke_async(*function, payload);
      } else if (target.arn.rfind("arn:aws:sqs:", 0) == 0) {
        sqs_->send(target.arn, payload);
        timeline_->emit({.at = now, .kind = "SCHEDULE", .resource = rule.name,
                         .text = "fired (" + rule.schedule_expression + "): sent to " + sqs_->config_of(target.arn).name});
      } else if (target.arn.rfind("arn:aws:sns:", 0) == 0) {
        timeline_->emit({.at = now, .kind = "SCHEDULE", .resource = rule.name,
                         .text = "fired (" + rule.schedule_expression + "): publishing to " + sns_->topic(target.arn).name});
        sns_->publish(target.arn, payload, std::nullopt, {});
      } else {
        timeline_->emit({.at = now, .kind = "WARN", .resource = rule.name,
                         .text = "fired, but target " + target.arn + " is not a function, queue or topic: not delivered"});
      }
    } catch (const std::exception& e) {
      timeline_->emit({.at = now, .kind = "ERROR", .resource = rule.name,
                       .text = "could not deliver to target " + target.id + ": " + e.what()});
    }
  }
  if (auto next = schedule.next_after(now, started))
    clock_->schedule_at(*next, [this, index, started] { fire_schedule(index, started); });
}

}  // namespace formwork::local
