#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/apigateway/integration.hpp"
#include "constructs/core/cfn_resource.hpp"

namespace formwork::apigateway {

class IResource;
class RestApi;

/// A response the method declares (status code, headers, models).
struct MethodResponse {
  /// `"200"`. Required.
  std::string status_code;
  /// `method.response.header.X` -> required. Default: none.
  Value::Map response_parameters = {};
  /// Content type -> model name (`"Empty"`). Default: none.
  Value::Map response_models = {};
};

/// Who may call the method.
enum class AuthorizationType { None, Iam, Cognito, Custom };

struct MethodOptions {
  /// Default: anyone (`NONE`).
  AuthorizationType authorization_type = AuthorizationType::None;
  /// Default: no API key needed.
  bool api_key_required = false;
  /// `method.request.path.number` / `.querystring.x` / `.header.x` -> required (true/false).
  /// Default: none (an integration can add the ones it reads).
  Value::Map request_parameters = {};
  /// Default: one per status code of the integration's responses (API Gateway needs a
  /// method response for each integration response).
  std::vector<MethodResponse> method_responses = {};
  /// Default: none.
  std::optional<std::string> operation_name = std::nullopt;
};

struct MethodProps {
  /// The backend. Default: none, a MOCK integration that answers 200 with no body.
  const Integration* integration = nullptr;
  /// Default: see MethodOptions.
  MethodOptions options = {};
};

/// An HTTP method on a resource (`AWS::ApiGateway::Method`). Its construct id is the HTTP
/// method (`GET`) and its scope the resource; create it with `resource.add_method(…)`.
class Method : public Construct {
 public:
  using Props = MethodProps;
  Method(Construct& scope, std::string_view id, MethodProps props = {});

  /// `GET`, `POST`, …, or `ANY`.
  [[nodiscard]] const std::string& http_method() const { return http_method_; }
  [[nodiscard]] IResource& api_resource() const { return *api_resource_; }
  [[nodiscard]] RestApi& api() const;
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }
  [[nodiscard]] Value method_id() const { return resource_->ref(); }
  /// `GET /square/{number}`: how the method reads in comments.
  [[nodiscard]] std::string description() const;

  /// The execute-api ARN API Gateway invokes as for this method on `stage` (`*` for any):
  /// `arn:…:execute-api:<region>:<account>:<api>/<stage>/GET/square/*` (path parameters -> `*`).
  [[nodiscard]] Value execute_api_arn(const std::string& stage) const;

 private:
  [[nodiscard]] std::vector<std::string> validate() const;

  std::string http_method_;
  IResource* api_resource_;
  CfnResource* resource_;
  IntegrationConfig integration_;
  MethodOptions options_;
};

/// `NONE`, `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM`.
[[nodiscard]] const char* to_string(AuthorizationType type);

}  // namespace formwork::apigateway
