// Tags::of on any resource type: the property and shape come from the registry schemas'
// `tagging` (schema/tagging.generated.cpp), so a typed L1 or a generic CfnResource of any
// taggable type gets the tags, as AWS CDK's TagManager gives them to every L1.
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "schema/detail/data.hpp"

using namespace formwork;
using json = nlohmann::ordered_json;

TEST_CASE("every taggable type of the schemas takes Tags::of, in its own property and shape", "[schema][tags]") {
  App app;
  auto& stack = app.add<Stack>("S");
  Tags::of(stack).add("team", "web");
  Tags::of(stack).add("stage", "dev");
  // A type outside the rich constructs (a typed L1, cfn::ecs::Cluster, is the same resource),
  // with a tag of its own that wins.
  stack.add<CfnResource>("Cluster", {.type = "AWS::ECS::Cluster",
                                     .properties = {{"Tags", Value::list({Value::map({{"Key", "team"}, {"Value", "ops"}})})}}});
  // A map of tags under another name than Tags.
  stack.add<CfnResource>("Users", {.type = "AWS::Cognito::UserPool"});
  // An Auto Scaling group's tags need PropagateAtLaunch: Tags::of leaves it alone.
  stack.add<CfnResource>("Group", {.type = "AWS::AutoScaling::AutoScalingGroup",
                                   .properties = {{"MaxSize", "1"}, {"MinSize", "0"}}});
  // Not taggable at all.
  stack.add<CfnResource>("Handle", {.type = "AWS::CloudFormation::WaitConditionHandle"});
  auto doc = synthesize(app).stacks.at(0).document["Resources"];

  CHECK(doc["Cluster"]["Properties"]["Tags"] == json::parse(R"([
    {"Key": "stage", "Value": "dev"}, {"Key": "team", "Value": "ops"}])"));
  CHECK(doc["Users"]["Properties"]["UserPoolTags"] == json::parse(R"({"stage": "dev", "team": "web"})"));
  CHECK_FALSE(doc["Group"]["Properties"].contains("Tags"));
  CHECK_FALSE(doc["Handle"].contains("Properties"));
}

TEST_CASE("the tag table covers the types the rich constructs tag, sorted for lookup", "[schema][tags]") {
  using schema::detail::find_tag_slot;
  CHECK(schema::detail::kTagRowCount == 918);
  for (std::size_t i = 1; i < schema::detail::kTagRowCount; ++i)
    CHECK(std::string_view(schema::detail::kTagRows[i - 1].type) < std::string_view(schema::detail::kTagRows[i].type));
  for (const char* type : {"AWS::Lambda::Function", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::S3::Bucket",
                           "AWS::DynamoDB::Table", "AWS::IAM::Role", "AWS::Logs::LogGroup", "AWS::Events::EventBus",
                           "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage"}) {
    INFO(type);
    CHECK(find_tag_slot(type).property == "Tags");
    CHECK(find_tag_slot(type).shape == detail::TagShape::KeyValueList);
  }
  CHECK(find_tag_slot("AWS::SSM::Parameter").shape == detail::TagShape::Map);
  CHECK(find_tag_slot("AWS::Lambda::Permission").shape == detail::TagShape::None);
  CHECK(find_tag_slot("Custom::Thing").shape == detail::TagShape::None);
}
