#include "constructs/events/rule.hpp"

#include <regex>

#include "constructs/events/event_bus.hpp"

namespace formwork::events {

namespace {

constexpr std::size_t kMaxTargets = 5;
constexpr std::size_t kMaxRuleName = 64;
constexpr std::size_t kMaxDescription = 512;
constexpr int kMaxRetryAttempts = 185;
constexpr std::int64_t kMinEventAge = 60;
constexpr std::int64_t kMaxEventAge = 86400;

std::string what_it_does(const RuleProps& props) {
  if (props.schedule) return "Fires on schedule " + props.schedule->expression_string();
  if (props.event_bus != nullptr) return "Matches events on event bus " + props.event_bus->node().id();
  return "Matches events on the default event bus";
}

}  // namespace

Rule::Rule(Construct& scope, std::string_view id, RuleProps props) : Construct(scope, id), props_(std::move(props)) {
  Value::Map properties;
  if (props_.description) properties.emplace_back("Description", *props_.description);
  if (props_.event_bus != nullptr) properties.emplace_back("EventBusName", props_.event_bus->event_bus_name());
  if (props_.event_pattern) properties.emplace_back("EventPattern", *props_.event_pattern);
  if (props_.rule_name) properties.emplace_back("Name", *props_.rule_name);
  if (props_.schedule) properties.emplace_back("ScheduleExpression", props_.schedule->expression_string());
  properties.emplace_back("State", props_.enabled ? "ENABLED" : "DISABLED");
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Events::Rule", .properties = std::move(properties)});
  resource_->set_comment(what_it_does(props_) + " (rule " + std::string(id) + ")");
  node().add_validation([this] { return validate(); });
}

void Rule::add_target(const IRuleTarget& target) {
  std::string target_id = "Target" + std::to_string(targets_.size());
  RuleTargetConfig config = target.bind(*this, target_id);
  Value::Map entry{{"Arn", config.arn}, {"Id", target_id}};
  if (config.dead_letter_arn) entry.emplace_back("DeadLetterConfig", Value::map({{"Arn", *config.dead_letter_arn}}));
  if (config.input) entry.emplace_back("Input", *config.input);
  if (config.target_input) {
    for (const auto& [key, value] : config.target_input->entries()) entry.emplace_back(key, value);
    for (const auto& e : config.target_input->errors()) target_errors_.push_back(target_id + " " + e);
    if (config.input) target_errors_.push_back(target_id + " takes an input or a target input, not both");
  }
  if (config.retry_attempts || config.max_event_age) {
    Value::Map retry;
    if (config.max_event_age) {
      std::int64_t age = config.max_event_age->to_seconds();
      if (age < kMinEventAge || age > kMaxEventAge)
        target_errors_.push_back(target_id + " maximum event age must be between 60 and 86400 seconds, got " +
                                 std::to_string(age));
      retry.emplace_back("MaximumEventAgeInSeconds", static_cast<long long>(age));
    }
    if (config.retry_attempts) {
      if (*config.retry_attempts < 0 || *config.retry_attempts > kMaxRetryAttempts)
        target_errors_.push_back(target_id + " retry attempts must be between 0 and 185, got " +
                                 std::to_string(*config.retry_attempts));
      retry.emplace_back("MaximumRetryAttempts", *config.retry_attempts);
    }
    entry.emplace_back("RetryPolicy", Value::map(std::move(retry)));
  }
  if (config.role_arn) entry.emplace_back("RoleArn", *config.role_arn);
  if (config.message_group_id)
    entry.emplace_back("SqsParameters", Value::map({{"MessageGroupId", *config.message_group_id}}));
  targets_.emplace_back(Value::map(std::move(entry)));
  resource_->set_property("Targets", Value::list(targets_));
}

std::vector<std::string> Rule::validate() const {
  static const std::regex name_pattern(R"([.\-_A-Za-z0-9]+)");
  std::vector<std::string> errors;
  if (!props_.schedule && !props_.event_pattern)
    errors.push_back("a rule needs a schedule or an event pattern, got neither");
  if (props_.schedule)
    for (const auto& e : props_.schedule->errors()) errors.push_back(e);
  if (props_.schedule && props_.event_bus != nullptr)
    errors.push_back("a schedule rule runs on the default event bus only, got event bus " + props_.event_bus->node().id());
  if (const auto* pattern = props_.event_pattern ? props_.event_pattern->get_if<Value::Map>() : nullptr;
      pattern != nullptr && pattern->empty())
    errors.push_back("an event pattern needs at least one field (source, detail-type, detail, ...)");
  if (props_.rule_name) {
    const std::string& name = *props_.rule_name;
    if (name.empty() || name.size() > kMaxRuleName)
      errors.push_back("rule name must be 1 to 64 characters, got " + std::to_string(name.size()) + " ('" + name + "')");
    else if (!std::regex_match(name, name_pattern))
      errors.push_back("rule name must use only . - _ A-Z a-z 0-9, got '" + name + "'");
  }
  if (props_.description && props_.description->size() > kMaxDescription)
    errors.push_back("rule description must be at most 512 characters, got " +
                     std::to_string(props_.description->size()));
  if (targets_.size() > kMaxTargets)
    errors.push_back("a rule has at most 5 targets, got " + std::to_string(targets_.size()));
  errors.insert(errors.end(), target_errors_.begin(), target_errors_.end());
  return errors;
}

}  // namespace formwork::events
