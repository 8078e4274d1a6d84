#include "constructs/apigateway/lambda_rest_api.hpp"

namespace formwork::apigateway {

namespace {
RestApiProps rest_api_props(const LambdaRestApiProps& p) {
  return {.rest_api_name = p.rest_api_name,
          .description = p.description,
          .deploy = p.deploy,
          .stage_name = p.stage_name,
          .cloud_watch_role = p.cloud_watch_role,
          .endpoint_type = p.endpoint_type,
          .binary_media_types = p.binary_media_types};
}
}  // namespace

LambdaRestApi::LambdaRestApi(Construct& scope, std::string_view id, LambdaRestApiProps props)
    : RestApi(scope, id, rest_api_props(props)), handler_(&props.handler) {
  if (!props.proxy) return;
  LambdaIntegration integration(props.handler, props.integration_options);
  root().add_method("ANY", integration);
  root().add_resource("{proxy+}").add_method("ANY", integration);
}

}  // namespace formwork::apigateway
