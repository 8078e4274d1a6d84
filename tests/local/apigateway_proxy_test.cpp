// AWS_PROXY integrations: the REST payload 1.0 event and the response API Gateway accepts.

#include <catch2/catch.hpp>

#include "local/apigateway/proxy.hpp"
#include "tests/local/apigateway_fixtures.hpp"

using namespace formwork::local::apigateway;
namespace fx = formwork::testing::apigw;
using Json = nlohmann::json;

namespace {

struct Fixture {
  std::vector<RestApi> apis;
  HttpRequest http;
  Route found;

  explicit Fixture(HttpRequest request, std::vector<fx::ResourceRecord> records = fx::hello_api())
      : apis(build_rest_apis(records)), http(std::move(request)) {
    auto result = route(apis, http.method, split_target(http.target).first);
    REQUIRE(std::holds_alternative<Route>(result));
    found = std::get<Route>(result);
  }
  [[nodiscard]] RequestInfo info() const {
    return {.route = found, .http = http, .query = split_target(http.target).second, .request_id = "req-1",
            .extended_request_id = "ext=", .account_id = "123456789012", .region = "us-east-1",
            .time_ms = 1583798639428};
  }
};

HttpResponse answer(const Fixture& fixture, const std::string& payload, std::string& why) {
  return proxy_response(payload, fixture.info(), why);
}

}  // namespace

TEST_CASE("apigateway proxy: the payload 1.0 event of GET /hello?x=1") {
  const Fixture fixture({.method = "GET",
                         .target = "/restapis/apiApi/prod/_user_request_/hello?x=1&tag=a&tag=b%20c",
                         .headers = {{"Host", "127.0.0.1"}, {"User-Agent", "curl/7.88"}, {"X-Multi", "1"}, {"X-Multi", "2"}}});
  const auto event = Json::parse(proxy_event(fixture.info()).dump());
  CHECK(event["resource"] == "/{proxy+}");
  CHECK(event["path"] == "/hello");
  CHECK(event["httpMethod"] == "GET");
  CHECK(event["headers"] == Json{{"Host", "127.0.0.1"}, {"User-Agent", "curl/7.88"}, {"X-Multi", "2"}});
  CHECK(event["multiValueHeaders"]["X-Multi"] == Json{"1", "2"});
  CHECK(event["queryStringParameters"] == Json{{"x", "1"}, {"tag", "b c"}});
  CHECK(event["multiValueQueryStringParameters"] == Json{{"x", {"1"}}, {"tag", {"a", "b c"}}});
  CHECK(event["pathParameters"] == Json{{"proxy", "hello"}});
  CHECK(event["stageVariables"].is_null());
  CHECK(event["body"].is_null());
  CHECK(event["isBase64Encoded"] == false);
  const Json& context = event["requestContext"];
  CHECK(context["resourcePath"] == "/{proxy+}");
  CHECK(context["resourceId"] == "ApiProxy");
  CHECK(context["httpMethod"] == "GET");
  CHECK(context["path"] == "/prod/hello");
  CHECK(context["stage"] == "prod");
  CHECK(context["requestId"] == "req-1");
  CHECK(context["extendedRequestId"] == "ext=");
  CHECK(context["requestTime"] == "10/Mar/2020:00:03:59 +0000");
  CHECK(context["requestTimeEpoch"] == 1583798639428);
  CHECK(context["accountId"] == "123456789012");
  CHECK(context["apiId"] == "apiApi");
  CHECK(context["domainName"] == "apiApi.execute-api.us-east-1.amazonaws.com");
  CHECK(context["domainPrefix"] == "apiApi");
  CHECK(context["protocol"] == "HTTP/1.1");
  CHECK(context["identity"]["sourceIp"] == "127.0.0.1");
  CHECK(context["identity"]["userAgent"] == "curl/7.88");
  CHECK(context["identity"]["caller"].is_null());
  CHECK(context["identity"].size() == 12);
  // Key order as API Gateway writes it.
  std::vector<std::string> keys;
  const auto ordered = proxy_event(fixture.info());
  for (const auto& [key, value] : ordered.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"resource", "path", "httpMethod", "headers", "multiValueHeaders",
                                         "queryStringParameters", "multiValueQueryStringParameters", "pathParameters",
                                         "stageVariables", "requestContext", "body", "isBase64Encoded"});
}

TEST_CASE("apigateway proxy: absent maps are null, a body is a string, binary bodies are base64") {
  const Fixture plain({.method = "GET", .target = "/restapis/apiApi/prod/_user_request_/"});
  const auto event = Json::parse(proxy_event(plain.info()).dump());
  for (const char* key : {"headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters",
                          "pathParameters", "stageVariables"}) {
    INFO(key);
    CHECK(event[key].is_null());
  }
  CHECK(event["resource"] == "/");
  CHECK(event["requestContext"]["path"] == "/prod/");

  auto records = fx::hello_api();
  records[0].properties["BinaryMediaTypes"] = Json::array({"image~1*"});
  const Fixture text({.method = "POST", .target = "/restapis/apiApi/prod/_user_request_/up",
                      .headers = {{"Content-Type", "text/plain"}}, .body = "hi"}, records);
  CHECK(proxy_event(text.info())["body"] == "hi");
  CHECK(proxy_event(text.info())["isBase64Encoded"] == false);
  const Fixture image({.method = "POST", .target = "/restapis/apiApi/prod/_user_request_/up",
                       .headers = {{"Content-Type", "image/png"}}, .body = std::string("\x89PNG\0\1", 6)}, records);
  CHECK(proxy_event(image.info())["body"] == "iVBORwAB");
  CHECK(proxy_event(image.info())["isBase64Encoded"] == true);
}

