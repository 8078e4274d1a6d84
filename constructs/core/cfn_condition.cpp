#include "constructs/core/cfn_condition.hpp"

#include "constructs/core/resolver.hpp"

namespace formwork {

CfnCondition::CfnCondition(Construct& scope, std::string_view id, CfnConditionProps props)
    : CfnElement(scope, id), props_(std::move(props)) {}

detail::Json CfnCondition::render(Resolver& resolver) const { return {resolver.resolve(props_.expression)}; }

}  // namespace formwork
