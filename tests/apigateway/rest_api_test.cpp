#include <regex>

#include <catch2/catch.hpp>

#include "constructs/apigateway/deployment.hpp"
#include "constructs/apigateway/lambda_integration.hpp"
#include "constructs/apigateway/lambda_rest_api.hpp"
#include "constructs/apigateway/rest_api.hpp"
#include "constructs/apigateway/stage.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/lambda/function.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using json = nlohmann::ordered_json;

namespace {

lambda::FunctionProps inline_props() { return testing::inline_function_props(); }

json synth(App& app) { return synthesize(app).stacks.at(0).document; }

// The logical IDs of the template's resources of `type`.
std::vector<std::string> ids_of_type(const json& doc, const std::string& type) {
  std::vector<std::string> ids;
  for (const auto& [id, r] : doc["Resources"].items())
    if (r["Type"] == type) ids.push_back(id);
  return ids;
}

std::string validation_errors(App& app) {
  try {
    (void)synthesize(app);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "";
}

// GET /square/{number} on a non-proxy integration whose invocation type the client picks.
apigateway::RestApi& square_api(Stack& stack, lambda::Function& fn) {
  auto& api = stack.add<apigateway::RestApi>("Api", {.rest_api_name = "square-api"});
  api.root().resource_for_path("square/{number}")
      .add_method("GET", apigateway::LambdaIntegration(fn, {
          .proxy = false,
          .invocation_type = apigateway::InvocationType::from_header("InvocationType"),
          .request_templates = {{"application/json", R"json({"number": "$input.params('number')"})json"}},
          .integration_responses = {{.status_code = "200"},
                                    {.status_code = "400", .selection_pattern = "^number must be.*"}},
          .passthrough_behavior = apigateway::PassthroughBehavior::WhenNoTemplates,
      }), {.request_parameters = {{"method.request.path.number", true}}});
  return api;
}

}  // namespace

TEST_CASE("a non-proxy Lambda method maps the invocation type header from the client's request", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Square", inline_props());
  auto& api = square_api(stack, fn);
  stack.add<CfnOutput>("Url", {.value = api.url()});
  auto doc = synth(app);
  const auto& resources = doc["Resources"];

  CHECK(resources["Api"]["Type"] == "AWS::ApiGateway::RestApi");
  CHECK(resources["Api"]["Properties"]["Name"] == "square-api");
  CHECK(resources["Api"]["Properties"]["EndpointConfiguration"] == json::parse(R"({"Types": ["REGIONAL"]})"));
  CHECK(resources["ApiSquare"]["Properties"] == json::parse(R"({
    "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": "square", "RestApiId": {"Ref": "Api"}})"));
  CHECK(resources["ApiSquareNumber"]["Properties"]["ParentId"] == json::parse(R"({"Ref": "ApiSquare"})"));
  CHECK(resources["ApiSquareNumber"]["Properties"]["PathPart"] == "{number}");

  const auto& method = resources["ApiSquareNumberGET"];
  REQUIRE(method["Type"] == "AWS::ApiGateway::Method");
  CHECK(method["Properties"] == json::parse(R"({
    "AuthorizationType": "NONE",
    "HttpMethod": "GET",
    "Integration": {
      "IntegrationHttpMethod": "POST",
      "IntegrationResponses": [{"StatusCode": "200"}, {"SelectionPattern": "^number must be.*", "StatusCode": "400"}],
      "PassthroughBehavior": "WHEN_NO_TEMPLATES",
      "RequestParameters": {"integration.request.header.X-Amz-Invocation-Type": "method.request.header.InvocationType"},
      "RequestTemplates": {"application/json": "{\"number\": \"$input.params('number')\"}"},
      "Type": "AWS",
      "Uri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Square.Arn}/invocations"}
    },
    "MethodResponses": [{"StatusCode": "200"}, {"StatusCode": "400"}],
    "RequestParameters": {"method.request.path.number": true, "method.request.header.InvocationType": false},
    "ResourceId": {"Ref": "ApiSquareNumber"},
    "RestApiId": {"Ref": "Api"}})"));

