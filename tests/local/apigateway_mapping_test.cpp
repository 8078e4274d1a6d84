// AWS (non-proxy) and MOCK integrations with the real VTL engine: request templates and
// passthroughBehavior, X-Amz-Invocation-Type, selection patterns, response templates by Accept,
// $context.responseOverride, method request parameters and method responses.

#include <catch2/catch.hpp>

#include "local/apigateway/gateway.hpp"
#include "local/apigateway/non_proxy.hpp"
#include "local/apigateway/selection_pattern.hpp"
#include "tests/local/apigateway_fixtures.hpp"

using namespace formwork::local::apigateway;
namespace fx = formwork::testing::apigw;
using Json = nlohmann::ordered_json;

namespace {

// What Lambda answers for the Square function (examples/handlers/square/index.py): the tests
// of `formwork serve` run the real handler; these check API Gateway's side.
struct SquareLambda {
  std::vector<std::pair<std::string, InvocationType>> calls;
  LambdaResult operator()(const std::string& arn, const std::string& payload, InvocationType type) {
    CHECK(arn == "arn:aws:lambda:us-east-1:123456789012:function:Square");
    calls.emplace_back(payload, type);
    if (type != InvocationType::request_response) return {};
    const auto event = Json::parse(payload);
    const std::string raw = event.value("number", "");
    if (raw.empty() || raw.find_first_not_of("-0123456789") != std::string::npos) {
      return {.status = LambdaResult::Status::function_error,
              .payload = Json{{"errorMessage", "number must be an integer, got '" + raw + "'"},
                              {"errorType", "ValueError"}, {"stackTrace", Json::array()}}.dump()};
    }
    const long n = std::stol(raw);
    return {.payload = Json{{"input", n}, {"square", n * n}}.dump()};
  }
};

HttpResponse call(const Gateway& gateway, std::string target, std::vector<Header> headers = {}, std::string method = "GET") {
  return gateway.handle({.method = std::move(method), .target = std::move(target), .headers = std::move(headers)});
}

Integration templates(std::string behavior, Pairs request_templates) {
  return {.request_templates = std::move(request_templates), .passthrough_behavior = std::move(behavior)};
}

}  // namespace

