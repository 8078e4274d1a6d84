// The diff engine on template pairs: each kind of change, list matching, intrinsic forms,
// replacement and the security section.
#include <catch2/catch.hpp>

#include "diff/diff_engine.hpp"
#include "diff/value_diff.hpp"
#include "constructs/core/template_reader.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using namespace formwork::diff;

namespace {

StackDiff diff_text(const std::string& before, const std::string& after) {
  auto a = parse_template(before, "old.yaml");
  auto b = parse_template(after, "new.yaml");
  return diff_templates("Test", &a.document, &b.document);
}

StackDiff diff_fixtures(const std::string& before, const std::string& after) {
  auto dir = testing::source_dir() / "tests/diff/fixtures";
  auto a = read_template((dir / before).string());
  auto b = read_template((dir / after).string());
  return diff_templates("Test", &a.document, &b.document);
}

const ResourceDiff& resource(const StackDiff& diff, const std::string& id) {
  for (const auto& r : diff.resources)
    if (r.logical_id == id) return r;
  FAIL("no resource " << id << " in the diff");
  throw std::logic_error("unreachable");
}

std::string describe_changes(const ResourceDiff& r) {
  std::string out;
  for (const auto& c : r.changes) {
    out += std::string(to_string(c.kind)) + " " + c.path_text();
    if (c.old_value) out += " " + render_value(*c.old_value);
    if (c.new_value) out += " -> " + render_value(*c.new_value);
    out += "\n";
  }
  return out;
}

const char* kQueue = R"(
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
)";

}  // namespace

TEST_CASE("reports an added resource", "[diff]") {
  auto diff = diff_text(kQueue, std::string(kQueue) + "  Topic:\n    Type: AWS::SNS::Topic\n");
  REQUIRE(diff.resources.size() == 1);
  CHECK(diff.resources[0].logical_id == "Topic");
  CHECK(diff.resources[0].kind == ChangeKind::Added);
  CHECK(diff.resources[0].type == "AWS::SNS::Topic");
  CHECK(diff.summary().text() == "1 to add, 0 to change, 0 to remove");
}

TEST_CASE("reports a removed resource", "[diff]") {
  auto diff = diff_text(std::string(kQueue) + "  Topic:\n    Type: AWS::SNS::Topic\n", kQueue);
  REQUIRE(diff.resources.size() == 1);
  CHECK(diff.resources[0].logical_id == "Topic");
  CHECK(diff.resources[0].kind == ChangeKind::Removed);
  CHECK(diff.summary().text() == "0 to add, 0 to change, 1 to remove");
}

TEST_CASE("reports a property change with old and new value", "[diff]") {
  auto diff = diff_fixtures("app_old.yaml", "app_new.yaml");
  const auto& worker = resource(diff, "Worker");
  CHECK(worker.kind == ChangeKind::Modified);
  CHECK(worker.replacement == Replacement::None);
  CHECK(describe_changes(worker) ==
        "added Properties.Environment.Variables.LOG_LEVEL -> debug\n"
        "modified Properties.MemorySize 128 -> 256\n");
  CHECK(diff.summary().text() == "1 to add, 2 to change, 1 to remove");
}

TEST_CASE("compares nested objects key by key", "[diff]") {
  auto diff = diff_text(R"(
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment: {Variables: {A: one, B: two, C: three}}
      TracingConfig: {Mode: PassThrough}
)",
                        R"(
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment: {Variables: {A: one, B: deux}}
      TracingConfig: {Mode: Active}
)");
  CHECK(describe_changes(resource(diff, "Fn")) ==
        "modified Properties.Environment.Variables.B two -> deux\n"
        "removed Properties.Environment.Variables.C three\n"
        "modified Properties.TracingConfig.Mode PassThrough -> Active\n");
}

TEST_CASE("an element inserted into a list is one addition, not a change of every later index", "[diff]") {
  auto diff = diff_fixtures("app_old.yaml", "app_new.yaml");
  CHECK(describe_changes(resource(diff, "Orders")) == "added Properties.Tags[1] -> {Key: owner, Value: alice}\n");
}

