#include "constructs/core/cfn_parameter.hpp"

#include "constructs/core/resolver.hpp"

namespace formwork {

CfnParameter::CfnParameter(Construct& scope, std::string_view id, CfnParameterProps props)
    : CfnElement(scope, id), props_(std::move(props)) {}

detail::Json CfnParameter::render(Resolver& resolver) const {
  nlohmann::ordered_json out = {{"Type", props_.type}};
  if (!props_.description.empty()) out["Description"] = props_.description;
  if (props_.default_value) out["Default"] = resolver.resolve(*props_.default_value);
  if (!props_.allowed_values.empty()) out["AllowedValues"] = props_.allowed_values;
  if (!props_.allowed_pattern.empty()) out["AllowedPattern"] = props_.allowed_pattern;
  if (!props_.constraint_description.empty()) out["ConstraintDescription"] = props_.constraint_description;
  if (props_.min_length) out["MinLength"] = *props_.min_length;
  if (props_.max_length) out["MaxLength"] = *props_.max_length;
  if (props_.min_value) out["MinValue"] = *props_.min_value;
  if (props_.max_value) out["MaxValue"] = *props_.max_value;
  if (props_.no_echo) out["NoEcho"] = true;
  return {out};
}

}  // namespace formwork
