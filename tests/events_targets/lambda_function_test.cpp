#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events_targets/lambda_function.hpp"
#include "constructs/lambda/function.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using json = nlohmann::ordered_json;

namespace {
lambda::FunctionProps inline_props() { return testing::inline_function_props(); }
}  // namespace

TEST_CASE("a Lambda rule target invokes the function and lets only that rule invoke it", "[events_targets]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Worker", inline_props());
  auto& rule = stack.add<events::Rule>("Timer", {.schedule = events::Schedule::rate(Duration::minutes(5))});
  rule.add_target(events_targets::LambdaFunction(fn, {.event = R"({"source": "timer"})", .retry_attempts = 2}));
  auto assembly = synthesize(app);
  const auto& resources = assembly.stacks[0].document["Resources"];
  CHECK(resources["Timer"]["Properties"]["Targets"] == json::parse(R"([{
    "Arn": {"Fn::GetAtt": ["Worker", "Arn"]}, "Id": "Target0", "Input": "{\"source\": \"timer\"}",
    "RetryPolicy": {"MaximumRetryAttempts": 2}}])"));
  const auto& permission = resources["WorkerAllowEventRuleTimer"];
  CHECK(permission["Type"] == "AWS::Lambda::Permission");
  CHECK(permission["Properties"]["Principal"] == "events.amazonaws.com");
  CHECK(permission["Properties"]["Action"] == "lambda:InvokeFunction");
  CHECK(permission["Properties"]["SourceArn"] == json::parse(R"({"Fn::GetAtt": ["Timer", "Arn"]})"));
  CHECK(assembly.stacks[0].comments.at("WorkerAllowEventRuleTimer").find("Timer") != std::string::npos);
}

TEST_CASE("two targets of one rule on the same function share one permission", "[events_targets]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Worker", inline_props());
  auto& rule = stack.add<events::Rule>("Timer", {.schedule = events::Schedule::cron({.minute = "0", .hour = "6"})});
  rule.add_target(events_targets::LambdaFunction(fn));
  rule.add_target(events_targets::LambdaFunction(fn, {.event = "{}"}));
  auto doc = synthesize(app).stacks[0].document;
  int permissions = 0;
  for (const auto& [id, r] : doc["Resources"].items())
    if (r["Type"] == "AWS::Lambda::Permission") ++permissions;
  CHECK(permissions == 1);
  CHECK(doc["Resources"]["Timer"]["Properties"]["Targets"].size() == 2);
  CHECK(doc["Resources"]["Timer"]["Properties"]["ScheduleExpression"] == "cron(0 6 * * ? *)");
}

TEST_CASE("a target's retry policy outside EventBridge's ranges is reported on the rule", "[events_targets]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Worker", inline_props());
  auto& rule = stack.add<events::Rule>("Timer", {.schedule = events::Schedule::rate(Duration::minutes(5))});
  rule.add_target(events_targets::LambdaFunction(fn, {.max_event_age = Duration::seconds(86401)}));
  CHECK_THROWS_WITH(synthesize(app),
                    Catch::Contains("[S/Timer] Target0 maximum event age must be between 60 and 86400 seconds, got 86401"));
}
