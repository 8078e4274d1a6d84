// The SnsToLambda reference stack: what it synthesizes, cfn-lint on its template, and a deploy to
// moto_server checked with the AWS CLI.
#include <filesystem>
#include <set>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/sns_to_lambda.hpp"
#include "tests/support/moto_stack.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
// Unordered, so that comparisons ignore key order.
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The stack reads its handler sources relative to the repository root.
SynthesizedStack synth_sns_to_lambda(App& app) {
  fs::current_path(testing::source_dir());
  app.add<stacks::SnsToLambda>("SnsToLambda");
  return synthesize(app).stacks.at(0);
}

}  // namespace

using testing::aws_json;
using testing::resources_of;

TEST_CASE("SnsToLambda subscribes Echo to the topic with an invoke permission scoped to it", "[stacks][sns]") {
  App app;
  auto stack = synth_sns_to_lambda(app);
  json r = resources_of(stack);
  CHECK(r["Notifications"]["Type"] == "AWS::SNS::Topic");
  CHECK(r["EchoNotificationsSubscription"]["Properties"] == json::parse(R"({
    "Endpoint": {"Fn::GetAtt": ["Echo", "Arn"]}, "Protocol": "lambda", "TopicArn": {"Ref": "Notifications"}})"));
  CHECK(r["EchoNotificationsPermission"]["Properties"] == json::parse(R"({
    "Action": "lambda:InvokeFunction", "FunctionName": {"Fn::GetAtt": ["Echo", "Arn"]},
    "Principal": "sns.amazonaws.com", "SourceArn": {"Ref": "Notifications"}})"));
}

TEST_CASE("SnsToLambda's Echo has 512 MB, 10 s, STAGE, 5-day logs and an on-failure queue", "[stacks][sns]") {
  App app;
  auto stack = synth_sns_to_lambda(app);
  json r = resources_of(stack);
  json echo = r["Echo"]["Properties"];
  CHECK(echo["Runtime"] == "nodejs22.x");
  CHECK(echo["Handler"] == "index.handler");
  CHECK(echo["MemorySize"] == 512);
  CHECK(echo["Timeout"] == 10);
  CHECK(echo["Environment"] == json::parse(R"({"Variables": {"STAGE": "prod"}})"));
  CHECK(echo["LoggingConfig"] == json::parse(R"({"LogGroup": {"Ref": "EchoLogGroup"}})"));
  CHECK_THAT(echo["Code"]["ZipFile"].get<std::string>(), Catch::Contains("exports.handler"));
  CHECK(r["EchoLogGroup"]["Properties"]["RetentionInDays"] == 5);
  CHECK(r["EchoEventInvokeConfig"]["Properties"] == json::parse(R"({
    "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["EchoFailures", "Arn"]}}},
    "FunctionName": {"Ref": "Echo"}, "MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 2,
    "Qualifier": "$LATEST"})"));
  // The on-failure destination needs the role to send to the queue, and nothing more.
  CHECK(r["EchoServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"] == json::parse(R"([{
    "Action": ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"], "Effect": "Allow",
    "Resource": {"Fn::GetAtt": ["EchoFailures", "Arn"]}}])"));
  CHECK(r["EchoFailures"]["Properties"]["MessageRetentionPeriod"] == 1209600);
}

TEST_CASE("SnsToLambda puts Hello behind a proxy REST API", "[stacks][apigateway]") {
  App app;
  auto stack = synth_sns_to_lambda(app);
  json r = resources_of(stack);
  CHECK(r["Hello"]["Properties"]["Runtime"] == "nodejs22.x");
  CHECK(r["ApiProxy"]["Properties"]["PathPart"] == "{proxy+}");
  for (const char* method : {"ApiANY", "ApiProxyANY"}) {
    INFO(method);
    CHECK(r[method]["Properties"]["HttpMethod"] == "ANY");
    CHECK(r[method]["Properties"]["Integration"]["Type"] == "AWS_PROXY");
    CHECK(r[method + std::string("Permission")]["Properties"]["Principal"] == "apigateway.amazonaws.com");
  }
  json outputs = json::parse(stack.document.dump())["Outputs"];
  CHECK(outputs.contains("ApiUrl"));
  CHECK(outputs.contains("TopicArn"));
}

