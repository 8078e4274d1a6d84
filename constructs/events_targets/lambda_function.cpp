#include "constructs/events_targets/lambda_function.hpp"

#include "constructs/core/logical_ids.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/events_targets/detail/target_access.hpp"
#include "constructs/lambda/detail/cdk_permission.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::events_targets {

LambdaFunction::LambdaFunction(lambda::Function& handler, LambdaFunctionProps props)
    : handler_(&handler), props_(std::move(props)) {}

events::RuleTargetConfig LambdaFunction::bind(events::Rule& rule, std::string /*target_id*/) const {
  const lambda::PermissionProps permission{.principal = "events.amazonaws.com",
                                           .source_arn = rule.rule_arn(),
                                           .reason = "EventBridge rule " + rule.node().id()};
  if (cdk_compatible(rule)) {
    // Where CDK puts it: under the rule, `AllowEventRule<function's unique id>`.
    const std::string id = "AllowEventRule" + cdk_unique_id(*handler_);
    if (rule.node().try_find_child(id) == nullptr) lambda::detail::add_cdk_permission(rule, id, *handler_, permission);
  } else {
    // One permission per rule, under the function: `AllowEventRule<RulePath>`.
    std::string path = rule.node().path();
    const std::string stack_path = Stack::of(rule).node().path();
    if (path.size() > stack_path.size()) path = path.substr(stack_path.size() + 1);
    const std::string id = "AllowEventRule" + pascal_case(path);
    if (handler_->node().try_find_child(id) == nullptr) handler_->add_permission(id, permission);
  }
  return {.arn = handler_->function_arn(),
          .input = props_.event,
          .target_input = props_.input,
          .dead_letter_arn = detail::bind_dead_letter_queue(props_.dead_letter_queue, rule),
          .retry_attempts = props_.retry_attempts,
          .max_event_age = props_.max_event_age};
}

}  // namespace formwork::events_targets
