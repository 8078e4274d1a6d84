#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/apigateway/integration.hpp"

namespace formwork::lambda {
class Function;
}

namespace formwork::apigateway {

/// How API Gateway asks Lambda to run the function in a non-proxy integration, through the
/// `X-Amz-Invocation-Type` header of its call to Lambda.
class InvocationType {
 public:
  enum class Kind { Synchronous, Asynchronous, FromHeader };

  /// `RequestResponse`: the client waits for the function's answer (Lambda's default).
  [[nodiscard]] static InvocationType synchronous() { return InvocationType(Kind::Synchronous, {}, false); }
  /// Always `Event`: Lambda queues the event and API Gateway answers at once.
  [[nodiscard]] static InvocationType asynchronous() { return InvocationType(Kind::Asynchronous, {}, false); }
  /// The client chooses with a request header (`InvocationType: Event` or `RequestResponse`),
  /// mapped from `method.request.header.<header>`; synchronous when it is absent.
  [[nodiscard]] static InvocationType from_header(std::string header = "InvocationType", bool required = false) {
    return InvocationType(Kind::FromHeader, std::move(header), required);
  }

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] const std::string& header() const { return header_; }
  [[nodiscard]] bool header_required() const { return required_; }

 private:
  InvocationType(Kind kind, std::string header, bool required)
      : kind_(kind), header_(std::move(header)), required_(required) {}
  Kind kind_;
  std::string header_;
  bool required_;
};

struct LambdaIntegrationOptions {
  /// `AWS_PROXY`: the function gets the whole request and returns the whole response. Set to
  /// false for a non-proxy (`AWS`) integration shaped by templates. Default: proxy.
  bool proxy = true;
  /// Non-proxy only. Default: synchronous.
  std::optional<InvocationType> invocation_type = std::nullopt;
  /// Non-proxy only: content type -> mapping template that builds the function's event
  /// (`{"number": "$input.params('number')"}`). Default: the request body as it is.
  Value::Map request_templates = {};
  /// `integration.request.header.X` / `.querystring.x` / `.path.x` -> `method.request.…` or
  /// `'literal'`. Default: none (plus the invocation type header when asked for).
  Value::Map request_parameters = {};
  /// Non-proxy only. Default: one `200` passing the function's result through unchanged.
  std::vector<IntegrationResponse> integration_responses = {};
  /// Non-proxy only. Default: API Gateway's (WHEN_NO_MATCH).
  std::optional<PassthroughBehavior> passthrough_behavior = std::nullopt;
  /// Also lets the API Gateway console's Test button invoke the function (a second
  /// permission per method). Default: no (CDK's default is yes; it doubles the function's
  /// resource policy, which is limited to 20,480 bytes).
  bool allow_test_invoke = false;
};

/// Serves a method with a Lambda function and lets API Gateway invoke it for that method
/// and path only (`…/prod/GET/square/*`); a function behind 10 methods or more of one API
/// gets a single permission for the whole API instead (see RestApi).
///
///   number.add_method("GET", apigateway::LambdaIntegration(fn, {
///       .proxy = false,
///       .invocation_type = apigateway::InvocationType::from_header("InvocationType"),
///       .request_templates = {{"application/json", R"({"number": "$input.params('number')"})"}},
///   }));
class LambdaIntegration : public Integration {
 public:
  explicit LambdaIntegration(lambda::Function& handler, LambdaIntegrationOptions options = {});
  [[nodiscard]] IntegrationConfig bind(Method& method) const override;

 private:
  lambda::Function* handler_;
  LambdaIntegrationOptions options_;
};

/// The request parameter that carries the invocation type to Lambda.
inline constexpr const char* kInvocationTypeParameter = "integration.request.header.X-Amz-Invocation-Type";

}  // namespace formwork::apigateway