  // Invoke permission for this method and path only.
  const auto& permission = resources["ApiSquareNumberGETPermission"];
  CHECK(permission["Type"] == "AWS::Lambda::Permission");
  CHECK(permission["Properties"] == json::parse(R"({
    "Action": "lambda:InvokeFunction",
    "FunctionName": {"Fn::GetAtt": ["Square", "Arn"]},
    "Principal": "apigateway.amazonaws.com",
    "SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/GET/square/*"}})"));
  CHECK(ids_of_type(doc, "AWS::Lambda::Permission").size() == 1);

  auto deployments = ids_of_type(doc, "AWS::ApiGateway::Deployment");
  REQUIRE(deployments.size() == 1);
  CHECK(std::regex_match(deployments[0], std::regex("ApiDeployment[0-9a-f]{8}")));
  const auto& deployment = resources[deployments[0]];
  CHECK(deployment["DependsOn"] == json::parse(R"(["ApiSquareNumberGET"])"));
  CHECK(deployment["Properties"]["RestApiId"] == json::parse(R"({"Ref": "Api"})"));

  const auto& stage = resources["ApiDeploymentStageProd"];
  CHECK(stage["Type"] == "AWS::ApiGateway::Stage");
  CHECK(stage["Properties"]["StageName"] == "prod");
  CHECK(stage["Properties"]["DeploymentId"] == json{{"Ref", deployments[0]}});
  CHECK(doc["Outputs"]["Url"]["Value"] == json::parse(R"(
    {"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${ApiDeploymentStageProd}/"})"));

  auto comments = synthesize(app).stacks[0].comments;
  CHECK(comments.at("ApiSquareNumberGETPermission") == "Api/Default/square/{number}/GET/Permission: Lets API Gateway invoke Square (GET /square/{number})");
  CHECK(comments.at("ApiSquareNumberGET") == "Api/Default/square/{number}/GET/Resource: Serves GET /square/{number} of API Api (AWS integration)");
}

TEST_CASE("an always-asynchronous integration sends 'Event' and needs no method header", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Worker", inline_props());
  auto& api = stack.add<apigateway::RestApi>("Api");
  api.root().add_resource("jobs").add_method(
      "POST", apigateway::LambdaIntegration(fn, {.proxy = false, .invocation_type = apigateway::InvocationType::asynchronous()}));
  auto doc = synth(app);
  const auto& props = doc["Resources"]["ApiJobsPOST"]["Properties"];
  CHECK(props["Integration"]["RequestParameters"] ==
        json::parse(R"({"integration.request.header.X-Amz-Invocation-Type": "'Event'"})"));
  CHECK(props["Integration"]["IntegrationResponses"] == json::parse(R"([{"StatusCode": "200"}])"));
  CHECK_FALSE(props.contains("RequestParameters"));
  CHECK(doc["Resources"]["Api"]["Properties"]["Name"] == "Api");
}

TEST_CASE("the deployment's logical ID changes with the methods and stays put otherwise", "[apigateway]") {
  auto deployment_id = [](const std::string& template_text, bool extra_method) {
    App app;
    auto& stack = app.add<Stack>("S");
    auto& fn = stack.add<lambda::Function>("Square", inline_props());
    auto& api = stack.add<apigateway::RestApi>("Api");
    auto& square = api.root().add_resource("square");
    square.add_method("POST", apigateway::LambdaIntegration(fn, {.proxy = false,
                                                                 .request_templates = {{"application/json", template_text}}}));
    if (extra_method) square.add_method("GET", apigateway::LambdaIntegration(fn));
    stack.add<lambda::Function>("Unrelated", inline_props());
    auto ids = ids_of_type(synth(app), "AWS::ApiGateway::Deployment");
    REQUIRE(ids.size() == 1);
    CHECK(api.latest_deployment()->definition_hash().size() == 8);
    return ids[0];
  };
  std::string base = deployment_id("{}", false);
  CHECK(deployment_id("{}", false) == base);
  CHECK(deployment_id("{\"a\": 1}", false) != base);
  CHECK(deployment_id("{}", true) != base);
}

TEST_CASE("synthesizing twice keeps one deployment hash and one set of permissions", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Square", inline_props());
  square_api(stack, fn);
  auto first = synth(app);
  auto second = synth(app);
  CHECK(first == second);
}

