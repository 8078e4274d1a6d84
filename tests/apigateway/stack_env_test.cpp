// API Gateway in a stack with an env: the integration URI, the invoke permissions' source
// ARNs and the URL carry the stack's account and region as literals, as AWS CDK writes them.
#include <catch2/catch.hpp>

#include "constructs/apigateway/lambda_integration.hpp"
#include "constructs/apigateway/rest_api.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/lambda/function.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using json = nlohmann::ordered_json;

TEST_CASE("an API in a stack with an env writes its account and region as literals", "[apigateway][env]") {
  App app;
  auto& stack = app.add<Stack>("S", {.env = {.account = "123456789012", .region = "eu-west-2"}});
  auto& fn = stack.add<lambda::Function>("Square", testing::inline_function_props());
  auto& api = stack.add<apigateway::RestApi>("Api");
  api.root().add_resource("square").add_method("GET", apigateway::LambdaIntegration(fn));
  stack.add<CfnOutput>("Url", {.value = api.url()});
  auto doc = synthesize(app).stacks.at(0).document;

  CHECK(doc["Resources"]["ApiSquareGET"]["Properties"]["Integration"]["Uri"] ==
        json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:apigateway:eu-west-2:lambda:path/2015-03-31/functions/${Square.Arn}/invocations"})"));
  CHECK(doc["Resources"]["ApiSquareGETPermission"]["Properties"]["SourceArn"] ==
        json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:execute-api:eu-west-2:123456789012:${Api}/prod/GET/square"})"));
  CHECK(doc["Outputs"]["Url"]["Value"] ==
        json::parse(R"({"Fn::Sub": "https://${Api}.execute-api.eu-west-2.${AWS::URLSuffix}/${ApiDeploymentStageProd}/"})"));
}
