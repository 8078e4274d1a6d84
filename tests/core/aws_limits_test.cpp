// CloudFormation's limits on a whole template, checked at synthesis (issue 10), and what a
// synthesis killed mid-way leaves for the next run.
#include <catch2/catch.hpp>

#include <filesystem>

#include <unistd.h>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using formwork::testing::TempDir;

namespace {
std::string synth_error(App& app) {
  try {
    (void)synthesize(app);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("tags over AWS's limits are refused at synthesis with path, value and range", "[core][synthesis][limits]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  Tags::of(stack).add(std::string(129, 'k'), "v");
  Tags::of(stack).add("team", std::string(257, 'v'));
  Tags::of(stack).add("aws:owner", "me");
  const std::string error = synth_error(app);
  CHECK(error.find("[S/Topic] tag key must be 1 to 128 characters, got 129") != std::string::npos);
  CHECK(error.find("[S/Topic] tag 'team' value must be at most 256 characters, got 257") != std::string::npos);
  CHECK(error.find("[S/Topic] tag key 'aws:owner' uses the prefix 'aws:', which AWS reserves") != std::string::npos);

  App many;
  auto& crowded = many.add<Stack>("S");
  crowded.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  for (int i = 0; i < 51; ++i) Tags::of(crowded).add("k" + std::to_string(i), "v");
  CHECK(synth_error(many) == "[S/Topic] has 51 tags; AWS allows at most 50 a resource");
}

TEST_CASE("an IAM resource's tags use IAM's narrower character set, as cfn-lint checks", "[core][synthesis][limits]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("Role", {.type = "AWS::IAM::Role",
                                  .properties = {{"AssumeRolePolicyDocument", Value::map({})},
                                                 {"Tags", Value::list({Value::map({{"Key", "owner"}, {"Value", "a,b"}})})}}});
  // The registry schema's pattern says the same (schema/, issue 13).
  CHECK(synth_error(app) ==
        "[S/Role] tag 'owner=a,b' has characters IAM refuses in tags (allowed: letters, digits, spaces, _ . : / = + - @)\n"
        "[S/Role] AWS::IAM::Role Properties.Tags[0].Value: \"a,b\" does not match the pattern ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$");
}

TEST_CASE("output descriptions, parameter defaults and the template body have CloudFormation's limits", "[core][synthesis][limits]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  stack.add<CfnOutput>("Out", {.value = "x", .description = std::string(1025, 'd')});
  stack.add<CfnParameter>("Param", {.default_value = std::string(4097, 'p')});
  const std::string error = synth_error(app);
  CHECK(error.find("[S/Out] output description must be at most 1024 characters, got 1025") != std::string::npos);
  CHECK(error.find("[S/Param] parameter default must be at most 4096 bytes, got 4097") != std::string::npos);

  App big;
  auto& large = big.add<Stack>("Big");
  for (int i = 0; i < 300; ++i)
    large.add<CfnResource>("Topic" + std::to_string(i),
                           {.type = "AWS::SNS::Topic", .properties = {{"DisplayName", std::string(4000, 'x')}}});
  CHECK(synth_error(big).find("[Big] template body is ") == 0);
  CHECK(synth_error(big).find("bytes, over CloudFormation's 1048576 (1 MB, even through S3)") != std::string::npos);
}

TEST_CASE("synthesis removes temporary files that a killed run left, and names a failed rename's error", "[core][synthesis][leftovers]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  auto assembly = synthesize(app);
  TempDir dir;
  // A run with a PID that cannot exist (over Linux's pid_max) was killed between write and rename.
  formwork::testing::write_file(dir.path() / "S.yaml.tmp-999999999", "half a templ");
  formwork::testing::write_file(dir.path() / "notes.txt", "kept");
  (void)write_templates(assembly, dir.path());
  CHECK(std::filesystem::exists(dir.path() / "S.yaml"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "S.yaml.tmp-999999999"));
  CHECK(std::filesystem::exists(dir.path() / "notes.txt"));

  std::filesystem::create_directories(dir.path() / "blocked" / "S.yaml" / "inside");  // a rename onto a non-empty folder fails
  CHECK_THROWS_WITH(write_templates(assembly, dir.path() / "blocked"),
                    Catch::Contains("cannot write " + (dir.path() / "blocked" / "S.yaml").string() + ": ") &&
                        !Catch::Contains("Success"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "blocked" / ("S.yaml.tmp-" + std::to_string(getpid()))));
}
