#include "local/apigateway/gateway.hpp"

#include <chrono>

#include "local/apigateway/non_proxy.hpp"
#include "local/apigateway/proxy.hpp"
#include "local/apigateway/router.hpp"
#include "local/ids.hpp"
#include "local/model.hpp"

namespace formwork::local::apigateway {

namespace {

const char* type_name(IntegrationType type) {
  switch (type) {
    case IntegrationType::aws: return "AWS";
    case IntegrationType::aws_proxy: return "AWS_PROXY";
    case IntegrationType::http: return "HTTP";
    case IntegrationType::http_proxy: return "HTTP_PROXY";
    case IntegrationType::mock: return "MOCK";
  }
  return "?";
}

// What API Gateway checks before the integration: authorization it cannot evaluate locally is
// only required to be present (documented in docs/local.md).
std::optional<HttpResponse> authorize(const Method& method, const HttpRequest& request) {
  const bool has_authorization = header_value(request.headers, "Authorization").has_value();
  if (method.authorization_type == "AWS_IAM" && !has_authorization) {
    return gateway_error(403, "Missing Authentication Token", "MissingAuthenticationTokenException");
  }
  if ((method.authorization_type == "COGNITO_USER_POOLS" || method.authorization_type == "CUSTOM") &&
      !has_authorization) {
    return gateway_error(401, "Unauthorized", "UnauthorizedException");
  }
  if (method.api_key_required && !header_value(request.headers, "x-api-key")) {
    return gateway_error(403, "Forbidden", "ForbiddenException");
  }
  return std::nullopt;
}

}  // namespace

Gateway::Gateway(std::vector<RestApi> apis, LambdaInvoker invoke, GatewayOptions options)
    : apis_(std::move(apis)), invoke_(std::move(invoke)), options_(std::move(options)) {
  if (!options_.now_ms) {
    options_.now_ms = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
}

HttpResponse Gateway::handle(const HttpRequest& request) const {
  const auto [raw_path, query] = split_target(request.target);
  const std::string request_id = make_uuid();
  const std::string extended_id = make_token(15) + "=";
  HttpResponse response;
  std::string label;
  try {
    auto routed = route(apis_, request.method, raw_path);
    if (auto* refused = std::get_if<HttpResponse>(&routed)) {
      response = std::move(*refused);
    } else {
      const Route& found = std::get<Route>(routed);
      label = found.api->logical_id + " " + found.method->logical_id;
      const RequestInfo info{.route = found,
                             .http = request,
                             .query = query,
                             .request_id = request_id,
                             .extended_request_id = extended_id,
                             .account_id = options_.account_id,
                             .region = options_.region,
                             .time_ms = options_.now_ms()};
      if (auto refused_auth = authorize(*found.method, request)) {
        response = std::move(*refused_auth);
      } else if (found.method->integration.type == IntegrationType::aws_proxy) {
        response = run_proxy(info, invoke_, options_.log);
      } else if (found.method->integration.type == IntegrationType::http_proxy) {
        if (options_.log) options_.log("API Gateway: " + label + ": HTTP_PROXY integrations are not run locally: 500");
        response = gateway_error(500, "Internal server error", "InternalServerErrorException");
      } else {
        response = run_non_proxy(info, invoke_, options_.log);
      }
    }
  } catch (const std::exception& error) {
    if (options_.log) options_.log(std::string("API Gateway: internal error: ") + error.what() + ": 500");
    response = gateway_error(500, "Internal server error", "InternalServerErrorException");
  }
  response.headers.emplace_back("x-amzn-RequestId", request_id);
  response.headers.emplace_back("x-amz-apigw-id", extended_id);
  if (options_.log) {
    options_.log("API Gateway: " + request.method + " " + request.target + " -> " + std::to_string(response.status) +
                 (label.empty() ? "" : " (" + label + ")"));
  }
  return response;
}

std::vector<std::string> Gateway::describe(std::string_view endpoint) const {
  std::vector<std::string> lines;
  for (const auto& api : apis_) {
    for (const auto& stage : api.stages) {
      lines.push_back(api.logical_id + " (" + api.id + ") " + local_stage_url(endpoint, api.id, stage.name) + "/");
    }
    if (api.stages.empty()) lines.push_back(api.logical_id + " (" + api.id + ") has no stage: not reachable");
    for (const auto& note : api.notes) lines.push_back("  " + note);
    for (const auto& resource : api.resources) {
      for (const auto& method : resource.methods) {
        lines.push_back("  " + method.http_method + " " + resource.path + " (" + type_name(method.integration.type) + ")");
      }
    }
  }
  return lines;
}

std::vector<ResourceRecord> records_from(const CloudModel& model) {
  std::vector<ResourceRecord> records;
  for (const auto& resource : model.resources) {
    if (!resource.type.starts_with("AWS::ApiGateway::")) continue;
    records.push_back({.logical_id = resource.logical_id,
                       .type = resource.type,
                       .physical_id = resource.physical_id,
                       .properties = resource.properties.is_object() ? resource.properties : nlohmann::ordered_json::object()});
  }
  return records;
}

}  // namespace formwork::local::apigateway
