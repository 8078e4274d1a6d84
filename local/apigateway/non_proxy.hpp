#pragma once

// AWS (non-proxy) and MOCK integrations: method request parameters, integration request
// parameters (X-Amz-Invocation-Type), request templates chosen by Content-Type with
// passthroughBehavior, integration responses chosen by selectionPattern, response templates
// chosen by Accept, $context.responseOverride, method responses (LOCAL-RUNTIME.md §3.8).

#include <optional>
#include <string>
#include <utility>

#include "local/apigateway/request.hpp"
#include "vtl/vtl.hpp"

namespace formwork::local::apigateway {

/// The required method request parameters (method.request.path|querystring|header.NAME) the
/// request lacks, as API Gateway's 400 names them ("Missing required request parameters:
/// [a, b]"); nullopt when none is missing or the method has no validator that checks them.
[[nodiscard]] std::optional<std::string> missing_parameters_message(const Method& method, const RequestInfo& request);

struct RequestTemplateChoice {
  bool unsupported_media_type = false;  // 415
  const std::string* template_text = nullptr;  // nullptr: the body passes through unchanged
  std::string content_type;                    // the one matched (MIME type only)
};
/// The request template for `content_type_header` (application/json when absent) under the
/// integration's passthroughBehavior (WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER).
[[nodiscard]] RequestTemplateChoice choose_request_template(const Integration& integration,
                                                            std::optional<std::string> content_type_header);

/// The integration response for `selector` (Lambda's errorMessage for a function error; the
/// status code for MOCK; nullopt for a Lambda success): the first whose selectionPattern matches
/// the whole selector, else the default one (no pattern); nullptr when there is neither.
[[nodiscard]] const IntegrationResponse* select_integration_response(const Integration& integration,
                                                                     const std::optional<std::string>& selector);

/// The response template for the Accept header: the first listed type with a template, else
/// application/json, else the first template; nullptr when the response has none.
[[nodiscard]] const std::pair<std::string, std::string>* choose_response_template(const IntegrationResponse& response,
                                                                                const std::string& accept_header);

/// What $input, $context and $stageVariables show a template of this request, with `body`.
[[nodiscard]] vtl::RenderInput render_input(const RequestInfo& request, std::string body);

/// The value of an integration request parameter's source: method.request.{path,querystring,
/// header,multivaluequerystring,multivalueheader}.NAME, 'literal', context.NAME,
/// stageVariables.NAME; nullopt when the request has no such value.
[[nodiscard]] std::optional<std::string> parameter_source_value(const std::string& source, const RequestInfo& request);

/// Runs the whole integration.
[[nodiscard]] HttpResponse run_non_proxy(const RequestInfo& request, const LambdaInvoker& invoke, const GatewayLog& log);

}  // namespace formwork::local::apigateway
