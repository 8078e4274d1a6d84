#include "constructs/core/stack.hpp"

#include <regex>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_element.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/logical_ids.hpp"
#include "constructs/core/value.hpp"

namespace formwork {

namespace {
App* find_app(Construct& scope) {
  Construct* c = &scope;
  while (c->node().scope() != nullptr) c = c->node().scope();
  return dynamic_cast<App*>(c);
}
}  // namespace

Stack::Stack(Construct& scope, std::string_view id, StackProps props)
    : Construct(scope, id), props_(std::move(props)), app_(find_app(scope)) {
  if (app_ == nullptr) throw UsageError("NotInApp", node().path(), "a stack must be created inside an App");
  stack_name_ = props_.stack_name.empty() ? std::string(id) : props_.stack_name;
  node().add_validation([this]() -> std::vector<std::string> {
    static const std::regex valid("[A-Za-z][-A-Za-z0-9]{0,127}");
    std::vector<std::string> errors;
    if (!std::regex_match(stack_name_, valid))
      errors.push_back("stack name '" + stack_name_ +
                       "' must be 1 to 128 characters, start with a letter and contain only A-Z a-z 0-9 -");
    if (props_.description.size() > 1024)
      errors.push_back("description must be at most 1024 bytes, got " + std::to_string(props_.description.size()));
    static const std::regex account("[0-9]{12}");
    static const std::regex region("[a-z]{2}(-gov|-iso[a-z]{0,2})?-[a-z]+-[0-9]{1,2}");
    if (!props_.env.account.empty() && !std::regex_match(props_.env.account, account))
      errors.push_back("env.account '" + props_.env.account + "' must be a 12-digit AWS account ID");
    if (!props_.env.region.empty() && !std::regex_match(props_.env.region, region))
      errors.push_back("env.region '" + props_.env.region +
                       "' is not an AWS region name (like us-east-1, eu-west-2, us-gov-west-1)");
    return errors;
  });
}

Stack& Stack::of(const Construct& construct) {
  for (const Construct* c = &construct; c != nullptr; c = c->node().scope()) {
    if (auto* stack = dynamic_cast<const Stack*>(c)) return const_cast<Stack&>(*stack);
  }
  throw UsageError("NotInStack", construct.node().path(), "this construct must be created inside a Stack");
}

Value Stack::account() const {
  return props_.env.account.empty() ? Value::aws_account_id() : Value(props_.env.account);
}

Value Stack::region() const { return props_.env.region.empty() ? Value::aws_region() : Value(props_.env.region); }

std::string Stack::with_env(std::string sub_text) const {
  auto replace = [&](std::string_view variable, const std::string& literal) {
    if (literal.empty()) return;
    for (auto at = sub_text.find(variable); at != std::string::npos; at = sub_text.find(variable, at + literal.size()))
      sub_text.replace(at, variable.size(), literal);
  };
  replace("${AWS::AccountId}", props_.env.account);
  replace("${AWS::Region}", props_.env.region);
  return sub_text;
}

std::string Stack::logical_id(const CfnElement& element) const {
  if (element.logical_id_override()) return *element.logical_id_override();
  std::vector<std::string> components;
  for (const Construct* c = &element; c != this && c != nullptr; c = c->node().scope())
    components.insert(components.begin(), c->node().id());
  return make_logical_id(components, app_->logical_id_style());
}

std::vector<const CfnElement*> Stack::elements() const {
  std::vector<const CfnElement*> out;
  std::function<void(const Construct&)> visit = [&](const Construct& c) {
    for (const auto& child : c.node().children()) {
      if (dynamic_cast<const Stack*>(child.get())) continue;
      if (auto* element = dynamic_cast<const CfnElement*>(child.get())) out.push_back(element);
      visit(*child);
    }
  };
  visit(*this);
  return out;
}

std::vector<Stack*> App::stacks() const {
  std::vector<Stack*> out;
  node().for_each([&](Construct& c) {
    if (auto* stack = dynamic_cast<Stack*>(&c)) out.push_back(stack);
  });
  return out;
}

}  // namespace formwork
