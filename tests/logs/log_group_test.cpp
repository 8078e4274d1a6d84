#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/logs/log_group.hpp"

using namespace formwork;

TEST_CASE("a log group keeps its name and retention and is retained by default", "[logs]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<logs::LogGroup>("AppLogs", {.log_group_name = "/app/orders", .retention_days = 14});
  auto doc = synthesize(app).stacks[0].document;
  const auto& group = doc["Resources"]["AppLogs"];
  CHECK(group["Type"] == "AWS::Logs::LogGroup");
  CHECK(group["Properties"]["LogGroupName"] == "/app/orders");
  CHECK(group["Properties"]["RetentionInDays"] == 14);
  CHECK(group["DeletionPolicy"] == "Retain");
  CHECK(group["UpdateReplacePolicy"] == "Retain");
}

TEST_CASE("a log group's retention must be one CloudWatch accepts", "[logs]") {
  for (int days : {0, 2, 366, 3654}) {
    App app;
    auto& stack = app.add<Stack>("S");
    stack.add<logs::LogGroup>("L", {.retention_days = days});
    CHECK_THROWS_WITH(synthesize(app),
                      "[S/L] log retention must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, "
                      "731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days, got " + std::to_string(days));
  }
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<logs::LogGroup>("L", {.retention_days = 3653, .removal_policy = RemovalPolicy::Delete});
  auto doc = synthesize(app).stacks[0].document;
  CHECK(doc["Resources"]["L"]["DeletionPolicy"] == "Delete");
}

TEST_CASE("a log group name with other characters is an error", "[logs]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<logs::LogGroup>("L", {.log_group_name = "bad name"});
  CHECK_THROWS_WITH(synthesize(app),
                    "[S/L] log group name must be 1 to 512 characters of A-Z a-z 0-9 . - _ / #, got 'bad name'");
}
