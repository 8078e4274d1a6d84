#pragma once

#include "constructs/core/construct.hpp"
#include "constructs/lambda/destination.hpp"

namespace formwork::lambda {

/// Puts the result of an asynchronous invocation on the account's default event bus, and lets
/// the function's role put events there (events:PutEvents).
class EventBridgeDestination : public IDestination {
 public:
  EventBridgeDestination() = default;
  [[nodiscard]] DestinationConfig bind(Function& fn, DestinationType type) const override;
  /// `arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default`, with
  /// the account and region of `scope`'s stack where its `env` has them.
  [[nodiscard]] static Value default_event_bus_arn(const Construct& scope);
};

}  // namespace formwork::lambda
