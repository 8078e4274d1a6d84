// Routing of the local API Gateway: stages, resource paths with {param} and {proxy+}, methods
// and ANY, and API Gateway's 403/404 answers.

#include <catch2/catch.hpp>

#include "local/apigateway/router.hpp"
#include "tests/local/apigateway_fixtures.hpp"

using namespace formwork::local::apigateway;
namespace fx = formwork::testing::apigw;
using Json = nlohmann::ordered_json;

namespace {

Route routed(const std::variant<Route, HttpResponse>& result) {
  REQUIRE(std::holds_alternative<Route>(result));
  return std::get<Route>(result);
}

HttpResponse refused(const std::variant<Route, HttpResponse>& result) {
  REQUIRE(std::holds_alternative<HttpResponse>(result));
  return std::get<HttpResponse>(result);
}

std::vector<RestApi> routing_api() {
  const Json mock = {{"Type", "MOCK"}};
  return build_rest_apis({fx::rest_api("Shop"),
                          fx::resource("items", "Shop", "root?", "items"),
                          fx::resource("item", "Shop", "items", "{id}"),
                          fx::resource("special", "Shop", "items", "special"),
                          fx::resource("files", "Shop", "root?", "files"),
                          fx::resource("filesproxy", "Shop", "files", "{path+}"),
                          fx::method("ItemsGet", "Shop", "items", "GET", mock),
                          fx::method("ItemGet", "Shop", "item", "GET", mock),
                          fx::method("ItemAny", "Shop", "item", "ANY", mock),
                          fx::method("SpecialGet", "Shop", "special", "get", mock),
                          fx::method("FilesAny", "Shop", "filesproxy", "ANY", mock),
                          fx::stage("Shop", "prod", {{"table", "shop-prod"}}),
                          fx::stage("Shop", "dev")});
}

}  // namespace

TEST_CASE("apigateway routing: the reference APIs' resource trees and stages") {
  const auto square = build_rest_apis(fx::square_api());
  REQUIRE(square.size() == 1);
  CHECK(square[0].id == "apiSquareApi");
  REQUIRE(square[0].resources.size() == 3);
  CHECK(square[0].resources[0].path == "/");
  CHECK(square[0].resources[1].path == "/square");
  CHECK(square[0].resources[2].path == "/square/{number}");
  REQUIRE(square[0].stages.size() == 1);
  CHECK(square[0].stages[0].name == "prod");
  const Method& get = square[0].resources[2].methods.at(0);
  CHECK(get.integration.type == IntegrationType::aws);
  CHECK(get.integration.function_arn == "arn:aws:lambda:us-east-1:123456789012:function:Square");
  CHECK(get.integration.passthrough_behavior == "WHEN_NO_TEMPLATES");

  const auto hello = build_rest_apis(fx::hello_api());
  REQUIRE(hello[0].resources.size() == 2);
  CHECK(hello[0].resources[0].methods.at(0).logical_id == "ApiANY");  // GetAtt RootResourceId -> the root
  CHECK(hello[0].resources[1].path == "/{proxy+}");
}

TEST_CASE("apigateway routing: literal before {param} before {proxy+}, own method before ANY") {
  const auto apis = routing_api();
  const Route item = routed(route(apis, "GET", "/restapis/apiShop/prod/_user_request_/items/42"));
  CHECK(item.method->logical_id == "ItemGet");
  CHECK(item.path_parameters == std::map<std::string, std::string>{{"id", "42"}});
  CHECK(item.path == "/items/42");
  CHECK(item.resource->path == "/items/{id}");
  CHECK(item.stage->variables.at("table") == "shop-prod");

  CHECK(routed(route(apis, "DELETE", "/restapis/apiShop/prod/_user_request_/items/42")).method->logical_id == "ItemAny");
  CHECK(routed(route(apis, "GET", "/restapis/apiShop/prod/_user_request_/items/special")).method->logical_id ==
        "SpecialGet");
  // A literal without the method falls back to the {param} sibling that has it.
  CHECK(routed(route(apis, "POST", "/restapis/apiShop/prod/_user_request_/items/special")).method->logical_id ==
        "ItemAny");

  const Route file = routed(route(apis, "PUT", "/restapis/apiShop/dev/_user_request_/files/a/b%20c/d.txt"));
  CHECK(file.method->logical_id == "FilesAny");
  CHECK(file.path_parameters.at("path") == "a/b c/d.txt");
  CHECK(file.stage->name == "dev");
  // Without _user_request_ the same path routes too.
  CHECK(routed(route(apis, "GET", "/restapis/apiShop/prod/items")).method->logical_id == "ItemsGet");
  // A trailing slash is the same resource.
  CHECK(routed(route(apis, "GET", "/restapis/apiShop/prod/_user_request_/items/")).method->logical_id == "ItemsGet");
}

