#include "local/apigateway/cloud_gateway.hpp"

#include <nlohmann/json.hpp>

#include "local/cloud.hpp"

namespace formwork::local::apigateway {

namespace {

constexpr std::size_t kSyncLimit = 6u * 1024u * 1024u;
constexpr std::size_t kAsyncLimit = 1024u * 1024u;

LambdaResult call_lambda(LocalCloud& cloud, const std::string& arn, const std::string& body, InvocationType type) {
  const FunctionSpec* function = cloud.find_function(arn);
  if (function == nullptr) {
    return {.status = LambdaResult::Status::rejected, .reason = "ResourceNotFoundException: Function not found: " + arn};
  }
  const std::string payload = body.empty() ? "{}" : body;
  const std::size_t limit = type == InvocationType::event ? kAsyncLimit : kSyncLimit;
  if (payload.size() > limit) {
    return {.status = LambdaResult::Status::rejected,
            .reason = "RequestTooLargeException: the payload is " + std::to_string(payload.size()) +
                      " bytes, the limit is " + std::to_string(limit)};
  }
  if (nlohmann::json::parse(payload, nullptr, false).is_discarded()) {
    return {.status = LambdaResult::Status::rejected,
            .reason = "InvalidRequestContentException: Could not parse request body into json: " + payload.substr(0, 100)};
  }
  if (type == InvocationType::dry_run) return {};
  if (type == InvocationType::event) {
    cloud.invoke_async(*function, payload);
    return {};
  }
  const InvokeOutcome outcome = cloud.invoke(*function, payload);
  switch (outcome.status) {
    case InvokeOutcome::Status::Success: return {.payload = outcome.payload};
    case InvokeOutcome::Status::FunctionError:
      return {.status = LambdaResult::Status::function_error, .payload = outcome.payload};
    case InvokeOutcome::Status::NotRunnable:
      return {.status = LambdaResult::Status::rejected, .reason = outcome.error_message};
  }
  return {.status = LambdaResult::Status::rejected, .reason = "unknown outcome"};
}

}  // namespace

std::unique_ptr<Gateway> make_gateway(LocalCloud& cloud) {
  GatewayOptions options{.account_id = std::string(kAccountId), .region = std::string(kRegion)};
  options.now_ms = [&cloud] { return cloud.clock().now(); };
  options.log = [&cloud](const std::string& line) {
    // Lines end in "-> STATUS (…)" for a request, ": STATUS" for why it failed.
    const bool request_line = line.find(" -> ") != std::string::npos;
    cloud.timeline().emit({.at = cloud.clock().now(),
                           .kind = request_line ? "API" : "WARN",
                           .resource = "ApiGateway",
                           .text = line.substr(line.rfind("API Gateway: ", 0) == 0 ? 13 : 0)});
  };
  return std::make_unique<Gateway>(
      build_rest_apis(records_from(cloud.model())),
      [&cloud](const std::string& arn, const std::string& payload, InvocationType type) {
        return call_lambda(cloud, arn, payload, type);
      },
      std::move(options));
}

}  // namespace formwork::local::apigateway