TEST_CASE("a LambdaRestApi proxies ANY on the root and on {proxy+}", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Handler", inline_props());
  stack.add<apigateway::LambdaRestApi>("Api", {.handler = fn});
  auto doc = synth(app);
  const auto& resources = doc["Resources"];
  CHECK(resources["ApiProxy"]["Properties"]["PathPart"] == "{proxy+}");
  for (const char* id : {"ApiANY", "ApiProxyANY"}) {
    INFO(id);
    CHECK(resources[id]["Properties"]["HttpMethod"] == "ANY");
    CHECK(resources[id]["Properties"]["Integration"]["Type"] == "AWS_PROXY");
    CHECK(resources[id]["Properties"]["Integration"]["IntegrationHttpMethod"] == "POST");
    CHECK_FALSE(resources[id]["Properties"].contains("MethodResponses"));
  }
  CHECK(resources["ApiANYPermission"]["Properties"]["SourceArn"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/*/");
  CHECK(resources["ApiProxyANYPermission"]["Properties"]["SourceArn"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/*/*");
  auto deployments = ids_of_type(doc, "AWS::ApiGateway::Deployment");
  REQUIRE(deployments.size() == 1);
  CHECK(resources[deployments[0]]["DependsOn"] == json::parse(R"(["ApiANY", "ApiProxyANY"])"));
}

TEST_CASE("a function behind ten methods gets one permission for the whole API", "[apigateway]") {
  auto permissions = [](int methods) {
    App app;
    auto& stack = app.add<Stack>("S");
    auto& fn = stack.add<lambda::Function>("Handler", inline_props());
    auto& api = stack.add<apigateway::RestApi>("Api");
    for (int i = 0; i < methods; ++i)
      api.root().add_resource("r" + std::to_string(i)).add_method("GET", apigateway::LambdaIntegration(fn));
    auto doc = synth(app);
    return std::make_pair(ids_of_type(doc, "AWS::Lambda::Permission"), doc);
  };
  auto [nine, nine_doc] = permissions(9);
  CHECK(nine.size() == 9);
  auto [ten, doc] = permissions(10);
  REQUIRE(ten == std::vector<std::string>{"ApiInvokeHandler"});
  CHECK(doc["Resources"]["ApiInvokeHandler"]["Properties"]["SourceArn"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*");
}

TEST_CASE("test invoke adds a permission for the console's test stage", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Handler", inline_props());
  auto& api = stack.add<apigateway::RestApi>("Api");
  api.root().add_resource("items").add_method("DELETE", apigateway::LambdaIntegration(fn, {.allow_test_invoke = true}));
  auto doc = synth(app);
  CHECK(doc["Resources"]["ApiItemsDELETETestPermission"]["Properties"]["SourceArn"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/test-invoke-stage/DELETE/items");
}

TEST_CASE("an undeployed API has no deployment, stage or URL, and permits any stage", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Handler", inline_props());
  auto& api = stack.add<apigateway::RestApi>("Api", {.deploy = false});
  api.root().add_method("GET", apigateway::LambdaIntegration(fn));
  CHECK_THROWS_AS(api.url(), UsageError);
  CHECK_THROWS_WITH(api.url_for("/x"), Catch::Contains("the API has no stage (deploy = false), so it has no URL"));
  auto doc = synth(app);
  CHECK(ids_of_type(doc, "AWS::ApiGateway::Deployment").empty());
  CHECK(ids_of_type(doc, "AWS::ApiGateway::Stage").empty());
  CHECK(doc["Resources"]["ApiGETPermission"]["Properties"]["SourceArn"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/");
}

TEST_CASE("the CloudWatch role and account setting are kept on delete and precede the stage", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Handler", inline_props());
  auto& api = stack.add<apigateway::RestApi>("Api", {.stage_name = "v1", .cloud_watch_role = true});
  api.root().add_method("GET", apigateway::LambdaIntegration(fn));
  CHECK_THAT(std::string(api.url_for("square/3").get_if<Value::Sub>()->text), Catch::EndsWith("/${Stage}/square/3"));
  auto doc = synth(app);
  const auto& resources = doc["Resources"];
  CHECK(resources["ApiCloudWatchRole"]["DeletionPolicy"] == "Retain");
  CHECK(resources["ApiCloudWatchRole"]["Properties"]["ManagedPolicyArns"][0]["Fn::Sub"] ==
        "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
  CHECK(resources["ApiAccount"]["Type"] == "AWS::ApiGateway::Account");
  CHECK(resources["ApiAccount"]["DeletionPolicy"] == "Retain");
  CHECK(resources["ApiAccount"]["DependsOn"] == json::parse(R"(["Api"])"));
  CHECK(resources["ApiDeploymentStageV1"]["DependsOn"] == json::parse(R"(["ApiAccount"])"));
  CHECK(resources["ApiDeploymentStageV1"]["Properties"]["StageName"] == "v1");
}

TEST_CASE("API names, stage names, methods, paths and integration options are validated together", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Handler", inline_props());
  auto& long_name = stack.add<apigateway::RestApi>("LongName", {.rest_api_name = std::string(1025, 'n'), .stage_name = "pro-d"});
  long_name.root().add_method("FETCH", apigateway::LambdaIntegration(fn));
  long_name.root().add_resource("a b").add_method("GET", apigateway::LambdaIntegration(fn, {
      .request_templates = {{"application/json", "{}"}},
      .request_parameters = {{"integration.request.header.X", "method.request.header"}},
  }));
  auto& ids = long_name.root().add_resource("{id}");
  ids.add_resource("{proxy+}").add_resource("child").add_method("GET", apigateway::LambdaIntegration(fn));
  long_name.root().add_resource("{name}");
  ids.add_method("PUT", apigateway::LambdaIntegration(fn, {.proxy = false}),
                 {.request_parameters = {{"method.request.path.number", true}, {"request.path.id", true}}});
  auto& fits = stack.add<apigateway::RestApi>("Fits", {.rest_api_name = std::string(1024, 'n'), .stage_name = "v_1"});
  fits.root().add_method("GET", apigateway::LambdaIntegration(fn));
  stack.add<apigateway::RestApi>("Empty");

  std::string what = validation_errors(app);
  CHECK_THAT(what, Catch::Contains("[S/LongName] API name must be 1 to 1024 characters, got 1025"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/DeploymentStage.pro-d] stage name must be 1 to 128 characters of A-Z a-z 0-9 _, got 'pro-d'"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/Default/FETCH] HTTP method must be one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, ANY, got 'FETCH'"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/Default/a b] path part must be letters, digits and ._- or a {parameter} / {parameter+}, got 'a b'"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/Default/a b/GET] request templates only apply to a non-proxy integration (proxy = false), got a proxy integration"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/Default/a b/GET] integration request parameter integration.request.header.X must map from method.request.…, context.…, stageVariables.… or a 'quoted literal', got 'method.request.header'"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/Default/{id}/{proxy+}] greedy path parameter {proxy+} must be the last part of a path, got a child 'child'"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/Default/{name}] path parameter {name} has a sibling parameter {id}; API Gateway allows one parameter per level"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/Default/{id}/PUT] method request parameter 'method.request.path.number' names no parameter of path /{id}"));
  CHECK_THAT(what, Catch::Contains("[S/LongName/Default/{id}/PUT] method request parameter must read method.request.{path|querystring|header}.<name>, got 'request.path.id'"));
  CHECK_THAT(what, Catch::Contains("[S/Empty] a deployed API needs at least one method (API Gateway refuses to deploy an empty API), got none"));
  CHECK_THAT(what, !Catch::Contains("[S/Fits"));
}

TEST_CASE("a path part with a slash is refused where it is added", "[apigateway]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& api = stack.add<apigateway::RestApi>("Api");
  CHECK_THROWS_WITH(api.root().add_resource("a/b"),
                    Catch::Contains("path part must not contain '/', got 'a/b'; use resource_for_path for a longer path"));
  CHECK(&api.root().resource_for_path("/a/b/") == &api.root().resource_for_path("a/b"));
  CHECK(api.root().resource_for_path("a/b").path() == "/a/b");
}

TEST_CASE("binary media types go on the API, change the deployment, and must be type/subtype", "[apigateway]") {
  auto deployment_of = [](std::vector<std::string> types) {
    App app;
    auto& stack = app.add<Stack>("S");
    auto& fn = stack.add<lambda::Function>("Handler", inline_props());
    stack.add<apigateway::LambdaRestApi>("Api", {.handler = fn, .binary_media_types = std::move(types)});
    auto doc = synth(app);
    return std::pair{doc["Resources"]["Api"]["Properties"], ids_of_type(doc, "AWS::ApiGateway::Deployment").at(0)};
  };
  auto [binary, binary_deployment] = deployment_of({"image/*", "application/pdf"});
  CHECK(binary["BinaryMediaTypes"] == json::parse(R"(["image/*", "application/pdf"])"));
  auto [text, text_deployment] = deployment_of({});
  CHECK_FALSE(text.contains("BinaryMediaTypes"));
  // API Gateway applies the setting on the next deployment, so a change makes a new one.
  CHECK(binary_deployment != text_deployment);

  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Handler", inline_props());
  stack.add<apigateway::LambdaRestApi>("Api", {.handler = fn, .binary_media_types = {"image", "*/*", "a/b/c", "/x"}});
  std::string what = validation_errors(app);
  CHECK_THAT(what, Catch::Contains("[S/Api] binary media type must be type/subtype (image/png, image/*, */*), got 'image'"));
  CHECK_THAT(what, Catch::Contains("got 'a/b/c'"));
  CHECK_THAT(what, Catch::Contains("got '/x'"));
  CHECK_THAT(what, !Catch::Contains("got '*/*'"));
}
