// A stack's environment (StackProps::env, AWS CDK's `env`): checked at synthesis, and its
// account and region written as literals where the template would say ${AWS::AccountId}
// and ${AWS::Region}.
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"

using namespace formwork;
using nlohmann::ordered_json;

TEST_CASE("a stack's env is checked: 12-digit account, a region name", "[core][env]") {
  App app;
  app.add<Stack>("Dev", {.env = {.account = "12345678901", .region = "eu-west-2"}});
  app.add<Stack>("Prod", {.env = {.account = "123456789012", .region = "EU-West-2"}});
  app.add<Stack>("Gov", {.env = {.account = "123456789012", .region = "us-gov-west-1"}});
  app.add<Stack>("Iso", {.env = {.region = "us-isob-east-1"}});
  try {
    (void)synthesize(app);
    FAIL("synthesis should have failed");
  } catch (const ValidationError& e) {
    CHECK(std::string(e.what()) ==
          "[Dev] env.account '12345678901' must be a 12-digit AWS account ID\n"
          "[Prod] env.region 'EU-West-2' is not an AWS region name (like us-east-1, eu-west-2, us-gov-west-1)");
  }
}

TEST_CASE("with an env, ${AWS::AccountId} and ${AWS::Region} become its literals, without, they stay",
          "[core][env]") {
  App app;
  auto& pinned = app.add<Stack>("Pinned", {.env = {.account = "123456789012", .region = "eu-west-2"}});
  auto& half = app.add<Stack>("Half", {.env = {.region = "ap-south-1"}});
  auto& agnostic = app.add<Stack>("Agnostic");
  const std::string arn = "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs-${AWS::Region}";

  CHECK(pinned.with_env(arn) == "arn:${AWS::Partition}:sqs:eu-west-2:123456789012:jobs-eu-west-2");
  CHECK(half.with_env(arn) == "arn:${AWS::Partition}:sqs:ap-south-1:${AWS::AccountId}:jobs-ap-south-1");
  CHECK(agnostic.with_env(arn) == arn);
  CHECK(pinned.with_env("${!AWS::Region}") == "${!AWS::Region}");  // an escaped literal stays

  for (Stack* stack : {&pinned, &half, &agnostic}) {
    stack->add<CfnOutput>("Account", {.value = stack->account()});
    stack->add<CfnOutput>("Region", {.value = stack->region()});
  }
  auto assembly = synthesize(app);
  auto output = [&](const std::string& stack, const std::string& name) {
    return assembly.find(stack)->document["Outputs"][name]["Value"];
  };
  CHECK(output("Pinned", "Account") == "123456789012");
  CHECK(output("Pinned", "Region") == "eu-west-2");
  CHECK(output("Half", "Account") == ordered_json({{"Ref", "AWS::AccountId"}}));
  CHECK(output("Half", "Region") == "ap-south-1");
  CHECK(output("Agnostic", "Region") == ordered_json({{"Ref", "AWS::Region"}}));
}
