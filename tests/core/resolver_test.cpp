// Tokens and their resolution into template JSON (constructs/core/value.hpp, resolver.hpp).
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_condition.hpp"
#include "constructs/core/cfn_mapping.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/resolver.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"

using namespace formwork;
using nlohmann::ordered_json;

namespace {
ordered_json resolve_in(const Stack& stack, const Value& value) {
  CrossStackReferences references;
  Resolver resolver(stack, &references);
  return resolver.resolve(value);
}
}  // namespace

TEST_CASE("resolves literals, dropping null map entries", "[core][tokens]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto value = Value::map({{"b", true}, {"i", 42}, {"d", 1.5}, {"s", "text"}, {"gone", nullptr},
                           {"l", Value::list({1, "two", Value::list({})})}, {"m", Value::map({})}});
  CHECK(resolve_in(stack, value) == ordered_json::parse(R"({"b":true,"i":42,"d":1.5,"s":"text","l":[1,"two",[]],"m":{}})"));
  CHECK(resolve_in(stack, value).begin().key() == "b");  // insertion order kept
}

TEST_CASE("resolves Ref, GetAtt and pseudo parameters to their long forms", "[core][tokens]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& stage = stack.add<CfnParameter>("Stage", {.default_value = "dev"});
  CHECK(resolve_in(stack, queue.ref()) == ordered_json::parse(R"({"Ref":"Queue"})"));
  CHECK(resolve_in(stack, queue.get_att("Arn")) == ordered_json::parse(R"({"Fn::GetAtt":["Queue","Arn"]})"));
  CHECK(resolve_in(stack, stage.value()) == ordered_json::parse(R"({"Ref":"Stage"})"));
  CHECK(resolve_in(stack, Value::aws_region()) == ordered_json::parse(R"({"Ref":"AWS::Region"})"));
  CHECK(resolve_in(stack, Value::aws_account_id()) == ordered_json::parse(R"({"Ref":"AWS::AccountId"})"));
  CHECK(resolve_in(stack, Value::aws_partition()) == ordered_json::parse(R"({"Ref":"AWS::Partition"})"));
  CHECK(resolve_in(stack, Value::aws_url_suffix()) == ordered_json::parse(R"({"Ref":"AWS::URLSuffix"})"));
  CHECK(resolve_in(stack, Value::aws_stack_name()) == ordered_json::parse(R"({"Ref":"AWS::StackName"})"));
  CHECK(resolve_in(stack, Value::aws_stack_id()) == ordered_json::parse(R"({"Ref":"AWS::StackId"})"));
  CHECK(resolve_in(stack, Value::aws_no_value()) == ordered_json::parse(R"({"Ref":"AWS::NoValue"})"));
}

TEST_CASE("resolves Join, Select, Split, ImportValue, GetAZs, Base64 and FindInMap", "[core][tokens]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& sizes = stack.add<CfnMapping>("Sizes", {.mapping = {{"dev", {{"Memory", 128}}}}});
  CHECK(resolve_in(stack, Value::join(",", {"a", queue.ref()})) ==
        ordered_json::parse(R"({"Fn::Join":[",",["a",{"Ref":"Queue"}]]})"));
  CHECK(resolve_in(stack, Value::select(1, Value::split(":", queue.get_att("Arn")))) ==
        ordered_json::parse(R"({"Fn::Select":[1,{"Fn::Split":[":",{"Fn::GetAtt":["Queue","Arn"]}]}]})"));
  CHECK(resolve_in(stack, Value::import_value("Shared:VpcId")) ==
        ordered_json::parse(R"({"Fn::ImportValue":"Shared:VpcId"})"));
  CHECK(resolve_in(stack, Value::select(0, Value::get_azs())) ==
        ordered_json::parse(R"({"Fn::Select":[0,{"Fn::GetAZs":""}]})"));
  CHECK(resolve_in(stack, Value::get_azs(Value::aws_region())) ==
        ordered_json::parse(R"({"Fn::GetAZs":{"Ref":"AWS::Region"}})"));
  CHECK(resolve_in(stack, Value::base64(Value::sub("echo ${AWS::Region}"))) ==
        ordered_json::parse(R"({"Fn::Base64":{"Fn::Sub":"echo ${AWS::Region}"}})"));
  CHECK(resolve_in(stack, sizes.find_in_map("dev", "Memory")) ==
        ordered_json::parse(R"({"Fn::FindInMap":["Sizes","dev","Memory"]})"));
}