TEST_CASE("apigateway proxy: a well-formed answer becomes the client's response") {
  const Fixture fixture({.method = "GET", .target = "/restapis/apiApi/prod/_user_request_/hello"});
  std::string why;
  const HttpResponse ok = answer(fixture, R"({"statusCode": 201, "headers": {"X-One": "1"},
      "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"], "X-One": ["m"]}, "body": "{\"done\":true}"})", why);
  CHECK(why.empty());
  CHECK(ok.status == 201);
  CHECK(ok.body == R"({"done":true})");
  CHECK(header_value(ok.headers, "X-One") == "m");  // multiValueHeaders wins for a key in both
  CHECK(std::count(ok.headers.begin(), ok.headers.end(), Header{"Set-Cookie", "a=1"}) == 1);
  CHECK(std::count(ok.headers.begin(), ok.headers.end(), Header{"Set-Cookie", "b=2"}) == 1);
  CHECK(header_value(ok.headers, "Content-Type") == "application/json");
  const HttpResponse minimal = answer(fixture, R"({"statusCode": "204"})", why);
  CHECK(minimal.status == 204);
  CHECK(minimal.body.empty());
}

TEST_CASE("apigateway proxy: a bad shape is 502 Internal server error") {
  const Fixture fixture({.method = "GET", .target = "/restapis/apiApi/prod/_user_request_/hello"});
  for (const char* payload : {R"("hello")", R"(null)", R"([1])", R"({"statusCode": 200, "body": {"a": 1}})",
                              R"({"body": "no status"})", R"({"statusCode": "abc"})", R"({"statusCode": 700})",
                              R"({"statusCode": 200, "extra": 1})", R"({"statusCode": 200, "headers": {"a": {"b": 1}}})",
                              R"({"statusCode": 200, "multiValueHeaders": {"a": "b"}})",
                              R"({"statusCode": 200, "isBase64Encoded": "yes"})", "not json"}) {
    INFO(payload);
    std::string why;
    const HttpResponse response = answer(fixture, payload, why);
    CHECK(response.status == 502);
    CHECK(response.body == R"({"message": "Internal server error"})");
    CHECK_THAT(why, Catch::StartsWith("malformed Lambda proxy response"));
  }
}

TEST_CASE("apigateway proxy: isBase64Encoded is decoded only for an Accept in binaryMediaTypes") {
  auto records = fx::hello_api();
  records[0].properties["BinaryMediaTypes"] = Json::array({"image~1png"});
  const std::string payload = R"({"statusCode": 200, "isBase64Encoded": true, "body": "iVBORwAB",
                                  "headers": {"Content-Type": "image/png"}})";
  std::string why;
  const Fixture png({.method = "GET", .target = "/restapis/apiApi/prod/_user_request_/img",
                     .headers = {{"Accept", "image/png"}}}, records);
  CHECK(answer(png, payload, why).body == std::string("\x89PNG\0\1", 6));
  const Fixture text({.method = "GET", .target = "/restapis/apiApi/prod/_user_request_/img",
                      .headers = {{"Accept", "text/html"}}}, records);
  CHECK(answer(text, payload, why).body == "iVBORwAB");
}

TEST_CASE("apigateway proxy: a function error is 502, a rejected call 500, and the function sees the event") {
  const Fixture fixture({.method = "GET", .target = "/restapis/apiApi/prod/_user_request_/hello?x=1"});
  std::vector<std::string> lines;
  const GatewayLog log = [&](const std::string& line) { lines.push_back(line); };
  std::string seen_arn, seen_payload;
  const HttpResponse failed = run_proxy(
      fixture.info(),
      [&](const std::string& arn, const std::string& payload, InvocationType type) {
        seen_arn = arn;
        seen_payload = payload;
        CHECK(type == InvocationType::request_response);
        return LambdaResult{.status = LambdaResult::Status::function_error,
                            .payload = R"({"errorMessage":"boom","errorType":"Error"})"};
      },
      log);
  CHECK(failed.status == 502);
  CHECK(failed.body == R"({"message": "Internal server error"})");
  CHECK(seen_arn == "arn:aws:lambda:us-east-1:123456789012:function:Hello");
  CHECK(Json::parse(seen_payload)["queryStringParameters"]["x"] == "1");
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::Contains("boom"));
  const HttpResponse rejected = run_proxy(
      fixture.info(),
      [](const std::string&, const std::string&, InvocationType) {
        return LambdaResult{.status = LambdaResult::Status::rejected, .reason = "ResourceNotFoundException"};
      },
      log);
  CHECK(rejected.status == 500);
}
