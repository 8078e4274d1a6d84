// The props CDK users reach for beyond memory and timeout: what each emits.
#include <catch2/catch.hpp>

#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using json = nlohmann::json;  // unordered: comparisons ignore key order
using formwork::testing::inline_function_props;

namespace {

json synth(App& app) { return json::parse(synthesize(app).stacks.at(0).document.dump()); }

}  // namespace

TEST_CASE("an initial policy goes to the role's default policy, before the grants", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<sqs::Queue>("Jobs");
  auto props = inline_function_props();
  props.initial_policy = {
      {.actions = {"dynamodb:PutItem", "dynamodb:GetItem"},
       .resources = {Value::sub("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/posts")}},
      {.effect = iam::Effect::Deny, .actions = {"s3:DeleteObject"}, .resources = {"*"}},
  };
  auto& fn = stack.add<lambda::Function>("Listener", std::move(props));
  queue.grant_send_messages(fn);
  auto assembly = synthesize(app);
  const auto doc = json::parse(assembly.stacks.at(0).document.dump());
  const auto& policy = doc["Resources"]["ListenerServiceRoleDefaultPolicy"];
  REQUIRE(policy["Type"] == "AWS::IAM::Policy");
  CHECK(policy["Properties"]["Roles"] == json::parse(R"([{"Ref":"ListenerServiceRole"}])"));
  CHECK(policy["Properties"]["PolicyDocument"]["Statement"] == json::parse(R"([
    {"Action":["dynamodb:GetItem","dynamodb:PutItem"],"Effect":"Allow",
     "Resource":{"Fn::Sub":"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/posts"}},
    {"Action":"s3:DeleteObject","Effect":"Deny","Resource":"*"},
    {"Action":["sqs:GetQueueAttributes","sqs:GetQueueUrl","sqs:SendMessage"],"Effect":"Allow",
     "Resource":{"Fn::GetAtt":["Jobs","Arn"]}}])"));
  CHECK(doc["Resources"]["Listener"]["DependsOn"] == json::parse(R"(["ListenerServiceRoleDefaultPolicy"])"));
  CHECK(assembly.stacks[0]
            .comments.at("ListenerServiceRoleDefaultPolicy")
            .find("Allows Listener's role to use dynamodb:PutItem, dynamodb:GetItem (initial policy); "
                  "never use s3:DeleteObject (initial policy); ") != std::string::npos);
}

TEST_CASE("an initial policy goes to the role given in the props", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& role = stack.add<iam::Role>("Shared", {.assumed_by = "lambda.amazonaws.com"});
  auto props = inline_function_props();
  props.role = &role;
  props.initial_policy = {{.actions = {"s3:GetObject"}, .resources = {"arn:aws:s3:::docs/*"}}};
  stack.add<lambda::Function>("Reader", std::move(props));
  auto doc = synth(app);
  CHECK_FALSE(doc["Resources"].contains("ReaderServiceRole"));
  CHECK(doc["Resources"]["SharedDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"] ==
        json::parse(R"([{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::docs/*"}])"));
}
