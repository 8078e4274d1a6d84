#include "local/apigateway/proxy.hpp"

#include <array>
#include <ctime>
#include <set>

#include "local/ids.hpp"

namespace formwork::local::apigateway {

using Json = nlohmann::ordered_json;

std::string RequestInfo::domain_name() const {
  return route.api->id + ".execute-api." + region + ".amazonaws.com";
}

std::string RequestInfo::request_time() const {
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = static_cast<std::time_t>(time_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::snprintf(text, sizeof text, "%02d/%s/%04d:%02d:%02d:%02d +0000", utc.tm_mday, kMonths.at(utc.tm_mon),
                utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text;
}

std::string RequestInfo::stage_path() const { return "/" + route.stage->name + (route.path == "/" ? "/" : route.path); }

bool is_binary_media_type(const std::vector<std::string>& types, const std::string& media) {
  if (media.empty()) return false;
  const auto slash = media.find('/');
  for (const auto& raw : types) {
    const std::string type = media_type(raw);
    if (type == media || type == "*/*") return true;
    if (type.size() > 2 && type.ends_with("/*") && slash != std::string::npos &&
        media.compare(0, slash + 1, type, 0, type.size() - 1) == 0) {
      return true;
    }
  }
  return false;
}

namespace {

Json nullable_map(const std::vector<std::pair<std::string, std::string>>& pairs, bool multi) {
  if (pairs.empty()) return nullptr;
  Json out = Json::object();
  for (const auto& [name, value] : pairs) {
    if (multi) {
      out[name].push_back(value);
    } else {
      out[name] = value;
    }
  }
  return out;
}

Json identity(const RequestInfo& request) {
  const auto agent = header_value(request.http.headers, "User-Agent");
  return Json{{"cognitoIdentityPoolId", nullptr},
              {"accountId", nullptr},
              {"cognitoIdentityId", nullptr},
              {"caller", nullptr},
              {"sourceIp", request.http.source_ip},
              {"principalOrgId", nullptr},
              {"accessKey", nullptr},
              {"cognitoAuthenticationType", nullptr},
              {"cognitoAuthenticationProvider", nullptr},
              {"userArn", nullptr},
              {"userAgent", agent ? Json(*agent) : Json(nullptr)},
              {"user", nullptr}};
}

HttpResponse malformed(std::string& why, std::string reason) {
  why = "malformed Lambda proxy response: " + std::move(reason);
  return gateway_error(502, "Internal server error", "InternalServerErrorException");
}

}  // namespace

Json proxy_event(const RequestInfo& request) {
  const Route& route = request.route;
  const bool binary = !request.http.body.empty() &&
                      is_binary_media_type(route.api->binary_media_types,
                                           media_type(header_value(request.http.headers, "Content-Type").value_or("")));
  std::vector<std::pair<std::string, std::string>> path_parameters(route.path_parameters.begin(),
                                                                    route.path_parameters.end());
  std::vector<std::pair<std::string, std::string>> stage_variables(route.stage->variables.begin(),
                                                                    route.stage->variables.end());
  Json context = Json::object();
  context["resourceId"] = route.resource->id;
  context["resourcePath"] = route.resource->path;
  context["httpMethod"] = request.http.method;
  context["extendedRequestId"] = request.extended_request_id;
  context["requestTime"] = request.request_time();
  context["path"] = request.stage_path();
  context["accountId"] = request.account_id;
  context["protocol"] = request.http.protocol;
  context["stage"] = route.stage->name;
  context["domainPrefix"] = route.api->id;
  context["requestTimeEpoch"] = request.time_ms;
  context["requestId"] = request.request_id;
  context["identity"] = identity(request);
  context["domainName"] = request.domain_name();
  context["deploymentId"] = route.stage->deployment_id;
  context["apiId"] = route.api->id;

  Json event = Json::object();
  event["resource"] = route.resource->path;
  event["path"] = route.path;
  event["httpMethod"] = request.http.method;
  event["headers"] = nullable_map(request.http.headers, false);
  event["multiValueHeaders"] = nullable_map(request.http.headers, true);
  event["queryStringParameters"] = nullable_map(request.query, false);
  event["multiValueQueryStringParameters"] = nullable_map(request.query, true);
  event["pathParameters"] = nullable_map(path_parameters, false);
  event["stageVariables"] = nullable_map(stage_variables, false);
  event["requestContext"] = std::move(context);
  event["body"] = request.http.body.empty() ? Json(nullptr)
                                            : Json(binary ? base64_encode(request.http.body) : request.http.body);
  event["isBase64Encoded"] = binary;
  return event;
}

HttpResponse proxy_response(const std::string& payload, const RequestInfo& request, std::string& why) {
  const Json answer = Json::parse(payload, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return malformed(why, "not a JSON object: " + payload.substr(0, 200));
  static const std::set<std::string> kKeys = {"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"};
  for (const auto& [key, value] : answer.items()) {
    if (!kKeys.contains(key)) return malformed(why, "unknown key '" + key + "' (allowed: statusCode, headers, multiValueHeaders, body, isBase64Encoded)");
  }
  HttpResponse response;
  const Json status = answer.value("statusCode", Json(nullptr));
  if (status.is_number_integer()) {
    response.status = status.get<int>();
  } else if (status.is_string() && !status.get<std::string>().empty() &&
             status.get<std::string>().find_first_not_of("0123456789") == std::string::npos &&
             status.get<std::string>().size() <= 3) {
    response.status = std::stoi(status.get<std::string>());
  } else {
    return malformed(why, "statusCode must be an integer, got " + status.dump());
  }
  if (response.status < 100 || response.status > 599) {
    return malformed(why, "statusCode must be between 100 and 599, got " + status.dump());
  }
  auto scalar = [](const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  const Json multi = answer.value("multiValueHeaders", Json(nullptr));
  if (!multi.is_null()) {
    if (!multi.is_object()) return malformed(why, "multiValueHeaders must be an object of lists");
    for (const auto& [name, values] : multi.items()) {
      if (!values.is_array()) return malformed(why, "multiValueHeaders." + name + " must be a list");
      for (const auto& value : values) {
        if (value.is_structured()) return malformed(why, "multiValueHeaders." + name + " must hold strings");
        response.headers.emplace_back(name, scalar(value));
      }
    }
  }
  const Json headers = answer.value("headers", Json(nullptr));
  if (!headers.is_null()) {
    if (!headers.is_object()) return malformed(why, "headers must be an object");
    for (const auto& [name, value] : headers.items()) {
      if (value.is_structured()) return malformed(why, "headers." + name + " must be a string");
      // A header given in both keeps only the multiValueHeaders values (API Gateway's merge rule).
      if (!header_value(response.headers, name)) response.headers.emplace_back(name, scalar(value));
    }
  }
  const Json base64 = answer.value("isBase64Encoded", Json(false));
  if (!base64.is_boolean()) return malformed(why, "isBase64Encoded must be a boolean, got " + base64.dump());
  const Json body = answer.value("body", Json(nullptr));
  if (!body.is_null() && !body.is_string()) return malformed(why, "body must be a string, got " + std::string(body.type_name()));
  response.body = body.is_string() ? body.get<std::string>() : std::string();
  if (base64.get<bool>()) {
    const std::string accept = media_type(header_value(request.http.headers, "Accept").value_or(""));
    if (is_binary_media_type(request.route.api->binary_media_types, accept)) {
      try {
        response.body = base64_decode(response.body);
      } catch (const std::exception&) {
        return malformed(why, "isBase64Encoded is true but body is not base64");
      }
    }
  }
  if (!header_value(response.headers, "Content-Type")) response.headers.emplace_back("Content-Type", "application/json");
  return response;
}

HttpResponse run_proxy(const RequestInfo& request, const LambdaInvoker& invoke, const GatewayLog& log) {
  if (request.route.method->integration.function_arn.empty()) {
    if (log) log("API Gateway: " + request.route.method->logical_id + ": AWS_PROXY integration with " +
                 request.route.method->integration.uri + " is not run locally (only Lambda functions are): 500");
    return gateway_error(500, "Internal server error", "InternalServerErrorException");
  }
  const LambdaResult result =
      invoke(request.route.method->integration.function_arn, proxy_event(request).dump(), InvocationType::request_response);
  if (result.status == LambdaResult::Status::rejected) {
    if (log) log("API Gateway: Lambda rejected the call: " + result.reason);
    return gateway_error(500, "Internal server error", "InternalServerErrorException");
  }
  if (result.status == LambdaResult::Status::function_error) {
    if (log) log("API Gateway: the function failed (" + result.payload.substr(0, 300) + "): 502");
    return gateway_error(502, "Internal server error", "InternalServerErrorException");
  }
  std::string why;
  HttpResponse response = proxy_response(result.payload, request, why);
  if (!why.empty() && log) log("API Gateway: " + why + ": 502");
  return response;
}

}  // namespace formwork::local::apigateway
