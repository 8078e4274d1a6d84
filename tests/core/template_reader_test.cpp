// Reading templates back: YAML 1.1 scalars, short-form tags, line numbers and errors with
// file:line:column (constructs/core/template_reader.hpp).
#include <catch2/catch.hpp>

#include "constructs/core/errors.hpp"
#include "constructs/core/template_reader.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using nlohmann::ordered_json;

namespace {
ordered_json value_of(const std::string& yaml_scalar) {
  return parse_template("V: " + yaml_scalar + "\n", "t.yaml").document["V"];
}

std::string error_of(const std::string& text, const std::string& path = "t.yaml") {
  try {
    (void)parse_template(text, path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("resolves plain scalars as YAML 1.1 does", "[core][reader]") {
  CHECK(value_of("yes") == true);
  CHECK(value_of("No") == false);
  CHECK(value_of("on") == true);
  CHECK(value_of("OFF") == false);
  CHECK(value_of("true") == true);
  CHECK(value_of("~").is_null());
  CHECK(value_of("null").is_null());
  CHECK(value_of("").is_null());
  CHECK(value_of("012") == 10);
  CHECK(value_of("0x1F") == 31);
  CHECK(value_of("0b101") == 5);
  CHECK(value_of("-42") == -42);
  CHECK(value_of("1_000") == 1000);
  CHECK(value_of("190:20:30") == 685230);
  CHECK(value_of("1.5") == 1.5);
  CHECK(value_of("1.0e+3") == 1000.0);
  CHECK(value_of(".inf") == std::numeric_limits<double>::infinity());
  CHECK(value_of("-.Inf") == -std::numeric_limits<double>::infinity());
  // Not numbers or booleans in YAML 1.1:
  CHECK(value_of("1e3") == "1e3");
  CHECK(value_of("y") == "y");
  CHECK(value_of("0o17") == "0o17");
  CHECK(value_of("2001-12-14") == "2001-12-14");
  // Quoted scalars are always strings.
  CHECK(value_of("\"yes\"") == "yes");
  CHECK(value_of("'012'") == "012");
  CHECK(value_of("''") == "");
}

TEST_CASE("reads short-form tags into the long form", "[core][reader]") {
  auto doc = parse_template(R"(Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      A: !Ref Queue
      B: !GetAtt Queue.Arn
      C: !GetAtt [Queue, Arn]
      D: !Sub "${AWS::Region}-x"
      E: !Join [",", [!Ref A, b]]
      F: !If [IsProd, !Ref AWS::NoValue, 1]
      G: !Not [!Condition IsProd]
      H: !Select [0, !GetAZs ""]
      I: !Base64
        Fn::Sub: |
          echo ${AWS::Region}
      J: !Sub
        - ${A}
        - A: !Ref Queue
      K: !Ref yes
      L: !GetAtt Fn.Outputs.Value
)", "t.yaml").document;
  CHECK(doc["Resources"]["Fn"]["Properties"] == ordered_json::parse(R"({
    "A": {"Ref": "Queue"},
    "B": {"Fn::GetAtt": ["Queue", "Arn"]},
    "C": {"Fn::GetAtt": ["Queue", "Arn"]},
    "D": {"Fn::Sub": "${AWS::Region}-x"},
    "E": {"Fn::Join": [",", [{"Ref": "A"}, "b"]]},
    "F": {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, 1]},
    "G": {"Fn::Not": [{"Condition": "IsProd"}]},
    "H": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
    "I": {"Fn::Base64": {"Fn::Sub": "echo ${AWS::Region}\n"}},
    "J": {"Fn::Sub": ["${A}", {"A": {"Ref": "Queue"}}]},
    "K": {"Ref": "yes"},
    "L": {"Fn::GetAtt": ["Fn", "Outputs.Value"]}})"));
}

TEST_CASE("gives the line each value starts on, or its nearest ancestor's", "[core][reader]") {
  auto file = parse_template(R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: 5
      Tags:
        - Key: a/b
          Value: x
)", "t.yaml");
  CHECK(file.line_of("/Resources") == 3);  // a mapping value starts at its first key
  CHECK(file.line_of("/Resources/Queue") == 4);  // a mapping starts at its first key
  CHECK(file.line_of("/Resources/Queue/Properties/DelaySeconds") == 6);
  CHECK(file.line_of("/Resources/Queue/Properties/Tags/0/Value") == 9);
  CHECK(file.line_of("/Resources/Queue/Properties/Missing/Deeper") == 6);
  CHECK(file.path == "t.yaml");
  CHECK(json_pointer_escape("a/b~c") == "a~1b~0c");
}

TEST_CASE("reads JSON templates with exact JSON semantics and line numbers", "[core][reader]") {
  auto file = parse_template("{\n  \"Resources\": {\n    \"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"A\": \"yes\", \"B\": 12.5}}\n  }\n}\n",
                             "t.json");
  CHECK(file.document["Resources"]["Q"]["Properties"]["A"] == "yes");
  CHECK(file.line_of("/Resources/Q") == 3);
  CHECK(error_of("{\n  \"Resources\": {,\n}", "t.json").rfind("t.json:2:17: invalid JSON: ", 0) == 0);
}

TEST_CASE("refuses duplicate keys, naming file, line and column", "[core][reader]") {
  CHECK(error_of("Resources:\n  Queue:\n    Type: A\n  Queue:\n    Type: B\n") ==
        "t.yaml:4:3: duplicate key 'Queue'");
}

TEST_CASE("refuses malformed input with file:line:column and never crashes", "[core][reader]") {
  CHECK(error_of("Resources:\n  Queue: [a, b\n").rfind("t.yaml:", 0) == 0);
  CHECK(error_of("A: b: c\n") == "t.yaml:1:5: invalid YAML: illegal map value");
  CHECK(error_of("A:\n\tB: 1\n") == "t.yaml:2:3: invalid YAML: illegal map value");
  CHECK(error_of("- a\n- b\n") == "t.yaml:1:1: a CloudFormation template must be a mapping at the top level");
  CHECK(error_of("just text") == "t.yaml:1:1: a CloudFormation template must be a mapping at the top level");
  CHECK(error_of("") == "t.yaml:1:1: a CloudFormation template must be a mapping at the top level");
  CHECK(error_of("A: !GetAtt NoDot\n") == "t.yaml:1:4: !GetAtt needs LogicalId.Attribute, got 'NoDot'");
  CHECK(error_of("? [a, b]\n: c\n") == "t.yaml:1:3: mapping keys must be scalars");
  CHECK(error_of("A: \"bad \\q escape\"\n").rfind("t.yaml:1:", 0) == 0);
  try {
    (void)read_template("/nonexistent/dir/missing.yaml");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "/nonexistent/dir/missing.yaml: no such file");
    CHECK(e.line() == 0);
  }
}

TEST_CASE("reads a template file from disk", "[core][reader]") {
  formwork::testing::TempDir dir;
  formwork::testing::write_file(dir.path() / "x.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
  auto file = read_template((dir.path() / "x.yaml").string());
  CHECK(file.document["Resources"]["Q"]["Type"] == "AWS::SQS::Queue");
  CHECK(file.path == (dir.path() / "x.yaml").string());
}
