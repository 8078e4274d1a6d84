#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
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

}  // namespace

TEST_CASE("a function gets a role with the basic execution policy and inline code", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto props = inline_props();
  props.memory_size_mb = 256;
  props.timeout = Duration::seconds(10);
  props.environment = {{"STAGE", "prod"}};
  stack.add<lambda::Function>("Square", std::move(props));
  auto doc = synth(app);
  const auto& resources = doc["Resources"];
  REQUIRE(resources.size() == 2);
  CHECK(resources["SquareServiceRole"]["Type"] == "AWS::IAM::Role");
  CHECK(resources["SquareServiceRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"] ==
        "lambda.amazonaws.com");
  CHECK(resources["SquareServiceRole"]["Properties"]["ManagedPolicyArns"][0]["Fn::Sub"] ==
        "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  const auto& fn = resources["Square"];
  CHECK(fn["Type"] == "AWS::Lambda::Function");
  CHECK(fn["Properties"]["Code"]["ZipFile"] == "def handler(event, context):\n    return event\n");
  CHECK(fn["Properties"]["Handler"] == "index.handler");
  CHECK(fn["Properties"]["Runtime"] == "python3.12");
  CHECK(fn["Properties"]["MemorySize"] == 256);
  CHECK(fn["Properties"]["Timeout"] == 10);
  CHECK(fn["Properties"]["Environment"]["Variables"]["STAGE"] == "prod");
  CHECK(fn["Properties"]["Role"] == json::parse(R"({"Fn::GetAtt":["SquareServiceRole","Arn"]})"));
  CHECK_FALSE(fn.contains("DependsOn"));
}

TEST_CASE("granting invoke allows the function and its versions, and the function waits for the policy", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& target = stack.add<lambda::Function>("Target", inline_props());
  auto& caller = stack.add<lambda::Function>("Caller", inline_props());
  target.grant_invoke(caller);
  auto doc = synth(app);
  const auto& policy = doc["Resources"]["CallerServiceRoleDefaultPolicy"];
  REQUIRE(policy["Type"] == "AWS::IAM::Policy");
  const auto& statement = policy["Properties"]["PolicyDocument"]["Statement"][0];
  CHECK(statement["Action"] == "lambda:InvokeFunction");
  CHECK(statement["Resource"] == json::parse(R"([{"Fn::GetAtt":["Target","Arn"]},{"Fn::Sub":"${Target.Arn}:*"}])"));
  CHECK(doc["Resources"]["Caller"]["DependsOn"] == json::parse(R"(["CallerServiceRoleDefaultPolicy"])"));
}

TEST_CASE("a permission lets a service principal invoke the function", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Process", inline_props());
  fn.add_permission("AllowS3", {.principal = "s3.amazonaws.com", .source_account = Value::aws_account_id(),
                                .reason = "uploads"});
  auto assembly = synthesize(app);
  const auto& permission = assembly.stacks[0].document["Resources"]["ProcessAllowS3"];
  CHECK(permission["Type"] == "AWS::Lambda::Permission");
  CHECK(permission["Properties"]["Action"] == "lambda:InvokeFunction");
  CHECK(permission["Properties"]["Principal"] == "s3.amazonaws.com");
  CHECK(permission["Properties"]["FunctionName"] == json::parse(R"({"Fn::GetAtt":["Process","Arn"]})"));
  CHECK(permission["Properties"]["SourceAccount"] == json::parse(R"({"Ref":"AWS::AccountId"})"));
  CHECK(assembly.stacks[0].comments.at("ProcessAllowS3") == "Process/AllowS3/Resource: Lets S3 invoke function Process (uploads)");
}
