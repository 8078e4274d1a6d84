#include "constructs/events/event_bus.hpp"

#include <regex>

#include "constructs/core/stack.hpp"

namespace formwork::events {

EventBus::EventBus(Construct& scope, std::string_view id, EventBusProps props)
    : Construct(scope, id), props_(std::move(props)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Events::EventBus"});
  std::string name;
  if (props_.event_bus_name) {
    name = *props_.event_bus_name;
  } else {
    // CloudFormation requires a name: the stack's, then the path inside it.
    const std::string stack_path = Stack::of(*this).node().path();
    const std::string inside = node().path().substr(std::min(node().path().size(), stack_path.size() + 1));
    for (char c : Stack::of(*this).stack_name() + "-" + inside) name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '-';
    if (name.size() > 256) name.resize(256);
  }
  resource_->set_property("Name", name);
  if (props_.description) resource_->set_property("Description", *props_.description);
  resource_->set_comment("EventBridge event bus " + node().id());
  node().add_validation([this, name]() -> std::vector<std::string> {
    static const std::regex pattern(R"([/\.\-_A-Za-z0-9]{1,256})");
    std::vector<std::string> errors;
    if (!std::regex_match(name, pattern) || name == "default")
      errors.push_back("event bus name must be 1 to 256 characters of / . - _ A-Z a-z 0-9 and not 'default', got '" +
                       name + "' (" + std::to_string(name.size()) + " characters)");
    if (props_.description && props_.description->size() > 512)
      errors.push_back("event bus description must be at most 512 characters, got " +
                       std::to_string(props_.description->size()));
    return errors;
  });
}

iam::Grant EventBus::grant_put_events_to(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "put events on event bus " + node().id();
  return iam::Grant::add_to_principal(
      grantee, {.actions = {"events:PutEvents"}, .resource_arns = {event_bus_arn()}, .reason = std::move(reason)});
}

}  // namespace formwork::events
