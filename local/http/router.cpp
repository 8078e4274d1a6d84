#include <cmath>
#include <exception>

#include "local/apigateway/gateway.hpp"
#include "local/cloud.hpp"
#include "local/http/api.hpp"
#include "local/ids.hpp"

namespace formwork::local::http {
namespace {

HttpResponse clock_advance(const Endpoint& endpoint, const std::vector<apigateway::QueryParam>& query) {
  auto& clock = endpoint.cloud.clock();
  if (!endpoint.clock_control || clock.mode() != ClockMode::manual)
    return json_response(403, {{"message", "the clock is advanced by hand only when serve runs with --clock manual"}});
  double seconds = -1;
  for (const auto& [name, value] : query) {
    if (name != "seconds") continue;
    try {
      std::size_t used = 0;
      seconds = std::stod(value, &used);
      if (used != value.size()) seconds = -1;
    } catch (const std::exception&) {
      seconds = -1;
    }
  }
  if (!(seconds >= 0) || seconds > 366.0 * 86400)
    return json_response(400, {{"message", "seconds must be a number from 0 to 31622400"}});
  clock.advance(static_cast<Millis>(std::llround(seconds * 1000)));
  return json_response(200, {{"now", iso8601_millis(clock.now())}, {"nowMillis", clock.now()}});
}

}  // namespace

std::map<std::string, std::string> parse_form(const std::string& body) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    auto pair = body.substr(start, end - start);
    if (!pair.empty()) {
      auto equals = pair.find('=');
      auto name = apigateway::url_decode(pair.substr(0, equals), true);
      auto value = equals == std::string::npos ? std::string() : apigateway::url_decode(pair.substr(equals + 1), true);
      out[name] = value;
    }
    start = end + 1;
  }
  return out;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#xD;"; break;
      default: out += c;
    }
  }
  return out;
}

HttpResponse json_response(int status, const nlohmann::ordered_json& body, const std::string& content_type) {
  HttpResponse response{.status = status};
  response.headers = {{"Content-Type", content_type}, {"x-amzn-RequestId", make_uuid()}};
  response.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return response;
}

HttpResponse xml_response(const std::string& xmlns, const std::string& action, const std::string& result) {
  HttpResponse response{.status = 200};
  response.headers = {{"Content-Type", "text/xml"}};
  response.body = "<" + action + "Response xmlns=\"" + xmlns + "\">\n  <" + action + "Result>\n" + result + "  </" +
                  action + "Result>\n  <ResponseMetadata>\n    <RequestId>" + make_uuid() +
                  "</RequestId>\n  </ResponseMetadata>\n</" + action + "Response>\n";
  return response;
}

HttpResponse xml_error(const std::string& xmlns, int status, const std::string& code, const std::string& message) {
  HttpResponse response{.status = status};
  response.headers = {{"Content-Type", "text/xml"}};
  response.body = "<ErrorResponse xmlns=\"" + xmlns + "\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>" +
                  xml_escape(code) + "</Code>\n    <Message>" + xml_escape(message) + "</Message>\n  </Error>\n  <RequestId>" +
                  make_uuid() + "</RequestId>\n</ErrorResponse>\n";
  return response;
}

HttpResponse route(const Endpoint& endpoint, const HttpRequest& request) {
  try {
    auto [path, query] = apigateway::split_target(request.target);
    if (path == "/_formwork/health") return json_response(200, {{"status", "ready"}});
    if (path == "/_formwork/clock/advance" && request.method == "POST") return clock_advance(endpoint, query);
    if (path == "/_formwork/clock" && request.method == "GET")
      return json_response(200, {{"now", iso8601_millis(endpoint.cloud.clock().now())}, {"nowMillis", endpoint.cloud.clock().now()}});
    if (path.rfind("/2015-03-31/functions", 0) == 0) return handle_lambda(endpoint.cloud, request, path);
    if (path.rfind("/restapis/", 0) == 0) {
      if (endpoint.gateway != nullptr) return endpoint.gateway->handle(request);
      return json_response(404, {{"message", "no REST API is served"}});
    }
    if (auto target = apigateway::header_value(request.headers, "X-Amz-Target")) {
      if (target->rfind("AmazonSQS.", 0) == 0) return handle_sqs(endpoint.cloud, request, target->substr(10));
      return json_response(400, {{"__type", "UnknownOperationException"}, {"message", "unknown target " + *target}},
                           "application/x-amz-json-1.0");
    }
    if (request.method == "POST" || request.method == "GET") {
      auto form = parse_form(request.method == "POST" ? request.body : request.target.substr(request.target.find('?') + 1));
      auto action = form.count("Action") ? form["Action"] : std::string();
      if (is_sns_action(action)) return handle_sns(endpoint.cloud, form);
      if (is_cloudformation_action(action)) return handle_cloudformation(endpoint.cloud, form);
      if (!action.empty())
        return xml_error("http://formwork.local/", 400, "InvalidAction",
                         "The action " + action + " is not valid for this endpoint (formwork serve speaks Lambda, SQS, SNS and CloudFormation).");
    }
    return json_response(404, {{"message", "formwork serve: nothing answers " + request.method + " " + path}});
  } catch (const std::exception& e) {
    return json_response(500, {{"message", std::string("formwork serve: internal error: ") + e.what()}});
  }
}

}  // namespace formwork::local::http
