// The generic resource: properties, overrides, DependsOn, removal policies, metadata
// (constructs/core/cfn_resource.hpp).
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"

using namespace formwork;
using nlohmann::ordered_json;

namespace {
ordered_json resource(App& app, const std::string& id, std::size_t stack = 0) {
  return synthesize(app).stacks.at(stack).document["Resources"][id];
}
}  // namespace

TEST_CASE("writes any resource type with free-form properties in alphabetical order", "[core][resource]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("Bucket", {.type = "AWS::S3::Bucket", .properties = {
      {"VersioningConfiguration", Value::map({{"Status", "Enabled"}})},
      {"BucketName", "my-bucket"},
      {"Absent", nullptr},
  }});
  auto body = resource(app, "Bucket");
  CHECK(body.dump() == R"({"Type":"AWS::S3::Bucket","Properties":{"BucketName":"my-bucket","VersioningConfiguration":{"Status":"Enabled"}}})");
}

TEST_CASE("accepts Custom:: types and rejects malformed types at synthesis", "[core][resource]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("Custom", {.type = "Custom::Thing"});
  stack.add<CfnResource>("Bad", {.type = "SQS::Queue"});
  stack.add<CfnResource>("Empty", {.type = ""});
  REQUIRE_THROWS_WITH(synthesize(app),
                      "[S/Bad] resource type must look like 'AWS::Service::Resource', got 'SQS::Queue'\n"
                      "[S/Empty] resource type must look like 'AWS::Service::Resource', got ''");
}

TEST_CASE("set_property replaces in place and property() reads back", "[core][resource]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue", .properties = {{"DelaySeconds", 1}}});
  queue.set_property("DelaySeconds", 5);
  queue.set_property("FifoQueue", true);
  REQUIRE(queue.property("DelaySeconds") != nullptr);
  CHECK(*queue.property("DelaySeconds")->as_int() == 5);
  CHECK(queue.property("Missing") == nullptr);
  CHECK(queue.properties().size() == 2);
}

TEST_CASE("overrides add, replace and delete at a dotted path", "[core][resource][overrides]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& topic = stack.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  // A type outside the registry schemas: the paths below are not Lambda's properties.
  auto& fn = stack.add<CfnResource>("Fn", {.type = "Custom::Function", .properties = {
      {"Code", Value::map({{"ZipFile", "old"}})},
      {"Environment", Value::map({{"Variables", Value::map({{"A", "1"}, {"B", "2"}})}})},
      {"Layers", Value::list({"arn:one", "arn:two"})},
      {"Runtime", "python3.12"},
  }});
  fn.add_property_override("Code.ZipFile", "new");                          // replace
  fn.add_property_override("Environment.Variables.TOPIC", topic.ref());     // add, with a token
  fn.add_property_deletion_override("Environment.Variables.A");             // delete
  fn.add_property_override("Layers.1", "arn:second");                       // list index
  fn.add_property_override("Layers.5", "arn:appended");                     // past the end appends
  fn.add_property_override("Tracing.Config.Mode", "Active");                // creates the maps
  fn.add_property_override("Annotations.a\\.b", 1);                         // escaped dot in a key
  fn.add_override("UpdatePolicy.AutoScalingRollingUpdate.MinInstancesInService", 1);
  fn.add_deletion_override("Properties.Runtime");
  fn.add_deletion_override("Properties.Nope.Deeper");                       // absent: no effect

  auto body = resource(app, "Fn");
  CHECK(body == ordered_json::parse(R"({
    "Type": "Custom::Function",
    "Properties": {
      "Annotations": {"a.b": 1},
      "Code": {"ZipFile": "new"},
      "Environment": {"Variables": {"B": "2", "TOPIC": {"Ref": "Topic"}}},
      "Layers": ["arn:one", "arn:second", "arn:appended"],
      "Tracing": {"Config": {"Mode": "Active"}}
    },
    "UpdatePolicy": {"AutoScalingRollingUpdate": {"MinInstancesInService": 1}}})"));
}

TEST_CASE("an override may replace the Type and a later override wins", "[core][resource][overrides]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& q = stack.add<CfnResource>("Q", {.type = "AWS::SQS::Queue"});
  q.add_property_override("DelaySeconds", 1);
  q.add_property_override("DelaySeconds", 2);
  q.add_override("Type", "Custom::Topic");
  auto body = resource(app, "Q");
  CHECK(body["Type"] == "Custom::Topic");
  CHECK(body["Properties"]["DelaySeconds"] == 2);
}

TEST_CASE("writes DependsOn sorted and de-duplicated, without the ones a reference implies",
          "[core][resource][depends-on]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& b = stack.add<CfnResource>("B", {.type = "AWS::SNS::Topic"});
  auto& a = stack.add<CfnResource>("A", {.type = "AWS::SNS::Topic"});
  auto& referenced = stack.add<CfnResource>("Referenced", {.type = "AWS::SQS::Queue"});
  auto& user = stack.add<CfnResource>("User", {.type = "AWS::SQS::QueuePolicy", .properties = {
      {"Queues", Value::list({referenced.ref()})}, {"PolicyDocument", Value::map({})}}});
  user.add_depends_on(b);
  user.add_depends_on(a);
  user.add_depends_on(b);
  user.add_depends_on(referenced);
  user.add_depends_on(user);  // itself: ignored
  CHECK(user.depends_on().size() == 3);

  auto body = resource(app, "User");
  CHECK(body["DependsOn"] == ordered_json::parse(R"(["A","B"])"));
  CHECK(body.begin().key() == "Type");
  CHECK(std::next(body.begin()).key() == "DependsOn");
}