TEST_CASE("list elements are matched by key: a changed tag is a change of its value", "[diff]") {
  auto diff = diff_text(R"(
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      Tags: [{Key: a, Value: '1'}, {Key: b, Value: '2'}, {Key: c, Value: '3'}]
)",
                        R"(
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      Tags: [{Key: c, Value: '3'}, {Key: a, Value: '1'}, {Key: b, Value: '20'}]
)");
  auto text = describe_changes(resource(diff, "Q"));
  // c moved to the front (order of keyed elements is not a difference); b's value changed.
  CHECK(text.find("modified Properties.Tags[2].Value '2' -> '20'") != std::string::npos);
  CHECK(text.find("Tags[1].Key") == std::string::npos);
}

TEST_CASE("an IAM statement inserted between two is one addition", "[diff]") {
  const char* before = R"(
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [r]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: sqs:SendMessage, Resource: arn:aws:sqs:us-east-1:1:a}
          - {Effect: Allow, Action: sns:Publish, Resource: arn:aws:sns:us-east-1:1:t}
)";
  const char* after = R"(
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [r]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: sqs:SendMessage, Resource: arn:aws:sqs:us-east-1:1:a}
          - {Effect: Allow, Action: logs:PutLogEvents, Resource: arn:aws:logs:us-east-1:1:g}
          - {Effect: Allow, Action: sns:Publish, Resource: arn:aws:sns:us-east-1:1:t}
)";
  auto diff = diff_text(before, after);
  CHECK(describe_changes(resource(diff, "P")) ==
        "added Properties.PolicyDocument.Statement[1] -> "
        "{Action: logs:PutLogEvents, Effect: Allow, Resource: arn:aws:logs:us-east-1:1:g}\n");
  REQUIRE(diff.security.size() == 1);
  CHECK(diff.security[0].change == ChangeKind::Added);
  CHECK(diff.security[0].actions == std::vector<Json>{"logs:PutLogEvents"});
  CHECK(diff.security[0].widening.empty());
}

TEST_CASE("short and long intrinsic forms, key order, quoting and comments are not differences", "[diff]") {
  auto diff = diff_fixtures("app_old.yaml", "app_old_long_form.json");
  CHECK(diff.resources.empty());
  CHECK(diff.elements.empty());
  CHECK(diff.security.empty());
  CHECK_FALSE(diff.summary().any());
}

TEST_CASE("!Ref equals {Ref: X} and !GetAtt A.B equals {Fn::GetAtt: [A, B]}", "[diff]") {
  auto diff = diff_text(R"(
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt R.Arn, Description: !Ref P, Layers: [!Sub 'arn:${AWS::Region}']}
)",
                        R"({"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
  "Layers": [{"Fn::Sub": ["arn:${AWS::Region}", {}]}],
  "Description": {"Ref": "P"}, "Role": {"Fn::GetAtt": "R.Arn"}}}}})");
  CHECK(diff.resources.empty());
}

TEST_CASE("a changed intrinsic is shown in short form", "[diff]") {
  auto diff = diff_text("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {Role: !GetAtt A.Arn}\n",
                        "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {Role: !GetAtt B.Arn}\n");
  CHECK(describe_changes(resource(diff, "Fn")) == "modified Properties.Role !GetAtt A.Arn -> !GetAtt B.Arn\n");
}

TEST_CASE("a change to a create-only property replaces the resource", "[diff]") {
  auto diff = diff_fixtures("queue_old.yaml", "queue_fifo.yaml");
  const auto& jobs = resource(diff, "Jobs");
  CHECK(jobs.replacement == Replacement::Replaces);
  CHECK(jobs.replacement_reasons == std::vector<std::string>{"QueueName is create-only", "FifoQueue is create-only"});
  CHECK(diff.summary().text() == "0 to add, 1 to change (1 replacement), 0 to remove");
}

