// formwork's own lint rules (lint/lint.hpp): every rule has a template that trips it and
// one that does not.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "lint/lint.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using formwork::lint::Finding;
using formwork::lint::Severity;

namespace {

std::string fixture(const std::string& name) { return (testing::source_dir() / "tests/lint/fixtures" / name).string(); }

std::vector<Finding> lint_fixture(const std::string& name) {
  std::string text = testing::read_file(fixture(name));
  return lint::lint_template(parse_template(text, "fixtures/" + name), {.body_bytes = text.size()});
}

std::vector<Finding> lint_text(const std::string& text) {
  return lint::lint_template(parse_template(text, "generated.yaml"), {.body_bytes = text.size()});
}

std::set<std::string> rule_ids(const std::vector<Finding>& findings) {
  std::set<std::string> out;
  for (const auto& f : findings) out.insert(f.rule_id);
  return out;
}

std::vector<int> lines_of(const std::vector<Finding>& findings) {
  std::vector<int> out;
  for (const auto& f : findings) out.push_back(f.line);
  return out;
}

std::string listing(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += lint::format_finding(f) + "\n";
  return out;
}

std::string header() { return "AWSTemplateFormatVersion: \"2010-09-09\"\n"; }

std::string queues(int count) {
  std::string out = "Resources:\n";
  for (int i = 0; i < count; ++i) out += "  Queue" + std::to_string(i) + ":\n    Type: AWS::SQS::Queue\n";
  return out;
}

// A function with `count` API Gateway permissions, one per method, as CDK made them before
// it consolidated them (aws-cdk#5774).
std::string function_with_permissions(int count) {
  std::string out = header() + R"(Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: many
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code:
        ZipFile: "def handler(event, context): return event"
)";
  for (int i = 0; i < count; ++i)
    out += "  HandlerPermissionGetItems" + std::to_string(i) + R"(:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Handler.Arn
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/GET/items/)" +
           std::to_string(i) + "\"\n";
  return out;
}

}  // namespace

TEST_CASE("each rule with a fixture trips on its trip template and only there", "[lint]") {
  for (const char* rule : {"FW1001", "FW1002", "FW1003", "FW1004", "FW1005", "FW1006", "FW2007", "FW3001", "FW3002",
                           "FW3003", "FW3005", "FW3007", "FW4001", "FW4002"}) {
    INFO(rule);
    auto tripped = lint_fixture(std::string(rule) + "_trip.yaml");
    INFO(listing(tripped));
    CHECK_FALSE(tripped.empty());
    CHECK(rule_ids(tripped) == std::set<std::string>{rule});
    for (const auto& f : tripped) {
      CHECK(f.line > 0);
      CHECK_FALSE(f.message.empty());
      CHECK_FALSE(f.hint.empty());
    }
    auto clean = lint_fixture(std::string(rule) + "_pass.yaml");
    INFO(listing(clean));
    CHECK(clean.empty());
  }
}

TEST_CASE("reports a broken Ref at the line it is on, with the closest name", "[lint]") {
  auto findings = lint_fixture("FW1001_trip.yaml");
  REQUIRE(lines_of(findings) == std::vector<int>{9, 12});
  CHECK(lint::format_finding(findings[0]) ==
        "fixtures/FW1001_trip.yaml:9: error FW1001 !Ref Stages names no resource, parameter or pseudo parameter"
        " \u2014 did you mean Stage?");
  CHECK(findings[0].logical_id == "Queue");
  CHECK(findings[0].severity == Severity::Error);
}

TEST_CASE("checks Sub variables against resources, parameters and the variable map, not ${!Literal}", "[lint]") {
  auto findings = lint_fixture("FW1003_trip.yaml");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message.find("${Missing}") != std::string::npos);
  CHECK(findings[1].message.find("${Queu.Arn}") != std::string::npos);
}

