#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/core/value.hpp"

namespace formwork::apigateway {

class Method;

/// What API Gateway does with a request body whose content type has no request template.
enum class PassthroughBehavior {
  /// Pass it through unchanged when no template matches its content type.
  WhenNoMatch,
  /// Pass it through only when the integration has no templates at all; otherwise 415.
  WhenNoTemplates,
  /// Reject it with 415 Unsupported Media Type.
  Never,
};

/// How an integration's answer becomes the method's answer (non-proxy integrations).
struct IntegrationResponse {
  /// The HTTP status code sent to the client (`"200"`). Required.
  std::string status_code;
  /// A regular expression matched against the backend's error (for Lambda: the function's
  /// `errorMessage`). Default: none, the default response used when no pattern matches.
  std::optional<std::string> selection_pattern = std::nullopt;
  /// Content type -> mapping template for the body. Default: the backend's body unchanged.
  Value::Map response_templates = {};
  /// `method.response.header.X` -> value. Default: none.
  Value::Map response_parameters = {};
};

/// What an integration contributes to its method: the `Integration` property and the method
/// request parameters it reads (`method.request.header.InvocationType`).
struct IntegrationConfig {
  /// `AWS`, `AWS_PROXY`, `HTTP`, `HTTP_PROXY` or `MOCK`. Required.
  std::string type;
  /// The method API Gateway uses to call the backend. Default: none (MOCK).
  std::optional<std::string> integration_http_method = std::nullopt;
  /// The backend's URI. Default: none (MOCK).
  std::optional<Value> uri = std::nullopt;
  /// `integration.request.header.X` -> `method.request.header.Y` or `'literal'`. Default: none.
  Value::Map request_parameters = {};
  /// Content type -> mapping template. Default: none.
  Value::Map request_templates = {};
  /// Default: none.
  std::vector<IntegrationResponse> integration_responses = {};
  /// Default: API Gateway's (WHEN_NO_MATCH).
  std::optional<PassthroughBehavior> passthrough_behavior = std::nullopt;
  /// Method request parameters the integration needs (name -> required). Merged into the
  /// method's own. Default: none.
  Value::Map method_request_parameters = {};
};

/// The backend of a method. `bind` is called once by the method it is attached to, which
/// lets an integration add what it needs around the method (a Lambda invoke permission).
///
///   resource.add_method("GET", apigateway::LambdaIntegration(fn, {.proxy = false}));
class Integration {
 public:
  virtual ~Integration() = default;
  [[nodiscard]] virtual IntegrationConfig bind(Method& method) const = 0;
};

/// `WHEN_NO_MATCH`, `WHEN_NO_TEMPLATES` or `NEVER`.
[[nodiscard]] const char* to_string(PassthroughBehavior behavior);

}  // namespace formwork::apigateway
