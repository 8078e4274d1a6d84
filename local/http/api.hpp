#pragma once

// The AWS APIs of `formwork serve`, as plain functions from a request to a response (no
// socket: server.cpp, the one file that includes cpp-httplib, calls `route`):
// - Lambda (REST-JSON): Invoke, ListFunctions, GetFunction            lambda_api.cpp
// - SQS (JSON 1.0, X-Amz-Target AmazonSQS.*): the queue operations    sqs_api.cpp
// - SNS (query, XML): Publish, ListTopics, ListSubscriptions(ByTopic), GetTopicAttributes   sns_api.cpp
// - CloudFormation (query, XML): DescribeStacks, ListStackResources, DescribeStackResources  cfn_api.cpp
// - /_formwork/health, and POST /_formwork/clock/advance?seconds=N when the clock is manual.
// Every malformed request gets the error AWS would give, shaped as that service shapes it.

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "local/apigateway/http.hpp"

namespace formwork::local {
class LocalCloud;
}
namespace formwork::local::apigateway {
class Gateway;
}

namespace formwork::local::http {

using apigateway::HttpRequest;
using apigateway::HttpResponse;

/// What the routes need.
struct Endpoint {
  LocalCloud& cloud;
  /// The API Gateway of the served stacks, for /restapis/…. Default: none (404).
  const apigateway::Gateway* gateway = nullptr;
  /// Accept POST /_formwork/clock/advance (only with a manual clock). Default: no.
  bool clock_control = false;
};

/// Dispatches a request to the service it is addressed to. Never throws.
[[nodiscard]] HttpResponse route(const Endpoint& endpoint, const HttpRequest& request);

[[nodiscard]] HttpResponse handle_lambda(LocalCloud& cloud, const HttpRequest& request, const std::string& path);
[[nodiscard]] HttpResponse handle_sqs(LocalCloud& cloud, const HttpRequest& request, const std::string& operation);
/// SNS or CloudFormation by Action; nullopt-like 400 InvalidAction for other actions.
[[nodiscard]] HttpResponse handle_sns(LocalCloud& cloud, const std::map<std::string, std::string>& form);
[[nodiscard]] HttpResponse handle_cloudformation(LocalCloud& cloud, const std::map<std::string, std::string>& form);
[[nodiscard]] bool is_sns_action(const std::string& action);
[[nodiscard]] bool is_cloudformation_action(const std::string& action);

// Helpers shared by the APIs.

/// `a=1&b=2` (form-encoded, + is a space) as a map; a repeated name keeps the last value.
[[nodiscard]] std::map<std::string, std::string> parse_form(const std::string& body);
[[nodiscard]] std::string xml_escape(const std::string& text);
/// A JSON body with Content-Type and x-amzn-RequestId.
[[nodiscard]] HttpResponse json_response(int status, const nlohmann::ordered_json& body,
                                         const std::string& content_type = "application/json");
/// An XML body (query protocol), wrapped as <ACTIONResponse xmlns=…><ACTIONResult>…</…><ResponseMetadata>.
[[nodiscard]] HttpResponse xml_response(const std::string& xmlns, const std::string& action, const std::string& result);
/// <ErrorResponse xmlns=…><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…
[[nodiscard]] HttpResponse xml_error(const std::string& xmlns, int status, const std::string& code,
                                     const std::string& message);

}  // namespace formwork::local::http
