// The YAML writer: every emitted template reads back, with yaml-cpp (parse_template) and with
// PyYAML as cfn-lint reads it, as exactly the JSON document it was written from
// (constructs/core/yaml_writer.hpp).
#include <catch2/catch.hpp>

#include "constructs/core/template_reader.hpp"
#include "constructs/core/yaml_writer.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using nlohmann::ordered_json;
using formwork::testing::TempDir;

namespace {

// Strings that YAML 1.1 would read as something else, or that break a naive emitter.
std::vector<std::string> awkward_strings() {
  std::vector<std::string> out = {
      "yes", "No", "on", "OFF", "y", "n", "True", "null", "Null", "~", "012", "0x1F", "0b101", "0o17", "1e3",
      "1_000", "190:20:30", "-1", "+12", "1.", ".5", "-.5", "+.5", ".inf", "-.Inf", ".NaN", "2001-12-14",
      "- a", "-", "-a", "a: b", "a:", "a:b", ":", "a #b", "a#b", "#b", "!Ref", "!", "&x", "*x", "{}", "[]",
      "{a", "a}", "[a", "a,b", "a, b", "?", "? x", "%TAG", "@at", "`tick", "|", ">", "<<", "=", "'", "\"",
      "\\", "it's", "say \"hi\"", "a\\nb", "---", "...", "--- x", "\ttab", "in\tside", "tab\t", "line\nbreak",
      "ends\n", "ends twice\n\n", "\nleading newline", "two\n\nparagraphs", "indented\n  second", "crlf\r\nx",
      "trailing space ", " leading space", "double  space", "trail\n  \nspaces", "", " ", "  ", "\n",
      "caf\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "emoji \xF0\x9F\x8E\x89", "\xF0\x9F\x8E\x89",
      "nel\xC2\x85here", "ls\xE2\x80\xA8here", "bom\xEF\xBB\xBFhere", "bell\x07", "del\x7F", "nul" + std::string(1, '\0'),
      "${AWS::Region}", "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q", "$", "/path/to/x", "_under",
      "(paren)", "a=b", "100%", "C:\\dir", "http://x/y?z=1&w=2#frag",
  };
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "word" + std::to_string(i) + (i % 50 == 49 ? "\n" : " ");
  out.push_back(long_text + "end");
  out.push_back(std::string(20000, 'x'));
  return out;
}

// A template with each string as a value, a list item, a key, inside flow sequences and as
// the argument of short-form tags.
ordered_json corpus_document(const std::vector<std::string>& strings) {
  ordered_json resources = ordered_json::object();
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const std::string& s = strings[i];
    ordered_json properties = ordered_json::object();
    properties["Plain"] = s;
    properties["Block"] = ordered_json::array({s, "after"});
    properties["Flow"] = {{"Fn::Join", ordered_json::array({s, ordered_json::array({s, {{"Ref", "AWS::Region"}}})})}};
    properties["Sub"] = {{"Fn::Sub", s}};
    properties["SubList"] = {{"Fn::Sub", ordered_json::array({s, {{"Var", s}}})}};
    properties["Ref"] = {{"Ref", s}};
    properties["Nested"] = ordered_json::array({ordered_json::array({s}), {{"Key", s}, {"Value", s}}});
    if (s.size() < 1000) properties["Keyed"] = {{s, s}};  // implicit keys are limited to 1024 characters
    resources["R" + std::to_string(i)] = {{"Type", "AWS::SNS::Topic"}, {"Properties", properties}};
  }
  ordered_json doc = ordered_json::object();
  doc["AWSTemplateFormatVersion"] = "2010-09-09";
  doc["Description"] = "awkward \"strings\": yes\nsecond line";
  doc["Resources"] = resources;
  return doc;
}

