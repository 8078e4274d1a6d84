#include "constructs/lambda/event_bridge_destination.hpp"

#include "constructs/core/stack.hpp"
#include "constructs/iam/grant.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

Value EventBridgeDestination::default_event_bus_arn(const Construct& scope) {
  return Value::sub(
      Stack::of(scope).with_env("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"));
}

DestinationConfig EventBridgeDestination::bind(Function& fn, DestinationType type) const {
  iam::Grant::add_to_principal(fn, {
      .actions = {"events:PutEvents"},
      .resource_arns = {default_event_bus_arn(fn)},
      .reason = std::string("put events on the default event bus (") + destination_label(type) + ")",
  });
  return {default_event_bus_arn(fn)};
}

}  // namespace formwork::lambda