TEST_CASE("apigateway mapping: AsyncSquareApi's GET /square/{number}, synchronous and asynchronous") {
  SquareLambda lambda;
  std::vector<std::string> log;
  const Gateway gateway(build_rest_apis(fx::square_api()), std::ref(lambda),
                        {.log = [&](const std::string& line) { log.push_back(line); }});
  const std::string url = "/restapis/apiSquareApi/prod/_user_request_/square/";

  const HttpResponse sync = call(gateway, url + "4");
  CHECK(sync.status == 200);
  CHECK(Json::parse(sync.body) == Json{{"input", 4}, {"square", 16}});
  CHECK(header_value(sync.headers, "Content-Type") == "application/json");
  CHECK(header_value(sync.headers, "x-amzn-RequestId").has_value());
  REQUIRE(lambda.calls.size() == 1);
  CHECK(lambda.calls[0].first == R"({"number": "4"})");
  CHECK(lambda.calls[0].second == InvocationType::request_response);

  const HttpResponse async = call(gateway, url + "4", {{"InvocationType", "Event"}});
  CHECK(async.status == 202);
  CHECK(Json::parse(async.body) == Json{{"status", "event received"}});
  REQUIRE(lambda.calls.size() == 2);
  CHECK(lambda.calls[1].second == InvocationType::event);
  CHECK(lambda.calls[1].first == R"({"number": "4"})");

  CHECK(call(gateway, url + "5", {{"InvocationType", "RequestResponse"}}).status == 200);
  const HttpResponse bad = call(gateway, url + "abc");
  CHECK(bad.status == 400);
  // $util.escapeJavaScript escapes ' as \' (LOCAL-RUNTIME.md §3.8), so this is AWS's exact body.
  CHECK(bad.body == R"({"error": "number must be an integer, got \'abc\'"})");

  const HttpResponse unsupported = call(gateway, url + "4", {{"Content-Type", "text/plain"}});
  CHECK(unsupported.status == 415);
  CHECK(unsupported.body == R"({"message":"Unsupported Media Type"})");
  CHECK(call(gateway, url + "4", {{"Content-Type", "application/json; charset=utf-8"}}).status == 200);

  const HttpResponse wrong_type = call(gateway, url + "4", {{"InvocationType", "Later"}});
  CHECK(wrong_type.status == 500);
  CHECK(wrong_type.body == R"({"message": "Internal server error"})");
  CHECK(std::any_of(log.begin(), log.end(), [](const std::string& l) { return l.find("'Later'") != std::string::npos; }));
  CHECK(lambda.calls.size() == 5);  // 415 and 500 never reached the function
}

TEST_CASE("apigateway mapping: request template by Content-Type under each passthroughBehavior") {
  const Pairs json_only = {{"application/json", "{}"}};
  struct Row {
    std::string behavior;
    bool has_templates;
    std::optional<std::string> content_type;
    const char* expect;  // "template", "passthrough", "415"
  };
  const std::vector<Row> rows = {
      {"WHEN_NO_MATCH", true, std::nullopt, "template"},   {"WHEN_NO_MATCH", true, "text/plain", "passthrough"},
      {"WHEN_NO_MATCH", false, "text/plain", "passthrough"}, {"WHEN_NO_TEMPLATES", true, "application/json", "template"},
      {"WHEN_NO_TEMPLATES", true, "text/plain", "415"},     {"WHEN_NO_TEMPLATES", false, "text/plain", "passthrough"},
      {"NEVER", true, "APPLICATION/JSON;charset=UTF-8", "template"}, {"NEVER", true, "text/plain", "415"},
      {"NEVER", false, "application/json", "415"},
  };
  for (const auto& row : rows) {
    INFO(row.behavior << " templates=" << row.has_templates << " " << row.content_type.value_or("(none)"));
    const auto choice = choose_request_template(templates(row.behavior, row.has_templates ? json_only : Pairs{}),
                                                row.content_type);
    const std::string got = choice.unsupported_media_type ? "415" : choice.template_text ? "template" : "passthrough";
    CHECK(got == row.expect);
  }
}

TEST_CASE("apigateway mapping: selection patterns are Java regexes matching the whole text") {
  CHECK(selection_matches("^number must be an integer.*", "number must be an integer, got 'abc'"));
  CHECK_FALSE(selection_matches("number must be", "number must be an integer"));  // whole text, not a find
  CHECK(selection_matches(".*Not Found.*", "Item Not Found: 42"));
  CHECK(selection_matches("\\d{3}", "404"));
  CHECK(selection_matches("4\\d{2}|5\\d{2}", "503"));
  CHECK(selection_matches("(?i)bad request.*", "BAD REQUEST: x"));
  CHECK_FALSE(selection_matches(".+", "first line\nsecond line"));  // `.` stops at a line break, as in Java
  CHECK(selection_matches("(?s).+", "first line\nsecond line"));
  CHECK_THROWS_WITH(selection_matches("([a-z", "x"), Catch::Contains("selection pattern '([a-z' does not compile"));

  Integration integration{.responses = {{.status_code = "200"},
                                        {.status_code = "400", .selection_pattern = "Bad.*"},
                                        {.status_code = "404", .selection_pattern = ".*Not Found.*"}}};
  CHECK(select_integration_response(integration, std::nullopt)->status_code == "200");
  CHECK(select_integration_response(integration, std::string("Bad input"))->status_code == "400");
  CHECK(select_integration_response(integration, std::string("Thing Not Found"))->status_code == "404");
  CHECK(select_integration_response(integration, std::string("other"))->status_code == "200");
  integration.responses.erase(integration.responses.begin());
  CHECK(select_integration_response(integration, std::string("other")) == nullptr);
}

TEST_CASE("apigateway mapping: response template by Accept") {
  const IntegrationResponse response{.status_code = "200",
                                     .response_templates = {{"application/xml", "<a/>"}, {"application/json", "{}"},
                                                            {"text/html", "<p/>"}}};
  CHECK(choose_response_template(response, "text/html")->first == "text/html");
  CHECK(choose_response_template(response, "image/png, application/xml;q=0.9")->first == "application/xml");
  CHECK(choose_response_template(response, "*/*")->first == "application/json");
  CHECK(choose_response_template(response, "")->first == "application/json");
  const IntegrationResponse xml_only{.status_code = "200", .response_templates = {{"application/xml", "<a/>"}}};
  CHECK(choose_response_template(xml_only, "text/plain")->first == "application/xml");
  CHECK(choose_response_template(IntegrationResponse{.status_code = "200"}, "text/plain") == nullptr);
}

TEST_CASE("apigateway mapping: MOCK, overrides, response parameters and method responses") {
  const Json mock = Json::parse(R"json({
    "Type": "MOCK",
    "RequestTemplates": {"application/json": "{\"statusCode\": $input.params('code')}"},
    "IntegrationResponses": [
      {"StatusCode": "200", "ResponseTemplates": {"application/json": "{\"stage\": \"$context.stage\", \"table\": \"$stageVariables.table\"}"},
       "ResponseParameters": {"method.response.header.X-Static": "'fixed'"}},
      {"StatusCode": "404", "SelectionPattern": "404",
       "ResponseTemplates": {"application/json": "#set($context.responseOverride.status = 410)\n#set($context.responseOverride.header.X-Why = \"gone\")\n{\"gone\": true}"}},
      {"StatusCode": "500", "SelectionPattern": "5\\d\\d"}]})json");
  const Json responses = Json::array({{{"StatusCode", "200"}}, {{"StatusCode", "404"}}});
  const Gateway gateway(
      build_rest_apis({fx::rest_api("M"), fx::resource("r", "M", "root", "r"),
                       fx::method("MockGet", "M", "r", "GET", mock, {{"MethodResponses", responses}}),
                       fx::stage("M", "test", {{"table", "t1"}})}),
      [](const std::string&, const std::string&, InvocationType) { return LambdaResult{}; });
  const HttpResponse ok = call(gateway, "/restapis/apiM/test/_user_request_/r?code=200");
  CHECK(ok.status == 200);
  CHECK(ok.body == R"({"stage": "test", "table": "t1"})");
  CHECK(header_value(ok.headers, "X-Static") == "fixed");
  const HttpResponse gone = call(gateway, "/restapis/apiM/test/_user_request_/r?code=404");
  CHECK(gone.status == 410);
  CHECK(gone.body == R"({"gone": true})");
  CHECK(header_value(gone.headers, "X-Why") == "gone");
  // 500 is selected but the method declares no 500 response: a configuration error, 500.
  const HttpResponse undeclared = call(gateway, "/restapis/apiM/test/_user_request_/r?code=503");
  CHECK(undeclared.status == 500);
  CHECK(undeclared.body == R"({"message": "Internal server error"})");
}