// Numbers, booleans, null, empty containers and intrinsics in every shape.
ordered_json value_document() {
  return ordered_json::parse(R"({
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"Stage": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]}},
    "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
    "Resources": {
      "Values": {"Type": "AWS::SNS::Topic", "Properties": {
        "Int": 0, "Negative": -42, "Big": 9007199254740993, "Float": 1.5, "Tiny": 1e-07, "Huge": 1e+20, "Whole": 3.0,
        "True": true, "False": false, "Null": null, "EmptyList": [], "EmptyMap": {}, "EmptyString": "",
        "ListOfEmpty": [[], {}, ""], "Deep": [[[1, [2, {"a": [3]}]]]]}},
      "Tags": {"Type": "AWS::SNS::Topic", "Properties": {
        "GetAtt": {"Fn::GetAtt": ["Values", "TopicName"]},
        "GetAttList": {"Fn::GetAtt": ["Values", {"Ref": "Stage"}]},
        "Join": {"Fn::Join": [",", [{"Fn::GetAtt": ["Values", "TopicArn"]}, {"Ref": "AWS::AccountId"}]]},
        "If": {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, {"Fn::Sub": "${Stage}-x"}]},
        "Select": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
        "Split": {"Fn::Split": [",", {"Fn::ImportValue": "Shared:Subnets"}]},
        "Base64Sub": {"Fn::Base64": {"Fn::Sub": "#!/bin/bash\necho ${AWS::Region}\n"}},
        "SubBlock": {"Fn::Sub": "line one ${Stage}\nline two\n"},
        "SubBlockList": [{"Fn::Sub": "a\nb ${Stage}"}],
        "SubVars": {"Fn::Sub": ["${A}\n${B}", {"A": {"Ref": "Stage"}, "B": {"Fn::GetAtt": ["Values", "TopicName"]}}]},
        "FindInMap": {"Fn::FindInMap": ["Map", {"Ref": "AWS::Region"}, "Key"]},
        "Cond": {"Fn::Not": [{"Condition": "IsProd"}]},
        "LongJoin": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "/and-more"]]},
        "NonStringArg": {"Fn::Base64": 12}, "NullArg": {"Fn::GetAZs": null}, "BoolArg": {"Fn::Base64": true},
        "RefNumber": {"Ref": 5}, "UnknownFn": {"Fn::Unknown": "x"}, "TwoKeys": {"Ref": "a", "Other": 1},
        "Transform": {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}}}}
    },
    "Outputs": {"Url": {"Value": {"Fn::Sub": "https://${Values}.example.com"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-Url"}}}}
  })");
}

ordered_json read_with_yaml_cpp(const std::string& text) { return parse_template(text, "roundtrip.yaml").document; }

// PyYAML with cfn-lint's tag constructors, through tests/support/yaml_roundtrip.py.
ordered_json read_with_pyyaml(const std::string& text) {
  TempDir dir;
  formwork::testing::write_file(dir.path() / "t.yaml", text);
  auto script = formwork::testing::source_dir() / "tests" / "support" / "yaml_roundtrip.py";
  auto result = formwork::testing::run({"python3", script.string(), (dir.path() / "t.yaml").string()});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return ordered_json::parse(result.out);
}

void check_same(const ordered_json& read, const ordered_json& written, const std::string& reader) {
  INFO("reader: " << reader);
  if (read == written) return;
  // Point at the first resource that differs, so a failure names the string.
  if (written.contains("Resources") && read.contains("Resources"))
    for (const auto& [id, body] : written["Resources"].items()) {
      INFO("resource " << id << " written as " << body.dump().substr(0, 300));
      CHECK(read["Resources"].value(id, ordered_json()) == body);
    }
  CHECK(read == written);
}

}  // namespace

TEST_CASE("reads back every awkward string exactly, with yaml-cpp", "[core][yaml]") {
  auto doc = corpus_document(awkward_strings());
  check_same(read_with_yaml_cpp(to_yaml(doc)), doc, "yaml-cpp");
}

TEST_CASE("reads back every awkward string exactly, with PyYAML as cfn-lint reads YAML 1.1", "[core][yaml][python]") {
  if (!formwork::testing::require_tool("python3")) return;
  auto doc = corpus_document(awkward_strings());
  check_same(read_with_pyyaml(to_yaml(doc)), doc, "PyYAML");
}