TEST_CASE("checks condition names in resources, outputs, !If and among conditions", "[lint]") {
  CHECK(lines_of(lint_fixture("FW1005_trip.yaml")) == std::vector<int>{7, 11, 13, 16});
}

TEST_CASE("finds every kind of asynchronous invoker of a function", "[lint]") {
  auto findings = lint_fixture("FW3001_trip.yaml");
  std::set<std::string> functions;
  for (const auto& f : findings) functions.insert(f.logical_id);
  // SNS subscription, SNS topic, EventBridge rule, S3 bucket, permission through an alias,
  // an API mapping the invocation type from a header, an API with 'Event' and an on-success
  // destination only (AsyncSquareApi's shape).
  CHECK(functions == std::set<std::string>{"SnsFunction", "TopicFunction", "RuleFunction", "BucketFunction",
                                           "PermissionFunction", "ApiFunction", "SquareFunction"});
  for (const auto& f : findings) CHECK(f.severity == Severity::Warning);
}

TEST_CASE("asks for six times the function timeout, with CloudFormation's defaults", "[lint]") {
  auto findings = lint_fixture("FW3002_trip.yaml");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].logical_id == "Orders");
  CHECK(findings[0].hint == "set VisibilityTimeout of Orders to at least 60");
  CHECK(findings[1].logical_id == "Events");  // 30 s default visibility, 6 s timeout
  CHECK(findings[1].hint == "set VisibilityTimeout of Events to at least 36");
}

TEST_CASE("counts resources, outputs, parameters and mappings against CloudFormation's limits", "[lint]") {
  SECTION("at the limit") { CHECK(lint_text(header() + queues(500)).empty()); }
  SECTION("over it") {
    auto findings = lint_text(header() + queues(501));
    REQUIRE(rule_ids(findings) == std::set<std::string>{"FW2003"});
    CHECK(findings[0].message == "template has 501 resources, over CloudFormation's limit of 500");
  }
  auto section = [](const std::string& name, int count, const std::string& entry) {
    std::string out = header() + name + ":\n";
    for (int i = 0; i < count; ++i) out += "  X" + std::to_string(i) + ":\n" + entry;
    return out + queues(1);
  };
  std::string output = "    Value: !Ref Queue0\n";
  std::string parameter = "    Type: String\n";
  std::string mapping = "    Key:\n      Value: 1\n";
  CHECK(lint_text(section("Outputs", 200, output)).empty());
  CHECK(rule_ids(lint_text(section("Outputs", 201, output))) == std::set<std::string>{"FW2004"});
  CHECK(lint_text(section("Parameters", 200, parameter)).empty());
  CHECK(rule_ids(lint_text(section("Parameters", 201, parameter))) == std::set<std::string>{"FW2005"});
  CHECK(lint_text(section("Mappings", 200, mapping)).empty());
  CHECK(rule_ids(lint_text(section("Mappings", 201, mapping))) == std::set<std::string>{"FW2006"});
}