TEST_CASE("apigateway routing: Missing Authentication Token, Forbidden and Not Found") {
  const auto apis = routing_api();
  for (const char* path : {"/restapis/apiShop/prod/_user_request_/nothing", "/restapis/apiShop/prod/_user_request_/",
                           "/restapis/apiShop/prod/_user_request_/files"}) {
    INFO(path);
    const HttpResponse response = refused(route(apis, "GET", path));
    CHECK(response.status == 403);
    CHECK(response.body == R"({"message":"Missing Authentication Token"})");
    CHECK(header_value(response.headers, "x-amzn-ErrorType") == "MissingAuthenticationTokenException");
  }
  // The method: POST /items has none and there is no ANY.
  CHECK(refused(route(apis, "POST", "/restapis/apiShop/prod/_user_request_/items")).status == 403);
  const HttpResponse stage = refused(route(apis, "GET", "/restapis/apiShop/beta/_user_request_/items"));
  CHECK(stage.status == 403);
  CHECK(stage.body == R"({"message":"Forbidden"})");
  const HttpResponse api = refused(route(apis, "GET", "/restapis/nosuchapi/prod/_user_request_/items"));
  CHECK(api.status == 404);
  CHECK(api.body == R"({"message":"Not Found"})");
}

TEST_CASE("apigateway routing: {proxy+} needs at least one segment, ANY / serves the root") {
  const auto apis = build_rest_apis(fx::hello_api());
  const Route root = routed(route(apis, "GET", "/restapis/apiApi/prod/_user_request_/"));
  CHECK(root.method->logical_id == "ApiANY");
  CHECK(root.path == "/");
  CHECK(root.path_parameters.empty());
  const Route hello = routed(route(apis, "POST", "/restapis/apiApi/prod/_user_request_/hello/world"));
  CHECK(hello.method->logical_id == "ApiProxyANY");
  CHECK(hello.path_parameters.at("proxy") == "hello/world");
}

TEST_CASE("apigateway routing: stages from a Deployment's StageName, BinaryMediaTypes with ~1") {
  const auto apis = build_rest_apis(
      {fx::rest_api("Files", {{"BinaryMediaTypes", Json::array({"image~1png", "application/octet-stream"})}}),
       {.logical_id = "Dep", .type = "AWS::ApiGateway::Deployment", .physical_id = "d1",
        .properties = {{"RestApiId", "apiFiles"}, {"StageName", "v1"},
                       {"StageDescription", {{"Variables", {{"mode", "fast"}}}}}}}});
  REQUIRE(apis[0].stages.size() == 1);
  CHECK(apis[0].stages[0].name == "v1");
  CHECK(apis[0].stages[0].variables.at("mode") == "fast");
  CHECK(apis[0].binary_media_types == std::vector<std::string>{"image/png", "application/octet-stream"});
}

TEST_CASE("apigateway routing: what is not an API Gateway template is an error naming the resource") {
  CHECK_THROWS_WITH(build_rest_apis({fx::rest_api("A"), fx::method("M", "A", "x", "GET", {{"Type", "SOAP"}})}),
                    Catch::Contains("M: integration type 'SOAP'"));
  CHECK_THROWS_WITH(build_rest_apis({fx::resource("R", "Nope", "x", "y")}),
                    Catch::Contains("R: RestApiId is not a REST API of the served stacks"));
  // What the local cloud does not run is noted, not refused.
  const auto open = build_rest_apis({fx::rest_api("Open", {{"Body", {{"openapi", "3.0.1"}}}})});
  REQUIRE(open[0].notes.size() == 1);
  CHECK_THAT(open[0].notes[0], Catch::Contains("OpenAPI Body"));
}
