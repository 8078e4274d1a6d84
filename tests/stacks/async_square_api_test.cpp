// The AsyncSquareApi reference stack: what it synthesizes, cfn-lint on its template, and a
// deploy to moto_server checked with the AWS CLI.
#include <filesystem>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/asset.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/async_square_api.hpp"
#include "tests/support/moto_stack.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
// Unordered, so that comparisons ignore key order.
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The stack reads its handler sources relative to the repository root.
SynthesizedStack synth_async_square_api(App& app) {
  fs::current_path(testing::source_dir());
  app.add<stacks::AsyncSquareApi>("AsyncSquareApi");
  return synthesize(app).stacks.at(0);
}

std::string id_of_type(const json& resources, const std::string& type) {
  for (const auto& [id, r] : resources.items())
    if (r["Type"] == type) return id;
  return "";
}

}  // namespace

using testing::aws_json;
using testing::resources_of;

TEST_CASE("AsyncSquareApi maps the client's InvocationType header to Lambda's invocation type", "[stacks][apigateway]") {
  App app;
  auto stack = synth_async_square_api(app);
  json r = resources_of(stack);
  CHECK(r["SquareApiSquare"]["Properties"]["PathPart"] == "square");
  CHECK(r["SquareApiSquareNumber"]["Properties"]["PathPart"] == "{number}");
  json method = r["SquareApiSquareNumberGET"]["Properties"];
  CHECK(method["HttpMethod"] == "GET");
  CHECK(method["RequestParameters"] ==
        json::parse(R"({"method.request.path.number": true, "method.request.header.InvocationType": false})"));
  json integration = method["Integration"];
  CHECK(integration["Type"] == "AWS");
  CHECK(integration["IntegrationHttpMethod"] == "POST");
  CHECK(integration["RequestParameters"] ==
        json::parse(R"({"integration.request.header.X-Amz-Invocation-Type": "method.request.header.InvocationType"})"));
  CHECK(integration["RequestTemplates"]["application/json"] == R"json({"number": "$input.params('number')"})json");
  CHECK(integration["PassthroughBehavior"] == "WHEN_NO_TEMPLATES");
  REQUIRE(integration["IntegrationResponses"].size() == 2);
  CHECK(integration["IntegrationResponses"][0]["StatusCode"] == "200");
  CHECK_THAT(integration["IntegrationResponses"][0]["ResponseTemplates"]["application/json"].get<std::string>(),
             Catch::Contains("#set($context.responseOverride.status = 202)"));
  CHECK(integration["IntegrationResponses"][1]["StatusCode"] == "400");
  CHECK(integration["IntegrationResponses"][1]["SelectionPattern"] == "^number must be an integer.*");
  CHECK(method["MethodResponses"] == json::parse(R"([{"StatusCode": "200"}, {"StatusCode": "202"}, {"StatusCode": "400"}])"));

  CHECK(r["SquareApiSquareNumberGETPermission"]["Properties"]["SourceArn"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${SquareApi}/prod/GET/square/*");
  std::string deployment = id_of_type(r, "AWS::ApiGateway::Deployment");
  CHECK(deployment.rfind("SquareApiDeployment", 0) == 0);
  CHECK(r["SquareApiDeploymentStageProd"]["Properties"]["DeploymentId"] == json{{"Ref", deployment}});
  json outputs = json::parse(stack.document.dump())["Outputs"];
  CHECK(outputs["GetSquareApiUrl"]["Value"]["Fn::Sub"] ==
        "https://${SquareApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${SquareApiDeploymentStageProd}/square/{number}");
}

TEST_CASE("AsyncSquareApi's function sends results to its destination queue and failures to another", "[stacks][lambda]") {
  App app;
  auto stack = synth_async_square_api(app);
  json r = resources_of(stack);
  json fn = r["Square"]["Properties"];
  CHECK(fn["Runtime"] == "python3.12");
  CHECK(fn["Handler"] == "index.handler");
  CHECK(fn["MemorySize"] == 128);
  CHECK(fn["Timeout"] == 10);
  CHECK(fn["Code"]["S3Bucket"] == json::parse(R"({"Ref": "AssetsBucket"})"));
  CHECK(fn["Code"]["S3Key"] == assets::asset_hash("examples/handlers/square") + ".zip");
  CHECK(r["DestQueue"]["Properties"]["QueueName"] == "async_get_square_fn_dest_queue");
  CHECK(r["SquareEventInvokeConfig"]["Properties"]["DestinationConfig"] == json::parse(R"({
    "OnSuccess": {"Destination": {"Fn::GetAtt": ["DestQueue", "Arn"]}},
    "OnFailure": {"Destination": {"Fn::GetAtt": ["FailedQueue", "Arn"]}}})"));
  json statement = r["SquareServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"];
  REQUIRE(statement.size() == 1);
  CHECK(statement[0]["Action"] == json::parse(R"(["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"])"));
  CHECK(statement[0]["Resource"] ==
        json::parse(R"([{"Fn::GetAtt": ["DestQueue", "Arn"]}, {"Fn::GetAtt": ["FailedQueue", "Arn"]}])"));
}

TEST_CASE("the committed AsyncSquareApi template is what the stack synthesizes", "[stacks]") {
  App app;
  auto stack = synth_async_square_api(app);
  CHECK(render(stack) == testing::read_file(testing::source_dir() / "templates" / "AsyncSquareApi.yaml"));
}

TEST_CASE("the AsyncSquareApi template passes cfn-lint with no error or warning", "[stacks][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  App app;
  auto stack = synth_async_square_api(app);
  auto result = testing::cfn_lint(stack);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
}

TEST_CASE("AsyncSquareApi deploys to moto with its API method, function and queues", "[stacks][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server")) return;
  App app;
  auto stack = synth_async_square_api(app);
  testing::MotoServer moto;
  // The function's code is an asset: upload the zip under the key the template names.
  testing::upload_assets(moto, stack, "formwork-assets");
  testing::deploy(moto, stack, {"AssetsBucket=formwork-assets"});

  // Physical IDs by logical ID; the resources moto only records (Lambda EventInvokeConfig,
  // API Gateway Stage) it lists without a logical ID.
  auto listed = testing::deployed_resources(moto, stack);
  CHECK(listed.recorded_only == 2);
  const auto& physical = listed.physical;

  // The REST API, its /square/{number} resource and the GET method's non-proxy integration.
  const std::string api_id = physical.at("SquareApi");
  json api_resources = aws_json(moto, {"apigateway", "get-resources", "--rest-api-id", api_id});
  std::string number_id;
  for (const auto& item : api_resources["items"])
    if (item["path"] == "/square/{number}") number_id = item["id"];
  REQUIRE_FALSE(number_id.empty());
  CHECK(number_id == physical.at("SquareApiSquareNumber"));
  json method = aws_json(moto, {"apigateway", "get-method", "--rest-api-id", api_id, "--resource-id", number_id,
                                "--http-method", "GET"});
  CHECK(method["httpMethod"] == "GET");
  CHECK(method["authorizationType"] == "NONE");
  json integration = aws_json(moto, {"apigateway", "get-integration", "--rest-api-id", api_id, "--resource-id",
                                     number_id, "--http-method", "GET"});
  CHECK(integration["type"] == "AWS");
  CHECK(integration["httpMethod"] == "POST");
  const std::string function_name = physical.at("Square");
  CHECK_THAT(integration["uri"].get<std::string>(),
             Catch::Contains(":function:" + function_name + "/invocations") && Catch::StartsWith("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:"));
  // moto 5.2 builds the integration from Type, IntegrationHttpMethod and Uri only, and drops
  // RequestParameters. Check them where moto keeps them, and in the template CloudFormation
  // holds for the stack otherwise.
  const json expected_parameters =
      json::parse(R"({"integration.request.header.X-Amz-Invocation-Type": "method.request.header.InvocationType"})");
  if (integration.contains("requestParameters")) {
    CHECK(integration["requestParameters"] == expected_parameters);
  } else {
    WARN("moto did not record the integration's requestParameters; checking the deployed template instead");
    json deployed = aws_json(moto, {"cloudformation", "get-template", "--stack-name", "AsyncSquareApi"});
    std::string body = deployed["TemplateBody"].is_string() ? deployed["TemplateBody"].get<std::string>()
                                                            : deployed["TemplateBody"].dump();
    CHECK_THAT(body, Catch::Contains("integration.request.header.X-Amz-Invocation-Type: method.request.header.InvocationType"));
  }

  json fn = aws_json(moto, {"lambda", "get-function-configuration", "--function-name", function_name});
  CHECK(fn["Runtime"] == "python3.12");
  CHECK(fn["Handler"] == "index.handler");
  CHECK(fn["MemorySize"] == 128);
  CHECK(fn["Timeout"] == 10);

  // The invoke permission moto built: API Gateway, for GET /square/* of this API only.
  json policy = aws_json(moto, {"lambda", "get-policy", "--function-name", function_name});
  json statements = json::parse(policy["Policy"].get<std::string>())["Statement"];
  REQUIRE(statements.size() == 1);
  CHECK(statements[0]["Principal"]["Service"] == "apigateway.amazonaws.com");
  CHECK_THAT(statements[0]["Condition"]["ArnLike"]["AWS:SourceArn"].get<std::string>(),
             Catch::EndsWith(":" + api_id + "/prod/GET/square/*"));

  json queue_url = aws_json(moto, {"sqs", "get-queue-url", "--queue-name", "async_get_square_fn_dest_queue"});
  // moto answers with its own endpoint in the URL; the stack recorded the canonical one.
  CHECK_THAT(queue_url["QueueUrl"].get<std::string>(), Catch::EndsWith("/123456789012/async_get_square_fn_dest_queue"));
  CHECK_THAT(physical.at("DestQueue"), Catch::EndsWith("/123456789012/async_get_square_fn_dest_queue"));
  json failed = aws_json(moto, {"sqs", "get-queue-attributes", "--queue-url", physical.at("FailedQueue"),
                                "--attribute-names", "MessageRetentionPeriod"});
  CHECK(failed["Attributes"]["MessageRetentionPeriod"] == "1209600");

  auto destroy = moto.aws({"cloudformation", "delete-stack", "--stack-name", "AsyncSquareApi"});
  CHECK(destroy.exit_code == 0);
  auto gone = moto.aws({"cloudformation", "wait", "stack-delete-complete", "--stack-name", "AsyncSquareApi"});
  CHECK(gone.exit_code == 0);
}
