// `formwork import`: the C++ written for a small template, to the character; a template that
// cannot be imported is one line with file:line, exit 2, and nothing written.
#include <catch2/catch.hpp>

#include <filesystem>

#include "import/import.hpp"
#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

namespace {

formwork::process::RunResult formwork_import(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {formwork_bin(), "import"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

constexpr const char* kSmall = R"(AWSTemplateFormatVersion: "2010-09-09"
Description: Jobs and their dead letters
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  # Where failed jobs end up
  DeadLetters:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      MessageRetentionPeriod: 1209600
  jobs:
    Type: AWS::SQS::Queue
    Condition: IsProd
    DependsOn: Topic
    Properties:
      QueueName: !Sub "${AWS::StackName}-jobs"
      VisibilityTimeout: "60"
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DeadLetters.Arn
        maxReceiveCount: 3
      Tags:
        - Key: stage
          Value: !Ref Stage
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !If [IsProd, Jobs, !Ref AWS::NoValue]
      Shiny: true
  Notifier:
    Type: Custom::Notifier
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:notify
      Queues: [!Ref DeadLetters]
Outputs:
  DeadLettersUrl:
    Value: !Ref DeadLetters
    Export:
      Name: !Sub "${AWS::StackName}-dlq"
)";

// What import writes for kSmall: the parameter, the condition, typed queues and topic with
// tokens, the comment above DeadLetters, overrides for what the members cannot hold (the string
// "60" for an integer, the unknown Shiny), a generic CfnResource for the custom type.
constexpr const char* kSmallCode = R"~(// The stack Small, imported by `formwork import` from small.yaml: one construct a
// statement, the template's logical IDs kept.
#include "app_stack.hpp"

#include "constructs/cfn/sns.generated.hpp"
#include "constructs/cfn/sqs.generated.hpp"

using namespace formwork;

AppStack::AppStack(Construct& scope, std::string_view id, const StackProps& props) : Stack(scope, id, props) {
  auto& stage = add<CfnParameter>("Stage", {.default_value = "dev", .allowed_values = {"dev", "prod"}});

  auto& is_prod = add<CfnCondition>("IsProd", {.expression = Value::equals(stage.value(), "prod")});

  // Where failed jobs end up
  auto& dead_letters = add<cfn::sqs::Queue>("DeadLetters", {.message_retention_period = 1209600});
  dead_letters.apply_removal_policy(RemovalPolicy::Retain);

  auto& topic = add<cfn::sns::Topic>("Topic", {
      .display_name = Value::if_(is_prod, "Jobs", Value::aws_no_value()),
  });
  topic.add_property_override("Shiny", Value(true));

  auto& jobs = add<cfn::sqs::Queue>("jobs", {
      .queue_name = Value::sub("${AWS::StackName}-jobs"),
      .redrive_policy = Value::map({{"deadLetterTargetArn", dead_letters.attr_arn()}, {"maxReceiveCount", 3}}),
      .tags = {{.key = "stage", .value = stage.value()}},
  });
  jobs.override_logical_id("jobs");
  jobs.add_property_override("VisibilityTimeout", Value("60"));
  jobs.set_condition(is_prod);
  jobs.add_depends_on(topic);

  add<CfnResource>("Notifier", {.type = "Custom::Notifier", .properties = {
      {"ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:notify"},
      {"Queues", Value::list({dead_letters.ref()})},
  }});

  add<CfnOutput>("DeadLettersUrl", {
      .value = dead_letters.ref(),
      .export_name = Value::sub("${AWS::StackName}-dlq"),
  });
}
)~";

}  // namespace

TEST_CASE("import writes one typed construct a statement, tokens for intrinsics and overrides for the rest",
          "[import]") {
  const auto file = formwork::parse_template(kSmall, "small.yaml");
  std::vector<std::string> warnings;
  const auto code = formwork::importer::stack_source(file, kSmall, {.stack_id = "Small"}, &warnings);
  CHECK(code == kSmallCode);
  // AND without comments, the same code less the comment line
  std::string without = kSmallCode;
  without.erase(without.find("  // Where failed jobs end up\n"), std::string("  // Where failed jobs end up\n").size());
  CHECK(formwork::importer::stack_source(file, kSmall, {.stack_id = "Small", .comments = false}) == without);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].rfind("small.yaml:34: [Topic] AWS::SNS::Topic Properties.Shiny: unknown property, the schema allows "
                          "ArchivePolicy,", 0) == 0);
}