TEST_CASE("folds plain Sub variables into the text and keeps the others", "[core][tokens]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& topic = stack.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  auto folded = Value::sub("${Q}|${Arn}|${R}|${Lit}|${Q}",
                           {{"Q", queue.ref()}, {"Arn", topic.get_att("TopicArn")}, {"R", Value::aws_region()},
                            {"Lit", "a${b}"}});
  CHECK(resolve_in(stack, folded) ==
        ordered_json::parse(R"({"Fn::Sub":"${Queue}|${Topic.TopicArn}|${AWS::Region}|a${!b}|${Queue}"})"));
  auto kept = Value::sub("${First}-x", {{"First", Value::select(0, Value::split(",", queue.get_att("Arn")))}});
  CHECK(resolve_in(stack, kept) ==
        ordered_json::parse(R"({"Fn::Sub":["${First}-x",{"First":{"Fn::Select":[0,{"Fn::Split":[",",{"Fn::GetAtt":["Queue","Arn"]}]}]}}]})"));
}

TEST_CASE("resolves tokens in nested positions of a resource's properties", "[core][tokens]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& role = stack.add<CfnResource>("Role", {.type = "AWS::IAM::Role", .properties = {
      {"AssumeRolePolicyDocument", Value::map({{"Statement", Value::list({Value::map({
          {"Effect", "Allow"},
          {"Resource", Value::list({queue.get_att("Arn"), Value::join("", {queue.get_att("Arn"), "/*"})})},
          {"Condition", Value::map({{"StringEquals", Value::map({{"aws:SourceAccount", Value::aws_account_id()}})}})},
      })})}})},
  }});
  auto assembly = synthesize(app);
  CHECK(assembly.stacks.at(0).document["Resources"]["Role"]["Properties"] == ordered_json::parse(R"({
    "AssumeRolePolicyDocument": {"Statement": [{
      "Effect": "Allow",
      "Resource": [{"Fn::GetAtt": ["Queue", "Arn"]}, {"Fn::Join": ["", [{"Fn::GetAtt": ["Queue", "Arn"]}, "/*"]]}],
      "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}
    }]}})"));
  (void)role;
}

TEST_CASE("resolves conditions with Equals, Not, And, Or, If and Condition", "[core][tokens][conditions]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& stage = stack.add<CfnParameter>("Stage", {.default_value = "dev", .allowed_values = {"dev", "prod"}});
  auto& is_prod = stack.add<CfnCondition>("IsProd", {.expression = Value::equals(stage.value(), "prod")});
  auto& not_prod = stack.add<CfnCondition>("NotProd", {.expression = Value::not_(Value::condition(is_prod))});
  stack.add<CfnCondition>("Either", {.expression = Value::or_({Value::condition(is_prod), Value::condition(not_prod)})});
  stack.add<CfnCondition>("Both", {.expression = Value::and_({Value::condition(is_prod), Value::condition(not_prod)})});
  auto& queue = stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue", .properties = {
      {"DelaySeconds", Value::if_(is_prod, 0, 5)},
      {"QueueName", Value::if_(not_prod, Value::sub("${AWS::StackName}-q"), Value::aws_no_value())},
  }});
  queue.set_condition(not_prod);

  auto doc = synthesize(app).stacks.at(0).document;
  CHECK(doc["Conditions"] == ordered_json::parse(R"({
    "IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]},
    "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
    "Either": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "NotProd"}]},
    "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "NotProd"}]}})"));
  CHECK(doc["Resources"]["Queue"] == ordered_json::parse(R"({
    "Type": "AWS::SQS::Queue", "Condition": "NotProd",
    "Properties": {
      "DelaySeconds": {"Fn::If": ["IsProd", 0, 5]},
      "QueueName": {"Fn::If": ["NotProd", {"Fn::Sub": "${AWS::StackName}-q"}, {"Ref": "AWS::NoValue"}]}}})"));
}

TEST_CASE("reports tokens as unresolved wherever they are nested", "[core][tokens]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  CHECK_FALSE(Value("text").is_unresolved());
  CHECK_FALSE(Value::map({{"a", Value::list({1, "x"})}}).is_unresolved());
  CHECK(Value::map({{"a", Value::list({1, queue.ref()})}}).is_unresolved());
  CHECK(Value::aws_region().is_unresolved());
  CHECK(Value::join("", {"a"}).is_unresolved());
  CHECK(Value::sub("x").is_unresolved());
  CHECK(queue.ref() == queue.ref());
  CHECK_FALSE(queue.ref() == queue.get_att("Arn"));
  CHECK(Value::join(",", {"a", queue.ref()}) == Value::join(",", {"a", queue.ref()}));
  CHECK_FALSE(Value::join(",", {"a"}) == Value::join(";", {"a"}));
}

TEST_CASE("refuses a condition of another stack", "[core][tokens][cross-stack]") {
  App app;
  auto& one = app.add<Stack>("One");
  auto& two = app.add<Stack>("Two");
  auto& condition = one.add<CfnCondition>("Flag", {.expression = Value::equals(Value::aws_region(), "us-east-1")});
  auto& queue = two.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  queue.set_condition(condition);
  REQUIRE_THROWS_WITH(synthesize(app),
                      "[One/Flag] a resource condition cannot refer to an element of another stack (Two) (CrossStackReference)");
}
