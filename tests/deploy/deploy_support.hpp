#pragma once

// What the deploy tests share (header-only: the test glob builds only *_test.cpp): an in-process `formwork` run with its output captured, the
// AWS environment that points the CLI at a MotoServer, and a small two-stack test app.

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "tests/support/tools.hpp"
#include "bin/cli/cli.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/iam/policy_statement.hpp"
#include "tests/support/cli_runner.hpp"

namespace formwork::testing {

/// A secret that must never show in anything formwork prints (moto accepts any).
inline constexpr const char* kTestSecret = "formwork-test-secret-0a1b2c3d4e5f";

/// Two stacks: DeployBase (a dead-letter queue, a topic, a role, a function with inline code,
/// a parameter `Note`, outputs) and DeployConsumer (a queue), which depends on DeployBase.
/// The dependency is declared, not made by a cross-stack reference: moto_server keeps no outputs or exports for stacks made through
/// change sets (what `aws cloudformation deploy` uses), so an `!ImportValue` would fail there.
struct TestApp {
  std::unique_ptr<App> app;
  CfnResource* dead_letters = nullptr;
  CfnResource* work_queue = nullptr;
  CfnResource* function = nullptr;
};


/// Points this process's environment (which the `aws` calls inherit) at `moto`.
inline void use_moto_environment(const MotoServer& moto) {
  for (const auto& [name, value] : moto.environment()) setenv(name.c_str(), value.c_str(), 1);
  setenv("AWS_SECRET_ACCESS_KEY", kTestSecret, 1);
  for (const char* name : {"AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"}) unsetenv(name);
}


inline TestApp make_test_app() {
  TestApp t;
  t.app = std::make_unique<App>();
  auto& base = t.app->add<Stack>("DeployBase", {.description = "formwork deploy test: base"});
  auto& note = base.add<CfnParameter>("Note", {.default_value = Value("none")});
  auto& dlq = base.add<CfnResource>("DeadLetters", {.type = "AWS::SQS::Queue",
                                                    .properties = {{"QueueName", "formwork-test-dead-letters"}}});
  base.add<CfnResource>("Alerts", {.type = "AWS::SNS::Topic", .properties = {{"TopicName", "formwork-test-alerts"}}});
  auto& role = base.add<CfnResource>(
      "HandlerRole",
      {.type = "AWS::IAM::Role",
       .properties = {{"AssumeRolePolicyDocument", iam::policy_document({{.actions = {"sts:AssumeRole"},
                                                                          .principals = {iam::Principal::service(
                                                                              "lambda.amazonaws.com")}}})}}});
  auto& function = base.add<CfnResource>(
      "Handler", {.type = "AWS::Lambda::Function",
                  .properties = {{"Code", Value::map({{"ZipFile", "def handler(event, context):\n    return event\n"}})},
                                 {"FunctionName", "formwork-test-handler"},
                                 {"Handler", "index.handler"},
                                 {"MemorySize", 256},
                                 {"Role", role.get_att("Arn")},
                                 {"Runtime", "python3.12"}}});
  base.add<CfnOutput>("DeadLettersUrl", {.value = dlq.ref()});
  base.add<CfnOutput>("NoteValue", {.value = note.value()});

  auto& consumer = t.app->add<Stack>("DeployConsumer", {.description = "formwork deploy test: consumer"});
  auto& work = consumer.add<CfnResource>(
      "Work", {.type = "AWS::SQS::Queue",
               .properties = {{"QueueName", "formwork-test-work"},
                              {"VisibilityTimeout", 30}}});
  consumer.add<CfnOutput>("WorkUrl", {.value = work.ref()});
  consumer.add_dependency(base);
  t.dead_letters = &dlq;
  t.work_queue = &work;
  t.function = &function;
  return t;
}

/// Removes the folder a dry run keeps (`# templates and zips are in DIR`), so tests leave no litter.
inline void remove_kept_folder(const std::string& dry_run_output) {
  const std::string marker = "# templates and zips are in ";
  auto at = dry_run_output.find(marker);
  if (at == std::string::npos) return;
  at += marker.size();
  std::filesystem::path folder = dry_run_output.substr(at, dry_run_output.find('\n', at) - at);
  if (folder.filename().string().starts_with("formwork-deploy-")) std::filesystem::remove_all(folder);
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace formwork::testing