TEST_CASE("a change to an updatable property does not replace", "[diff]") {
  auto diff = diff_text(kQueue, "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 60\n");
  CHECK(resource(diff, "Jobs").replacement == Replacement::None);
}

TEST_CASE("a conditionally create-only property may replace", "[diff]") {
  auto diff = diff_text("Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties: {EventBusName: a}\n",
                        "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties: {EventBusName: b}\n");
  CHECK(resource(diff, "R").replacement == Replacement::MayReplace);
  CHECK(diff.summary().text() == "0 to add, 1 to change (1 possible replacement), 0 to remove");
}

TEST_CASE("a type missing from the update-behaviour data says replacement unknown", "[diff]") {
  auto diff = diff_text("Resources:\n  X:\n    Type: Custom::Thing\n    Properties: {A: 1}\n",
                        "Resources:\n  X:\n    Type: Custom::Thing\n    Properties: {A: 2}\n");
  const auto& x = resource(diff, "X");
  CHECK(x.replacement == Replacement::Unknown);
  CHECK(x.replacement_reasons.at(0) == "replacement unknown: Custom::Thing is not in the update-behaviour data");
}

TEST_CASE("a changed logical ID is a replacement of the renamed resource", "[diff]") {
  auto diff = diff_fixtures("rename_old.yaml", "rename_new.yaml");
  REQUIRE(diff.resources.size() == 1);
  const auto& topic = diff.resources[0];
  CHECK(topic.logical_id == "OrderEvents");
  CHECK(topic.renamed_from == "Topic");
  CHECK(topic.replacement == Replacement::Replaces);
  CHECK(topic.replacement_reasons == std::vector<std::string>{"logical ID changed from Topic"});
  CHECK(diff.summary().text() == "0 to add, 1 to change (1 replacement), 0 to remove");
}

TEST_CASE("resources of different types are never a rename", "[diff]") {
  auto diff = diff_text("Resources:\n  A:\n    Type: AWS::SNS::Topic\n", "Resources:\n  B:\n    Type: AWS::SQS::Queue\n");
  CHECK(diff.summary().text() == "1 to add, 0 to change, 1 to remove");
}

TEST_CASE("a changed type replaces the resource", "[diff]") {
  auto diff = diff_text("Resources:\n  A:\n    Type: AWS::SNS::Topic\n", "Resources:\n  A:\n    Type: AWS::SQS::Queue\n");
  REQUIRE(diff.resources.size() == 1);
  CHECK(diff.resources[0].replacement == Replacement::Replaces);
  CHECK(diff.resources[0].replacement_reasons == std::vector<std::string>{"type changed from AWS::SNS::Topic"});
}

TEST_CASE("DependsOn order and single-name form are not differences", "[diff]") {
  auto diff = diff_text("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: [X, Y]\n",
                        "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: [Y, X]\n");
  CHECK(diff.resources.empty());
  diff = diff_text("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: X\n",
                   "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: [X]\n");
  CHECK(diff.resources.empty());
}

TEST_CASE("flags an IAM statement that widens to a wildcard action and resource", "[diff][security]") {
  auto diff = diff_fixtures("iam_old.yaml", "iam_new.yaml");
  const SecurityChange* added = nullptr;
  const SecurityChange* removed = nullptr;
  for (const auto& c : diff.security) {
    if (c.kind != SecurityKind::IamStatement) continue;
    (c.change == ChangeKind::Added ? added : removed) = &c;
  }
  REQUIRE(added != nullptr);
  REQUIRE(removed != nullptr);
  CHECK(added->resource == "FnRole");
  CHECK(added->location == "Policies[0].PolicyDocument");
  CHECK(added->actions == std::vector<Json>{"sqs:*"});
  CHECK(added->resources == std::vector<Json>{"*"});
  CHECK(added->widening == std::vector<std::string>{"action sqs:*", "resource *"});
  CHECK(removed->actions == std::vector<Json>{"sqs:SendMessage"});
  CHECK(removed->resources == std::vector<Json>{Json{{"Fn::GetAtt", {"Dlq", "Arn"}}}});
  CHECK(diff.summary().widening == 2);
}