TEST_CASE("import warns about a logical ID two sections share, which synthesis refuses", "[import]") {
  const char* text = "Conditions:\n  Queue: !Equals [a, b]\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
                     "Outputs:\n  Queue:\n    Value: !Ref Queue\n";
  std::vector<std::string> warnings;
  const auto code = formwork::importer::stack_source(formwork::parse_template(text, "t.yaml"), text, {.stack_id = "T"},
                                                     &warnings);
  CHECK(warnings == std::vector<std::string>{
                        "t.yaml:2: logical ID 'Queue' is in Resources and Conditions: synthesis refuses two elements "
                        "with one logical ID (rename one)",
                        "t.yaml:8: logical ID 'Queue' is in Resources and Outputs: synthesis refuses two elements "
                        "with one logical ID (rename one)"});
  // the construct ids stay unique, and each element keeps its logical ID
  CHECK(code.find("add<CfnCondition>(\"QueueCondition\"") != std::string::npos);
  CHECK(code.find("add<CfnOutput>(\"QueueOutput\", {.value = queue.ref()}).override_logical_id(\"Queue\");") !=
        std::string::npos);
}

TEST_CASE("import refuses malformed YAML with file:line, exit 2, and writes nothing", "[import]") {
  TempDir temp;
  const fs::path bad = temp.path() / "bad.yaml";
  write_file(bad, "Resources:\n  Queue:\n    Type: [AWS::SQS::Queue\n");
  auto result = formwork_import({bad.string(), "-o", (temp.path() / "out").string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.rfind("error: " + bad.string() + ":", 0) == 0);
  CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(temp.path() / "out"));
}

TEST_CASE("import refuses resources that refer to each other in a cycle, and a resource without a Type",
          "[import]") {
  TempDir temp;
  const fs::path cycle = temp.path() / "cycle.yaml";
  write_file(cycle, "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: B\n"
                    "  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt A.QueueName\n");
  auto result = formwork_import({cycle.string(), "-o", (temp.path() / "out").string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "error: " + cycle.string() +
                          ":3: Resources refer to each other in a cycle: A, B; CloudFormation refuses such a template, "
                          "and C++ cannot declare them in any order\n");
  CHECK_FALSE(fs::exists(temp.path() / "out"));

  const fs::path untyped = temp.path() / "untyped.json";
  write_file(untyped, "{\n  \"Resources\": {\n    \"A\": {\n      \"Properties\": {}\n    }\n  }\n}\n");
  result = formwork_import({untyped.string(), "-o", (temp.path() / "out").string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "error: " + untyped.string() + ":3: resource A needs a Type that is a string, like AWS::SQS::Queue\n");
  CHECK_FALSE(fs::exists(temp.path() / "out"));
}

TEST_CASE("import writes into a new or empty folder only", "[import]") {
  TempDir temp;
  const fs::path source = temp.path() / "small.yaml";
  write_file(source, kSmall);
  // GIVEN a folder with a file in it: refused, the file left alone
  write_file(temp.path() / "full" / "keep.txt", "mine");
  auto refused = formwork_import({source.string(), "-o", (temp.path() / "full").string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err == "error: " + (temp.path() / "full").string() +
                           " already exists and is not an empty folder; import writes only into a new or empty "
                           "folder (FolderNotEmpty)\n");
  CHECK(read_file(temp.path() / "full" / "keep.txt") == "mine");
  // AND an empty folder, or none: the project of `formwork init`, with the imported stack
  fs::create_directories(temp.path() / "empty");
  for (const char* dir : {"empty", "new"}) {
    auto result = formwork_import({source.string(), "-o", (temp.path() / dir).string()});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    for (const char* f : {"formwork.json", "CMakeLists.txt", "main.cpp", "app_stack.hpp", "app_stack.cpp",
                          "test/app_stack_test.cpp", ".gitignore", "README.md"})
      CHECK(fs::exists(temp.path() / dir / f));
    CHECK(read_file(temp.path() / dir / "main.cpp").find("app.add<AppStack>(\"Small\", {.description = \"Jobs and their dead letters\"});") !=
          std::string::npos);
  }
  CHECK_FALSE(fs::exists(temp.path() / ".new.formwork-import"));
  // AND a missing template is one line
  auto missing = formwork_import({(temp.path() / "nope.yaml").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "error: " + (temp.path() / "nope.yaml").string() + ": no such file\n");
}
