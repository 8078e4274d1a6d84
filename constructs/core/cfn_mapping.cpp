#include "constructs/core/cfn_mapping.hpp"

#include "constructs/core/resolver.hpp"

namespace formwork {

CfnMapping::CfnMapping(Construct& scope, std::string_view id, CfnMappingProps props)
    : CfnElement(scope, id), props_(std::move(props)) {}

Value CfnMapping::find_in_map(Value top_key, Value second_key) const {
  return Value::find_in_map(Value::LogicalIdOf{this}, std::move(top_key), std::move(second_key));
}

detail::Json CfnMapping::render(Resolver& resolver) const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [key, entries] : props_.mapping) out[key] = resolver.resolve(Value(entries));
  return {out};
}

}  // namespace formwork
