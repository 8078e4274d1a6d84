#pragma once

#include <optional>
#include <string>

#include "constructs/core/cfn_element.hpp"

namespace formwork {

class CfnCondition;

struct CfnOutputProps {
  /// The value, usually a token (`api.url()`). Required.
  Value value;
  /// Default: none.
  std::string description = {};
  /// Exports the value under this name for `!ImportValue` in other stacks.
  /// Default: not exported.
  std::optional<Value> export_name = std::nullopt;
  /// Default: always created.
  const CfnCondition* condition = nullptr;
};

/// A stack output: `stack.add<CfnOutput>("QueueUrl", {.value = queue.queue_url()})`.
class CfnOutput : public CfnElement {
 public:
  using Props = CfnOutputProps;
  CfnOutput(Construct& scope, std::string_view id, CfnOutputProps props);

  [[nodiscard]] const CfnOutputProps& props() const { return props_; }
  [[nodiscard]] Section section() const override { return Section::Outputs; }
  [[nodiscard]] detail::Json render(Resolver& resolver) const override;

 private:
  CfnOutputProps props_;
};

}  // namespace formwork
