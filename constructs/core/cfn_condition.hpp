#pragma once

#include "constructs/core/cfn_element.hpp"

namespace formwork {

struct CfnConditionProps {
  /// The condition: `Value::equals(stage.value(), "prod")`. Required.
  Value expression;
};

/// A template condition, used by CfnResource::set_condition and Value::if_.
class CfnCondition : public CfnElement {
 public:
  using Props = CfnConditionProps;
  CfnCondition(Construct& scope, std::string_view id, CfnConditionProps props);

  [[nodiscard]] Section section() const override { return Section::Conditions; }
  [[nodiscard]] detail::Json render(Resolver& resolver) const override;

 private:
  CfnConditionProps props_;
};

}  // namespace formwork
