// Logical IDs: readable by default, CDK-compatible on request (constructs/core/logical_ids.hpp).
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/group.hpp"
#include "constructs/core/logical_ids.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"

using namespace formwork;

namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out(1);
  for (char c : path) {
    if (c == '/') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

std::vector<std::string> resource_ids(const SynthesizedStack& stack) {
  std::vector<std::string> ids;
  for (const auto& [id, body] : stack.document["Resources"].items()) ids.push_back(id);
  return ids;
}
}  // namespace

TEST_CASE("makes readable PascalCase ids from the path inside the stack", "[core][logical-ids]") {
  auto id = [](const std::string& path) { return make_logical_id(split(path), LogicalIdStyle::Readable); };
  CHECK(id("Square/ServiceRole/Resource") == "SquareServiceRole");
  CHECK(id("Queue/Resource") == "Queue");
  CHECK(id("Queue") == "Queue");
  CHECK(id("async-square/Default/{proxy+}/Resource") == "AsyncSquareProxy");
  CHECK(id("Api/Api") == "Api");
  CHECK(id("orders_dlq") == "OrdersDlq");
  CHECK(id("Resource") == "Resource");
  CHECK(make_logical_id(split(std::string(300, 'a')), LogicalIdStyle::Readable).size() == 255);
}

TEST_CASE("pascal-cases each alphanumeric run", "[core][logical-ids]") {
  CHECK(pascal_case("async-square") == "AsyncSquare");
  CHECK(pascal_case("{proxy+}") == "Proxy");
  CHECK(pascal_case("alreadyPascal") == "AlreadyPascal");
  CHECK(pascal_case("a.b c") == "ABC");
  CHECK(pascal_case("") == "");
}

TEST_CASE("allocates ids exactly as AWS CDK does when asked", "[core][logical-ids][cdk]") {
  // The vectors of issue 2 and the IDs recomputed from CDK's snapshot templates.
  auto cdk = [](const std::string& path) { return make_logical_id(split(path), LogicalIdStyle::CdkCompatible); };
  CHECK(cdk("Queue/Resource") == "Queue4A7E3555");
  CHECK(cdk("DLQ/Resource") == "DLQ581697C4");
  CHECK(cdk("MyQueue/Resource") == "MyQueueE6CA6235");
  CHECK(cdk("MyQueue/Policy/Resource") == "MyQueuePolicy6BBEDDAC");
  CHECK(cdk("Queue/Policy/Resource") == "QueuePolicy25439813");
  CHECK(cdk("SnsSqs/ServiceRole/Resource") == "SnsSqsServiceRole869866F7");
  CHECK(cdk("SnsSqs/ServiceRole/DefaultPolicy/Resource") == "SnsSqsServiceRoleDefaultPolicy82E7B09F");
  CHECK(cdk("SnsSqs/Resource") == "SnsSqsC4810B27");
  CHECK(cdk("SnsSqs/EventInvokeConfig/Resource") == "SnsSqsEventInvokeConfigDC664368");
  CHECK(cdk("Topic/Resource") == "TopicBFC7AF6E");
  CHECK(cdk("lambdarestapi/Resource") == "lambdarestapiF559E4F2");
  CHECK(cdk("lambdarestapi/Default/{proxy+}/Resource") == "lambdarestapiproxyB0E963B7");
  CHECK(cdk("lambdarestapi/Default/{proxy+}/ANY/Resource") == "lambdarestapiproxyANYC900233F");
  CHECK(cdk("lambdarestapi/Default/ANY/Resource") == "lambdarestapiANYB9BB3FB2");
  CHECK(cdk("lambdarestapi/Account") == "lambdarestapiAccount856938D8");
  CHECK(cdk("lambdarestapi/CloudWatchRole/Resource") == "lambdarestapiCloudWatchRoleA142878F");
  CHECK(cdk("Echo/MyTopic/Resource") == "EchoMyTopic4CB8819E");
  // A single component keeps its name without a hash, as CDK's top-level L1s and outputs do.
  CHECK(cdk("OutputEventSourceMappingArn") == "OutputEventSourceMappingArn");
  CHECK(cdk("Q") == "Q");
}

TEST_CASE("computes CDK's unique id over a full path from the app root", "[core][logical-ids][cdk]") {
  CHECK(cdk_unique_id({"aws-cdk-sns-lambda", "MyTopic"}) == "awscdksnslambdaMyTopic6C62AB90");
}