TEST_CASE("apigateway mapping: required method request parameters are enforced by a request validator") {
  auto records = fx::square_api();
  records[3].properties["RequestParameters"]["method.request.header.InvocationType"] = true;
  records[3].properties["RequestParameters"]["method.request.querystring.mode"] = true;
  SquareLambda lambda;
  {
    const Gateway gateway(build_rest_apis(records), std::ref(lambda));
    CHECK(call(gateway, "/restapis/apiSquareApi/prod/_user_request_/square/3").status == 200);  // no validator
  }
  records[3].properties["RequestValidatorId"] = "validator1";
  records.push_back({.logical_id = "Validator", .type = "AWS::ApiGateway::RequestValidator", .physical_id = "validator1",
                     .properties = {{"RestApiId", "apiSquareApi"}, {"ValidateRequestParameters", true}}});
  const Gateway gateway(build_rest_apis(records), std::ref(lambda));
  const HttpResponse missing = call(gateway, "/restapis/apiSquareApi/prod/_user_request_/square/3");
  CHECK(missing.status == 400);
  CHECK(missing.body == R"({"message":"Missing required request parameters: [InvocationType, mode]"})");
  CHECK(header_value(missing.headers, "x-amzn-ErrorType") == "BadRequestException");
  CHECK(call(gateway, "/restapis/apiSquareApi/prod/_user_request_/square/3?mode=x", {{"invocationtype", "RequestResponse"}})
            .status == 200);
}

TEST_CASE("apigateway mapping: a template error is 500 and the log names the template, line and column") {
  auto records = fx::square_api();
  records[3].properties["Integration"]["RequestTemplates"]["application/json"] = "{\n  #foreach($x in)\n}";
  std::vector<std::string> log;
  SquareLambda lambda;
  const Gateway gateway(build_rest_apis(records), std::ref(lambda),
                        {.log = [&](const std::string& line) { log.push_back(line); }});
  const HttpResponse response = call(gateway, "/restapis/apiSquareApi/prod/_user_request_/square/3");
  CHECK(response.status == 500);
  CHECK(lambda.calls.empty());
  REQUIRE_FALSE(log.empty());
  CHECK_THAT(log[0], Catch::Contains("SquareApiSquareNumberGET RequestTemplates application/json:2:"));
}

TEST_CASE("apigateway mapping: describe lists each API's local URL and methods") {
  const Gateway gateway(build_rest_apis(fx::square_api()), SquareLambda{});
  CHECK(gateway.describe("http://127.0.0.1:4566") ==
        std::vector<std::string>{"SquareApi (apiSquareApi) http://127.0.0.1:4566/restapis/apiSquareApi/prod/_user_request_/",
                                 "  GET /square/{number} (AWS)"});
}

TEST_CASE("apigateway mapping: an AWS integration with another service than Lambda is a 500 that says why") {
  std::vector<std::string> log;
  const Json sqs = {{"Type", "AWS"}, {"Uri", "arn:aws:apigateway:us-east-1:sqs:path/123456789012/jobs"},
                    {"IntegrationResponses", Json::array({{{"StatusCode", "200"}}})}};
  const Gateway gateway(build_rest_apis({fx::rest_api("Q"), fx::method("QPost", "Q", "root", "POST", sqs),
                                         fx::stage("Q", "prod")}),
                        SquareLambda{}, {.log = [&](const std::string& line) { log.push_back(line); }});
  CHECK(call(gateway, "/restapis/apiQ/prod/_user_request_/", {}, "POST").status == 500);
  REQUIRE_FALSE(log.empty());
  CHECK_THAT(log[0], Catch::Contains("QPost (POST /): AWS integration with arn:aws:apigateway:us-east-1:sqs:path/"));
}
