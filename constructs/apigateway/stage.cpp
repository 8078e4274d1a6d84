#include "constructs/apigateway/stage.hpp"

#include <regex>

#include "constructs/apigateway/deployment.hpp"
#include "constructs/apigateway/rest_api.hpp"

namespace formwork::apigateway {

namespace {
constexpr std::size_t kMaxStageName = 128;
}

Stage::Stage(Construct& scope, std::string_view id, StageProps props)
    : Construct(scope, id), stage_name_(std::move(props.stage_name)) {
  RestApi& api = props.deployment.api();
  // Set one by one: building the map first trips a GCC 12 -Wstringop-overflow false positive.
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::ApiGateway::Stage"});
  resource_->set_property("DeploymentId", props.deployment.deployment_id());
  if (props.description) resource_->set_property("Description", *props.description);
  resource_->set_property("RestApiId", api.rest_api_id());
  resource_->set_property("StageName", stage_name_);
  if (props.tracing_enabled) resource_->set_property("TracingEnabled", true);
  if (!props.variables.empty()) resource_->set_property("Variables", std::move(props.variables));
  resource_->set_comment("Stage " + stage_name_ + " of API " + api.node().id() +
                         ": the URL path clients call, serving the latest deployment");
  node().add_validation([this]() -> std::vector<std::string> {
    static const std::regex pattern("[A-Za-z0-9_]+");
    if (stage_name_.size() > kMaxStageName || !std::regex_match(stage_name_, pattern))
      return {"stage name must be 1 to 128 characters of A-Z a-z 0-9 _, got '" + stage_name_ + "'"};
    return {};
  });
}

}  // namespace formwork::apigateway
