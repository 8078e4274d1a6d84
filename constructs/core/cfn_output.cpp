#include "constructs/core/cfn_output.hpp"

#include "constructs/core/cfn_condition.hpp"
#include "constructs/core/resolver.hpp"

namespace formwork {

CfnOutput::CfnOutput(Construct& scope, std::string_view id, CfnOutputProps props)
    : CfnElement(scope, id), props_(std::move(props)) {
  node().add_validation([this]() -> std::vector<std::string> {
    if (props_.value.is_null()) return {"an output needs a value"};
    return {};
  });
}

detail::Json CfnOutput::render(Resolver& resolver) const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!props_.description.empty()) out["Description"] = props_.description;
  if (props_.condition) out["Condition"] = resolver.local_logical_id(*props_.condition, "an output condition");
  out["Value"] = resolver.resolve(props_.value);
  if (props_.export_name) out["Export"] = {{"Name", resolver.resolve(*props_.export_name)}};
  return {out};
}

}  // namespace formwork
