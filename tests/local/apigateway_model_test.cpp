// The local API Gateway over the reference templates as the local model reads them: the stack
// outputs' URLs route to the methods they name.

#include <catch2/catch.hpp>

#include "local/apigateway/gateway.hpp"
#include "local/apigateway/router.hpp"
#include "local/model.hpp"
#include "tests/support/tools.hpp"

using namespace formwork::local;
using namespace formwork::local::apigateway;

namespace {

CloudModel reference_model() {
  const auto root = formwork::testing::source_dir() / "templates";
  return load_model({template_source_from_file((root / "AsyncSquareApi.yaml").string()),
                     template_source_from_file((root / "SnsToLambda.yaml").string())},
                    {.endpoint_url = "http://127.0.0.1:4566"});
}

std::string output(const CloudModel& model, const std::string& stack, const std::string& key) {
  for (const auto& out : model.find_stack(stack)->outputs) {
    if (out.key == key) return out.value;
  }
  FAIL("no output " << key);
  return {};
}

Route routed(const std::vector<RestApi>& apis, const std::string& method, const std::string& url) {
  const std::string endpoint = "http://127.0.0.1:4566";
  REQUIRE(url.rfind(endpoint, 0) == 0);
  auto result = route(apis, method, split_target(url.substr(endpoint.size())).first);
  REQUIRE(std::holds_alternative<Route>(result));
  return std::get<Route>(result);
}

}  // namespace

TEST_CASE("apigateway model: the reference stacks' APIs, routed from their output URLs") {
  const CloudModel model = reference_model();
  const auto apis = build_rest_apis(records_from(model));
  REQUIRE(apis.size() == 2);

  const std::string square_url = output(model, "AsyncSquareApi", "GetSquareApiUrl");
  CHECK(square_url == "http://127.0.0.1:4566/restapis/squareapi/prod/_user_request_/square/{number}");
  std::string four = square_url;
  four.replace(four.find("{number}"), 8, "4");
  const Route square = routed(apis, "GET", four);
  CHECK(square.method->logical_id == "SquareApiSquareNumberGET");
  CHECK(square.path_parameters.at("number") == "4");
  CHECK(square.method->integration.function_arn == "arn:aws:lambda:us-east-1:123456789012:function:Square");
  CHECK(square.method->integration.request_templates.at(0).first == "application/json");
  CHECK(square.method->integration.responses.size() == 2);
  CHECK(square.method->method_response_codes == std::vector<std::string>{"200", "202", "400"});

  const std::string hello_url = output(model, "SnsToLambda", "ApiUrl");
  CHECK(hello_url == "http://127.0.0.1:4566/restapis/api/prod/_user_request_/");
  CHECK(routed(apis, "GET", hello_url).method->logical_id == "ApiANY");
  const Route hello = routed(apis, "POST", hello_url + "hello?x=1");
  CHECK(hello.method->logical_id == "ApiProxyANY");
  CHECK(hello.method->integration.function_arn == "arn:aws:lambda:us-east-1:123456789012:function:Hello");

  const Gateway gateway(apis, [](const std::string&, const std::string&, InvocationType) { return LambdaResult{}; });
  const auto lines = gateway.describe("http://127.0.0.1:4566");
  CHECK(std::find(lines.begin(), lines.end(),
                  "SquareApi (squareapi) http://127.0.0.1:4566/restapis/squareapi/prod/_user_request_/") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "  ANY /{proxy+} (AWS_PROXY)") != lines.end());
}
