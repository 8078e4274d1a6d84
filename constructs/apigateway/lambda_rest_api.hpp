#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/apigateway/lambda_integration.hpp"
#include "constructs/apigateway/rest_api.hpp"

namespace formwork::apigateway {

struct LambdaRestApiProps {
  /// The function behind every path and method. Required.
  lambda::Function& handler;
  /// Adds `ANY /` and `ANY /{proxy+}` served by the handler. With false, add methods yourself
  /// (each with its own integration). Default: proxy everything.
  bool proxy = true;
  /// How the handler is integrated. Default: a proxy integration.
  LambdaIntegrationOptions integration_options = {};
  /// Default: the construct id.
  std::optional<std::string> rest_api_name = std::nullopt;
  /// Default: none.
  std::optional<std::string> description = std::nullopt;
  /// Default: deployed.
  bool deploy = true;
  /// Default: `prod`.
  std::string stage_name = "prod";
  /// Default: none.
  bool cloud_watch_role = false;
  /// Default: regional.
  EndpointType endpoint_type = EndpointType::Regional;
  /// See RestApiProps::binary_media_types. Default: none.
  std::vector<std::string> binary_media_types = {};
};

/// A REST API that sends every request to one function (CDK's LambdaRestApi): `ANY /` and
/// `ANY /{proxy+}` with a proxy integration, and the function's invoke permissions.
///
///   auto& api = add<apigateway::LambdaRestApi>("Api", {.handler = fn});
class LambdaRestApi : public RestApi {
 public:
  using Props = LambdaRestApiProps;
  LambdaRestApi(Construct& scope, std::string_view id, LambdaRestApiProps props);

  [[nodiscard]] lambda::Function& handler() const { return *handler_; }

 private:
  lambda::Function* handler_;
};

}  // namespace formwork::apigateway
