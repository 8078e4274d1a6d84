#pragma once

#include <optional>
#include <string>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/iam/grant.hpp"

namespace formwork::events {

struct EventBusProps {
  /// 1 to 256 characters of `/ . - _ A-Z a-z 0-9`, not `default`.
  /// Default: `<stack name>-<path of the bus in the stack>`.
  std::optional<std::string> event_bus_name = std::nullopt;
  /// At most 512 characters. Default: none.
  std::optional<std::string> description = std::nullopt;
};

/// A custom EventBridge event bus (`AWS::Events::EventBus`).
///
///   auto& bus = stack.add<events::EventBus>("Uploads");
///   bus.grant_put_events_to(ingest);
///   stack.add<events::Rule>("Stored", {.event_bus = &bus, .event_pattern = pattern.to_value()});
class EventBus : public Construct {
 public:
  using Props = EventBusProps;
  EventBus(Construct& scope, std::string_view id, EventBusProps props = {});

  /// `!GetAtt Bus.Name`: the bus name (`!Ref` gives the same in CloudFormation, but moto's
  /// CloudFormation resolves only the attribute, and the reference stacks deploy there).
  [[nodiscard]] Value event_bus_name() const { return resource_->get_att("Name"); }
  /// `!GetAtt Bus.Arn`.
  [[nodiscard]] Value event_bus_arn() const { return resource_->get_att("Arn"); }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }

  /// `events:PutEvents` on this bus.
  iam::Grant grant_put_events_to(iam::IGrantable& grantee, std::string reason = {});

 private:
  EventBusProps props_;
  CfnResource* resource_;
};

}  // namespace formwork::events