TEST_CASE("reads back numbers, booleans, null, empty containers and intrinsics in every shape", "[core][yaml]") {
  auto doc = value_document();
  std::string text = to_yaml(doc);
  check_same(read_with_yaml_cpp(text), doc, "yaml-cpp");
  if (formwork::testing::require_tool("python3")) check_same(read_with_pyyaml(text), doc, "PyYAML");
}

TEST_CASE("writes short-form tags, block style and quotes only where needed", "[core][yaml]") {
  auto doc = ordered_json::parse(R"({
    "AWSTemplateFormatVersion": "2010-09-09",
    "Resources": {
      "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "orders", "DelaySeconds": 5, "FifoQueue": false}},
      "Fn": {"Type": "AWS::Lambda::Function", "DependsOn": ["Queue"], "Properties": {
        "Code": {"ZipFile": "def handler(event, context):\n    return 'yes'\n"},
        "Environment": {"Variables": {"QUEUE": {"Ref": "Queue"}, "ARN": {"Fn::GetAtt": ["Queue", "Arn"]}, "FLAG": "yes"}},
        "Layers": [{"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:1:layer:x:1"}],
        "Runtime": "python3.12"}}
    }})");
  CHECK(to_yaml(doc) == R"(AWSTemplateFormatVersion: "2010-09-09"

Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
      DelaySeconds: 5
      FifoQueue: false

  Fn:
    Type: AWS::Lambda::Function
    DependsOn:
      - Queue
    Properties:
      Code:
        ZipFile: |
          def handler(event, context):
              return 'yes'
      Environment:
        Variables:
          QUEUE: !Ref Queue
          ARN: !GetAtt Queue.Arn
          FLAG: "yes"
      Layers:
        - !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:1:layer:x:1
      Runtime: python3.12
)");
}

TEST_CASE("keeps hostile comment text inside comments", "[core][yaml][comments]") {
  auto doc = value_document();
  YamlOptions options{
      .header = {"Stack X: description with # hash", "two\nlines: injected", "caf\xC3\xA9 \xF0\x9F\x8E\x89",
                 "cr\rreturn", "nel\xC2\x85" "break", "ls\xE2\x80\xA8" "break", "bad utf8 \xFF\xC1\x81 end", ""},
      .resource_comments = {{"Values", "Values: made by\nEvil: !Ref injected\n- item"},
                            {"Tags", "Tags # not: a key \xE2\x80\xA9 PS: x\t\x01"}},
  };
  std::string text = to_yaml(doc, options);
  INFO(text.substr(0, 1500));
  check_same(read_with_yaml_cpp(text), doc, "yaml-cpp");
  if (formwork::testing::require_tool("python3")) check_same(read_with_pyyaml(text), doc, "PyYAML");
  // A comment stays one line whatever its text: line breaks and unreadable characters become spaces.
  CHECK(text.find("# two lines: injected\n") != std::string::npos);
  CHECK(text.find("  # Values: made by Evil: !Ref injected - item\n  Values:") != std::string::npos);
  CHECK(text.find("# caf\xC3\xA9 \xF0\x9F\x8E\x89\n") != std::string::npos);
}

TEST_CASE("writes JSON in long form that reads back as the same document", "[core][yaml][json]") {
  auto doc = corpus_document(awkward_strings());
  std::string json = to_json_text(doc);
  CHECK(json.back() == '\n');
  CHECK(ordered_json::parse(json) == doc);
  CHECK(parse_template(json, "t.json").document == doc);
  CHECK(read_with_yaml_cpp(to_yaml(doc)) == parse_template(json, "t.json").document);
}

TEST_CASE("writes the same bytes for the same document", "[core][yaml][determinism]") {
  auto doc = corpus_document(awkward_strings());
  CHECK(to_yaml(doc) == to_yaml(corpus_document(awkward_strings())));
  CHECK(to_json_text(doc) == to_json_text(corpus_document(awkward_strings())));
}
