#pragma once

// What both integrations know about one request once it is routed, and the Lambda call they
// make (an adapter over the local cloud's runtime and asynchronous engine, given by `serve`).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "local/apigateway/http.hpp"
#include "local/apigateway/router.hpp"

namespace formwork::local::apigateway {

struct RequestInfo {
  const Route& route;
  const HttpRequest& http;
  std::vector<QueryParam> query;  // decoded, in order
  std::string request_id;          // $context.requestId, x-amzn-RequestId
  std::string extended_request_id; // $context.extendedRequestId, x-amz-apigw-id
  std::string account_id;
  std::string region;
  std::int64_t time_ms = 0;        // on the local cloud's clock

  /// ID.execute-api.REGION.amazonaws.com
  [[nodiscard]] std::string domain_name() const;
  /// 10/Mar/2020:00:03:59 +0000
  [[nodiscard]] std::string request_time() const;
  /// /STAGE/path as the client addressed it: $context.path, requestContext.path.
  [[nodiscard]] std::string stage_path() const;
};

/// X-Amz-Invocation-Type of a Lambda Invoke.
enum class InvocationType { request_response, event, dry_run };

struct LambdaResult {
  enum class Status {
    ok,              // payload: the function's result (RequestResponse), empty (Event, DryRun)
    function_error,  // payload: Lambda's error JSON (errorMessage, errorType, …)
    rejected,        // Lambda refused the call (no such function, payload too large, not runnable)
  };
  Status status = Status::ok;  // Default: ok.
  std::string payload = {};    // Default: empty.
  std::string reason = {};     // rejected: why, for the timeline. Default: empty.
};

/// Invokes the function (an ARN) with a JSON payload: RequestResponse waits for the handler,
/// Event hands the payload to the asynchronous path (retries, destinations) and returns at once.
using LambdaInvoker = std::function<LambdaResult(const std::string& function_arn, const std::string& payload,
                                                 InvocationType type)>;
/// One line for the timeline (template errors, rejected calls, malformed proxy responses).
using GatewayLog = std::function<void(const std::string& line)>;

/// `media` is one of `types` (API Gateway's binaryMediaTypes; `*/*`, `image/*` wildcards).
[[nodiscard]] bool is_binary_media_type(const std::vector<std::string>& types, const std::string& media);

}  // namespace formwork::local::apigateway
