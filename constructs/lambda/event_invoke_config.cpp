// The `AWS::Lambda::EventInvokeConfig` a Function and an Alias share: properties, comment, checks.
#include "constructs/lambda/event_invoke_config.hpp"

#include <cstdint>

#include "constructs/core/group.hpp"
#include "constructs/core/logical_ids.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

namespace {

// The construct a token points at, by its construct id ("DestQueue"), for comments.
std::string target_name(const Value& value) {
  const CfnElement* target = nullptr;
  if (const auto* get_att = value.get_if<Value::GetAtt>()) target = get_att->target;
  if (const auto* ref = value.get_if<Value::Ref>()) target = ref->target;
  if (target == nullptr) return value.is<Value::Sub>() ? "the default event bus" : "its destination";
  const Node& node = target->node();
  if (node.id() == "Resource" && node.scope() != nullptr) return node.scope()->node().id();
  return node.id();
}

std::string retry_words(int retries) {
  switch (retries) {
    case 0:
      return "Does not retry failed async invocations";
    case 1:
      return "Retries failed async invocations once";
    case 2:
      return "Retries failed async invocations twice";
    default:
      return "Retries failed async invocations " + std::to_string(retries) + " times";
  }
}

void check(std::vector<std::string>& errors, const char* what, std::int64_t min, std::int64_t max, const char* unit,
           std::int64_t value) {
  if (value >= min && value <= max) return;
  errors.push_back(std::string(what) + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                   unit + ", got " + std::to_string(value));
}

}  // namespace

CfnResource& add_event_invoke_config(Construct& owner) {
  const CfnResourceProps props{.type = "AWS::Lambda::EventInvokeConfig"};
  if (cdk_compatible(owner)) return owner.add<Group>("EventInvokeConfig").add<CfnResource>("Resource", props);
  return owner.add<CfnResource>("EventInvokeConfig", props);
}

std::string apply_event_invoke_config(CfnResource& config, Function& fn, Value qualifier,
                                      const EventInvokeConfigOptions& options) {
  config.set_property("FunctionName", fn.function_name());
  config.set_property("Qualifier", std::move(qualifier));

  std::string comment =
      options.retry_attempts ? retry_words(*options.retry_attempts) : std::string("Configures async invocations");
  if (options.max_event_age) {
    config.set_property("MaximumEventAgeInSeconds", options.max_event_age->to_seconds());
    comment += ", drops events older than " + std::to_string(options.max_event_age->to_seconds()) + " seconds";
  }
  if (options.retry_attempts) config.set_property("MaximumRetryAttempts", *options.retry_attempts);

  Value::Map destinations;
  if (options.on_success != nullptr) {
    Value arn = options.on_success->bind(fn, DestinationType::OnSuccess).destination;
    comment += ", sends results to " + target_name(arn);
    destinations.emplace_back("OnSuccess", Value::map({{"Destination", std::move(arn)}}));
  }
  if (options.on_failure != nullptr) {
    Value arn = options.on_failure->bind(fn, DestinationType::OnFailure).destination;
    comment += ", then sends the failed event to " + target_name(arn);
    destinations.emplace_back("OnFailure", Value::map({{"Destination", std::move(arn)}}));
  }
  if (!destinations.empty()) config.set_property("DestinationConfig", Value::map(std::move(destinations)));
  return comment;
}

std::vector<std::string> validate_event_invoke_config(const EventInvokeConfigOptions& options) {
  std::vector<std::string> errors;
  if (options.retry_attempts) check(errors, "retry attempts", 0, 2, "", *options.retry_attempts);
  if (options.max_event_age)
    check(errors, "maximum event age", 60, 21600, " seconds", options.max_event_age->to_seconds());
  return errors;
}

}  // namespace formwork::lambda