TEST_CASE("uses the CDK allocator for every element of an app that asks for it", "[core][logical-ids][cdk]") {
  App app({.logical_ids = LogicalIdStyle::CdkCompatible});
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<Group>("Queue");
  auto& resource = queue.add<CfnResource>("Resource", {.type = "AWS::SQS::Queue"});
  queue.add<Group>("Policy").add<CfnResource>("Resource", {.type = "AWS::SQS::QueuePolicy",
      .properties = {{"Queues", Value::list({resource.ref()})}, {"PolicyDocument", Value::map({})}}});
  stack.add<CfnOutput>("QueueUrl", {.value = resource.ref()});

  auto assembly = synthesize(app);
  const auto& doc = assembly.stacks.at(0).document;
  CHECK(resource_ids(assembly.stacks.at(0)) == std::vector<std::string>{"Queue4A7E3555", "QueuePolicy25439813"});
  CHECK(doc["Resources"]["QueuePolicy25439813"]["Properties"]["Queues"][0] ==
        nlohmann::ordered_json{{"Ref", "Queue4A7E3555"}});
  CHECK(doc["Outputs"].contains("QueueUrl"));
}

TEST_CASE("fails synthesis on a logical ID collision, naming both paths", "[core][logical-ids]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<Group>("A").add<CfnResource>("BC", {.type = "AWS::SNS::Topic"});
  stack.add<Group>("AB").add<CfnResource>("C", {.type = "AWS::SNS::Topic"});
  stack.add<CfnResource>("my-queue", {.type = "AWS::SQS::Queue"});
  stack.add<CfnResource>("MyQueue", {.type = "AWS::SQS::Queue"});

  REQUIRE_THROWS_AS(synthesize(app), ValidationError);
  REQUIRE_THROWS_WITH(synthesize(app),
                      "[S/AB/C] logical ID 'ABC' is already used by S/A/BC; rename one construct or use "
                      "override_logical_id\n"
                      "[S/MyQueue] logical ID 'MyQueue' is already used by S/my-queue; rename one construct or use "
                      "override_logical_id");
}

TEST_CASE("allows the same logical ID in two different stacks", "[core][logical-ids]") {
  App app;
  app.add<Stack>("One").add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  app.add<Stack>("Two").add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  CHECK_NOTHROW(synthesize(app));
}

TEST_CASE("override_logical_id replaces the id everywhere it is referenced", "[core][logical-ids]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  queue.override_logical_id("LegacyQueue1234");
  stack.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic",
      .properties = {{"DisplayName", queue.get_att("QueueName")}}});

  auto assembly = synthesize(app);
  const auto& resources = assembly.stacks.at(0).document["Resources"];
  CHECK(resources.contains("LegacyQueue1234"));
  CHECK_FALSE(resources.contains("Queue"));
  CHECK(resources["Topic"]["Properties"]["DisplayName"] ==
        nlohmann::ordered_json::parse(R"({"Fn::GetAtt":["LegacyQueue1234","QueueName"]})"));
  CHECK(assembly.stacks.at(0).construct_paths.at("LegacyQueue1234") == "Queue");
}

TEST_CASE("an override resolves a collision, and an invalid override is reported", "[core][logical-ids]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("my-queue", {.type = "AWS::SQS::Queue"});
  auto& second = stack.add<CfnResource>("MyQueue", {.type = "AWS::SQS::Queue"});
  second.override_logical_id("SecondQueue");
  CHECK_NOTHROW(synthesize(app));

  second.override_logical_id("second-queue");
  REQUIRE_THROWS_WITH(synthesize(app),
                      "[S/MyQueue] logical ID 'second-queue' must be 1 to 255 characters, A-Z a-z 0-9 only");
}

TEST_CASE("adding an unrelated construct never renames another", "[core][logical-ids]") {
  for (auto style : {LogicalIdStyle::Readable, LogicalIdStyle::CdkCompatible}) {
    App before({.logical_ids = style});
    App after({.logical_ids = style});
    for (App* app : {&before, &after}) {
      auto& stack = app->add<Stack>("S");
      if (app == &after) stack.add<Group>("First").add<CfnResource>("Resource", {.type = "AWS::SNS::Topic"});
      auto& api = stack.add<Group>("Api");
      api.add<CfnResource>("Resource", {.type = "AWS::ApiGateway::RestApi"});
      api.add<Group>("Default").add<Group>("items").add<CfnResource>("Resource", {.type = "AWS::ApiGateway::Resource", .properties = {
          {"ParentId", "root"}, {"PathPart", "items"}, {"RestApiId", "api"}}});
      if (app == &after) api.add<CfnResource>("Extra", {.type = "AWS::SNS::Topic"});
      stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
    }
    auto old_ids = resource_ids(synthesize(before).stacks.at(0));
    auto new_ids = resource_ids(synthesize(after).stacks.at(0));
    for (const auto& id : old_ids) CHECK(std::find(new_ids.begin(), new_ids.end(), id) != new_ids.end());
    CHECK(new_ids.size() == old_ids.size() + 2);
  }
}
