#pragma once

// AWS_PROXY integrations: the REST payload 1.0 event, and the function's answer checked as API
// Gateway checks it (LOCAL-RUNTIME.md §3.8).

#include <string>

#include <nlohmann/json.hpp>

#include "local/apigateway/request.hpp"

namespace formwork::local::apigateway {

/// The event a proxy integration gives the function: resource, path, httpMethod, headers,
/// multiValueHeaders, queryStringParameters, multiValueQueryStringParameters, pathParameters,
/// stageVariables, requestContext{…}, body, isBase64Encoded. Absent maps are null.
[[nodiscard]] nlohmann::ordered_json proxy_event(const RequestInfo& request);

/// The client's response for a function's answer: statusCode, headers, multiValueHeaders, body,
/// isBase64Encoded (decoded when the request's Accept matches binaryMediaTypes). Anything else
/// (not a JSON object, an unknown key, a wrong type) is 502 {"message": "Internal server error"};
/// `why` receives the reason for the timeline.
[[nodiscard]] HttpResponse proxy_response(const std::string& payload, const RequestInfo& request, std::string& why);

/// Runs the integration: the event, the call, the checked response.
[[nodiscard]] HttpResponse run_proxy(const RequestInfo& request, const LambdaInvoker& invoke, const GatewayLog& log);

}  // namespace formwork::local::apigateway