TEST_CASE("reports Lambda permissions added and removed with principal and source ARN", "[diff][security]") {
  auto diff = diff_fixtures("iam_old.yaml", "iam_new.yaml");
  std::vector<const SecurityChange*> permissions;
  for (const auto& c : diff.security)
    if (c.kind == SecurityKind::LambdaPermission) permissions.push_back(&c);
  REQUIRE(permissions.size() == 2);
  CHECK(permissions[0]->change == ChangeKind::Removed);
  CHECK(permissions[0]->resource == "FnInvokeFromTopic");
  CHECK(permissions[0]->principals == std::vector<Json>{"sns.amazonaws.com"});
  CHECK(permissions[0]->condition == Json{{"SourceArn", {{"Ref", "Topic"}}}});
  CHECK(permissions[1]->change == ChangeKind::Added);
  CHECK(permissions[1]->resource == "FnInvokeFromApi");
  CHECK(permissions[1]->principals == std::vector<Json>{"apigateway.amazonaws.com"});
  CHECK(permissions[1]->widening ==
        std::vector<std::string>{"no source ARN or account (any apigateway.amazonaws.com caller)"});
}

TEST_CASE("a statement the holder already granted with the same wildcard does not widen", "[diff][security]") {
  const char* before = R"(
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]
)";
  const char* after = R"(
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 's3:*', Resource: '*', Condition: {Bool: {aws:SecureTransport: 'true'}}}]
)";
  auto diff = diff_text(before, after);
  REQUIRE(diff.security.size() == 2);
  CHECK(diff.security[1].change == ChangeKind::Added);
  CHECK(diff.security[1].widening.empty());
}

TEST_CASE("reports parameter, output, condition and mapping changes", "[diff]") {
  auto diff = diff_text(R"(
Parameters: {Stage: {Type: String, Default: dev}}
Conditions: {IsProd: !Equals [!Ref Stage, prod]}
Mappings: {Sizes: {dev: {Memory: 128}}}
Resources:
  Q: {Type: AWS::SQS::Queue}
Outputs:
  Url: {Value: !Ref Q}
  Old: {Value: x}
)",
                        R"(
Parameters: {Stage: {Type: String, Default: prod}}
Conditions: {IsProd: !Equals [!Ref Stage, production]}
Mappings: {Sizes: {dev: {Memory: 256}}}
Resources:
  Q: {Type: AWS::SQS::Queue}
Outputs:
  Url: {Value: !GetAtt Q.QueueUrl, Export: {Name: url}}
  Arn: {Value: !GetAtt Q.Arn}
)");
  std::string text;
  for (const auto& e : diff.elements) {
    text += e.section + " " + e.name + " " + to_string(e.kind) + "\n";
    for (const auto& c : e.changes)
      text += "  " + c.path_text() + " " + (c.new_value ? render_value(*c.new_value) : "") + "\n";
  }
  CHECK(text ==
        "Parameters Stage modified\n  Default prod\n"
        "Mappings Sizes modified\n  dev.Memory 256\n"
        "Conditions IsProd modified\n   !Equals [!Ref Stage, production]\n"
        "Outputs Old removed\n"
        "Outputs Url modified\n  Value !GetAtt Q.QueueUrl\n  Export {Name: url}\n"
        "Outputs Arn added\n");
  CHECK(diff.summary().other == 6);
  CHECK(diff.summary().text() == "0 to add, 0 to change, 0 to remove");
  CHECK(diff.summary().any());
}

TEST_CASE("a stack with no old template is new: everything is added", "[diff]") {
  auto after = parse_template(kQueue, "new.yaml");
  auto diff = diff_templates("Fresh", nullptr, &after.document);
  CHECK(diff.new_stack);
  CHECK(diff.status() == StackStatus::New);
  CHECK(diff.summary().text() == "1 to add, 0 to change, 0 to remove");
}