TEST_CASE("says a template over 51,200 bytes must go through S3, and one over 1,000,000 is too large", "[lint]") {
  std::string small = header() + queues(1);
  auto padded = [&](std::size_t size) { return small + "# " + std::string(size - small.size() - 3, 'x') + "\n"; };
  CHECK(lint_text(padded(51'200)).empty());
  auto over_direct = lint_text(padded(51'201));
  REQUIRE(rule_ids(over_direct) == std::set<std::string>{"FW2001"});
  CHECK(over_direct[0].severity == Severity::Info);
  CHECK(over_direct[0].hint == "deploy it through S3: aws cloudformation deploy --s3-bucket BUCKET");
  CHECK(lint_text(padded(1'000'000)).size() == 1);
  auto over_s3 = lint_text(padded(1'000'001));
  REQUIRE(rule_ids(over_s3) == std::set<std::string>{"FW2002"});
  CHECK(over_s3[0].severity == Severity::Error);
}

TEST_CASE("estimates a function's resource policy from its permissions", "[lint]") {
  // One API permission is estimated at about 430 bytes (a real one is 350-400): 45 fit in
  // 20,480 bytes, 70 do not.
  CHECK(lint_text(function_with_permissions(45)).empty());
  auto findings = lint_text(function_with_permissions(70));
  REQUIRE(rule_ids(findings) == std::set<std::string>{"FW3004"});
  CHECK(findings[0].logical_id == "Handler");
  CHECK(findings[0].message.find("the 70 permissions for function Handler") == 0);
  INFO(findings[0].message);
  auto bytes = std::stoi(findings[0].message.substr(findings[0].message.find("about ") + 6));
  CHECK(bytes > 70 * 350);
  CHECK(bytes < 70 * 500);
}

TEST_CASE("a rule is silenced for one resource through its metadata", "[lint]") {
  std::string text = testing::read_file(fixture("FW4002_trip.yaml"));
  REQUIRE(lint_text(text).size() == 1);
  auto with_ignore = [&](const std::string& ids) {
    const std::string resource = "  Policy:\n    Type: AWS::IAM::Policy\n";
    std::string out = text;
    out.replace(out.find(resource), resource.size(),
                resource + "    Metadata:\n      formwork:\n        lint:\n          ignore: " + ids + "\n");
    return out;
  };
  CHECK(lint_text(with_ignore("[FW3001, FW4002]")).empty());
  CHECK(lint_text(with_ignore("FW4002")).empty());
  // Another rule's id does not silence it.
  CHECK(lint_text(with_ignore("[FW4001]")).size() == 1);
}

TEST_CASE("skips reference checks on a template with a Transform, which adds resources", "[lint]") {
  std::string text = header() + "Transform: AWS::Serverless-2016-10-31\n" +
                     "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                     "      Role: !GetAtt FnRole.Arn\n";
  CHECK(lint_text(text).empty());
}

TEST_CASE("every rule in the catalog has a distinct id in its group", "[lint]") {
  std::set<std::string> ids;
  for (const auto& rule : lint::rule_catalog()) {
    CHECK(ids.insert(rule.id).second);
    CHECK(rule.id.size() == 6);
    CHECK(std::string("1234").find(rule.id[2]) != std::string::npos);
  }
  CHECK(ids.size() == 22);
}

TEST_CASE("lints JSON templates with their line numbers", "[lint]") {
  std::string text =
      "{\n  \"Resources\": {\n    \"Queue\": {\n      \"Type\": \"AWS::SQS::Queue\",\n"
      "      \"Properties\": {\"QueueName\": {\"Ref\": \"Nothing\"}}\n    }\n  }\n}\n";
  auto findings = lint_text(text);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule_id == "FW1001");
  CHECK(findings[0].line == 5);
}

TEST_CASE("FW3005 reports each broken mapping template at its line in the file", "[lint]") {
  auto findings = lint_fixture("FW3005_trip.yaml");
  REQUIRE(findings.size() == 4);
  CHECK(lint::format_finding(findings[0]) ==
        "fixtures/FW3005_trip.yaml:21: error FW3005 request template application/json of GetMethod is not valid VTL: "
        "line 3, column 12 of the template: #if without #end — fix the template; docs/vtl.md lists the VTL that API "
        "Gateway and formwork serve run");
  CHECK(findings[1].line == 23);
  CHECK(findings[1].message.find("text/plain of GetMethod is not valid VTL: line 1, column 1 of the template: #macro is "
                                 "outside the VTL subset") != std::string::npos);
  CHECK(findings[2].line == 27);
  CHECK(findings[2].message.find("response template (200) application/json of GetMethod is not valid VTL: line 1, "
                                 "column 23 of the template: expected ')' to close the argument list") == 0);
  CHECK(findings[3].line == 34);
  CHECK(findings[3].message.find("response template (400) application/json of GetMethod is not valid VTL: line 3, "
                                 "column 1 of the template: #else without #if") == 0);
}