TEST_CASE("orders resources so that none comes before one it depends on", "[core][resource][depends-on]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& user = stack.add<CfnResource>("User", {.type = "AWS::SNS::Topic"});
  auto& policy = stack.add<CfnResource>("Policy", {.type = "AWS::SNS::TopicPolicy", .properties = {
      {"PolicyDocument", Value::map({})}, {"Topics", Value::list({"arn:aws:sns:us-east-1:123456789012:t"})}}});
  auto& target = stack.add<CfnResource>("Target", {.type = "AWS::SQS::Queue"});
  stack.add<CfnResource>("Last", {.type = "AWS::SQS::Queue"});
  user.set_property("DisplayName", Value::sub("${Arn}", {{"Arn", target.get_att("Arn")}}));
  policy.add_depends_on(user);

  auto assembly = synthesize(app);
  std::vector<std::string> order;
  for (const auto& [id, body] : assembly.stacks.at(0).document["Resources"].items()) order.push_back(id);
  CHECK(order == std::vector<std::string>{"Target", "User", "Policy", "Last"});
}

TEST_CASE("fails on resources that refer to each other in a cycle", "[core][resource][depends-on]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& a = stack.add<CfnResource>("A", {.type = "AWS::SNS::Topic"});
  auto& b = stack.add<CfnResource>("B", {.type = "AWS::SNS::Topic", .properties = {{"DisplayName", a.get_att("TopicName")}}});
  a.add_depends_on(b);
  stack.add<CfnResource>("Free", {.type = "AWS::SNS::Topic"});
  stack.add<CfnResource>("Downstream", {.type = "AWS::SNS::Topic", .properties = {{"DisplayName", b.get_att("TopicName")}}});
  REQUIRE_THROWS_AS(synthesize(app), SynthError);
  REQUIRE_THROWS_WITH(synthesize(app), "[S] resources refer to each other in a cycle: A, B (CircularDependency)");
}

TEST_CASE("a DependsOn on a resource of another stack orders the stacks instead", "[core][resource][depends-on]") {
  App app;
  auto& consumer = app.add<Stack>("Consumer");
  auto& producer = app.add<Stack>("Producer");
  auto& queue = producer.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  auto& topic = consumer.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  topic.add_depends_on(queue);
  auto assembly = synthesize(app);
  REQUIRE(assembly.stacks.size() == 2);
  CHECK(assembly.stacks[0].name == "Producer");
  CHECK(assembly.stacks[1].name == "Consumer");
  CHECK(assembly.stacks[1].dependencies == std::vector<std::string>{"Producer"});
  CHECK_FALSE(assembly.stacks[1].document["Resources"]["Topic"].contains("DependsOn"));
}

TEST_CASE("writes removal policies, condition and metadata in the documented key order", "[core][resource]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& table = stack.add<CfnResource>("Table", {.type = "AWS::DynamoDB::Table", .properties = {
      {"KeySchema", Value::list({Value::map({{"AttributeName", "id"}, {"KeyType", "HASH"}})})}}});
  table.apply_removal_policy(RemovalPolicy::RetainExceptOnDelete);
  table.add_metadata("Owner", "data-team");
  auto& bucket = stack.add<CfnResource>("Bucket", {.type = "AWS::S3::Bucket"});
  bucket.set_deletion_policy(RemovalPolicy::Retain);
  bucket.set_update_replace_policy(RemovalPolicy::Snapshot);
  auto& db = stack.add<CfnResource>("Db", {.type = "AWS::RDS::DBInstance"});
  db.apply_removal_policy(RemovalPolicy::Snapshot);
  db.add_depends_on(bucket);
  db.set_property("Engine", "postgres");
  db.add_metadata("Region", Value::aws_region());

  auto doc = synthesize(app).stacks.at(0).document["Resources"];
  CHECK(doc["Table"].dump() ==
        R"({"Type":"AWS::DynamoDB::Table","Properties":{"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]},"DeletionPolicy":"RetainExceptOnDelete","UpdateReplacePolicy":"Retain","Metadata":{"Owner":"data-team"}})");
  CHECK(doc["Bucket"].dump() == R"({"Type":"AWS::S3::Bucket","DeletionPolicy":"Retain","UpdateReplacePolicy":"Snapshot"})");
  CHECK(doc["Db"].dump() ==
        R"({"Type":"AWS::RDS::DBInstance","DependsOn":["Bucket"],"Properties":{"Engine":"postgres"},"DeletionPolicy":"Snapshot","UpdateReplacePolicy":"Snapshot","Metadata":{"Region":{"Ref":"AWS::Region"}}})");
}

TEST_CASE("knows which types take Tags and in which form", "[core][resource][tags]") {
  App app;
  auto& stack = app.add<Stack>("S");
  CHECK(stack.add<CfnResource>("Q", {.type = "AWS::SQS::Queue"}).tag_format() == CfnResource::TagFormat::KeyValueList);
  CHECK(stack.add<CfnResource>("P", {.type = "AWS::SSM::Parameter"}).tag_format() == CfnResource::TagFormat::Map);
  CHECK(stack.add<CfnResource>("X", {.type = "AWS::SQS::QueuePolicy"}).tag_format() == CfnResource::TagFormat::None);
}