TEST_CASE("the SnsToLambda template passes cfn-lint with no error or warning", "[stacks][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  App app;
  auto stack = synth_sns_to_lambda(app);
  auto result = testing::cfn_lint(stack);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
}

TEST_CASE("SnsToLambda deploys to moto with the topic, functions, permission, queue, logs and API", "[stacks][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server")) return;
  App app;
  auto stack = synth_sns_to_lambda(app);
  testing::MotoServer moto;
  testing::deploy(moto, stack);

  // Physical IDs by logical ID; the resources moto only records (SNS Subscription, Lambda
  // EventInvokeConfig, API Gateway Stage) it lists without a logical ID.
  auto deployed = testing::deployed_resources(moto, stack);
  CHECK(deployed.recorded_only == 3);
  const auto& physical = deployed.physical;

  const std::string topic_arn = physical.at("Notifications");
  json topic = aws_json(moto, {"sns", "get-topic-attributes", "--topic-arn", topic_arn});
  CHECK(topic["Attributes"]["DisplayName"] == "formwork notifications");

  json echo = aws_json(moto, {"lambda", "get-function-configuration", "--function-name", physical.at("Echo")});
  CHECK(echo["Runtime"] == "nodejs22.x");
  CHECK(echo["MemorySize"] == 512);
  CHECK(echo["Timeout"] == 10);
  CHECK(echo["Environment"]["Variables"]["STAGE"] == "prod");

  // The resource policy moto built from the Permission: SNS, for this topic only.
  json policy = aws_json(moto, {"lambda", "get-policy", "--function-name", physical.at("Echo")});
  json statements = json::parse(policy["Policy"].get<std::string>())["Statement"];
  REQUIRE(statements.size() == 1);
  CHECK(statements[0]["Principal"]["Service"] == "sns.amazonaws.com");
  CHECK(statements[0]["Action"] == "lambda:InvokeFunction");
  CHECK(statements[0]["Condition"]["ArnLike"]["AWS:SourceArn"] == topic_arn);

  json queue = aws_json(moto, {"sqs", "get-queue-attributes", "--queue-url", physical.at("EchoFailures"),
                               "--attribute-names", "All"});
  CHECK(queue["Attributes"]["MessageRetentionPeriod"] == "1209600");

  json groups = aws_json(moto, {"logs", "describe-log-groups"});
  std::set<std::string> five_day_groups;
  for (const auto& group : groups["logGroups"])
    if (group.value("retentionInDays", 0) == 5) five_day_groups.insert(group["logGroupName"]);
  CHECK(five_day_groups.count(physical.at("EchoLogGroup")) == 1);
  CHECK(five_day_groups.count(physical.at("HelloLogGroup")) == 1);

  json hello = aws_json(moto, {"lambda", "get-function-configuration", "--function-name", physical.at("Hello")});
  CHECK(hello["Runtime"] == "nodejs22.x");
  json api_resources = aws_json(moto, {"apigateway", "get-resources", "--rest-api-id", physical.at("Api")});
  std::set<std::string> proxied_paths;
  for (const auto& item : api_resources["items"]) {
    if (!item.contains("resourceMethods") || !item["resourceMethods"].contains("ANY")) continue;
    json integration = item["resourceMethods"]["ANY"]["methodIntegration"];
    CHECK(integration["type"] == "AWS_PROXY");
    CHECK_THAT(integration["uri"].get<std::string>(), Catch::Contains(hello["FunctionArn"].get<std::string>()));
    proxied_paths.insert(item["path"]);
  }
  CHECK(proxied_paths == std::set<std::string>{"/", "/{proxy+}"});

  testing::destroy(moto, stack);
  json functions = aws_json(moto, {"lambda", "list-functions"});
  CHECK(functions["Functions"].empty());
}
