// Shared by the tests of tests/cdk_identity: each builds, in formwork, one stack of cdk_app.js
// with LogicalIdStyle::CdkCompatible and compares its resources (logical ID and type) with the
// ones aws-cdk-lib gave the same tree (cdk_ids.json). A resource that cannot honestly get
// CDK's ID is listed in kKnownDifferences with the reason: the comparison expects exactly
// those differences, so an entry that stops being true fails the test as well.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "constructs/core/app.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/lambda/function.hpp"
#include "tests/support/tools.hpp"

namespace formwork::cdk_identity {

/// Every stack of cdk_app.js; each has a test case that builds it.
inline const std::vector<std::string> kStacks = {"SqsToLambda",    "SnsToLambda",   "ProxyApi",
                                                 "SquareApi",      "StreamConsumer", "UploadPipeline",
                                                 "EventPipeline", "FunctionFeatures"};

/// A resource only one side has, and why.
struct KnownDifference {
  std::string_view stack;
  std::string_view side;  // "cdk" or "formwork"
  std::string_view logical_id;
  std::string_view type;
  std::string_view why;
};

constexpr std::string_view kNotificationsWhy =
    "CDK writes a bucket's notifications with a custom resource (Custom::S3BucketNotifications, its policy) and "
    "a stack-wide handler function and role that call PutBucketNotificationConfiguration at deploy time; formwork "
    "writes the bucket's own NotificationConfiguration, with no function run at deploy time, and the bucket "
    "DependsOn the permission and policies that S3 checks (the children both have do take CDK's IDs)";
constexpr std::string_view kLogRetentionWhy =
    "CDK's logRetention sets the retention of the log group Lambda creates, through a custom resource "
    "(Custom::LogRetention) and a stack-wide function, role and policy; formwork's log_retention_days creates "
    "the log group itself (AWS::Logs::LogGroup, child LogGroup), which CDK writes only for an explicit "
    "logs.LogGroup. Moving such a function from CDK: the group /aws/lambda/<name> already exists, so import "
    "it or let formwork's group take another name";

inline const std::vector<KnownDifference> kKnownDifferences = {
    {"UploadPipeline", "cdk", "BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691",
     "AWS::Lambda::Function", kNotificationsWhy},
    {"UploadPipeline", "cdk", "BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC",
     "AWS::IAM::Role", kNotificationsWhy},
    {"UploadPipeline", "cdk", "UploadsNotifications8DBDDF22", "Custom::S3BucketNotifications", kNotificationsWhy},
    {"UploadPipeline", "cdk", "UploadsNotificationsHandlerPolicy4B83D677", "AWS::IAM::Policy", kNotificationsWhy},
    {"FunctionFeatures", "cdk", "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A", "AWS::Lambda::Function",
     kLogRetentionWhy},
    {"FunctionFeatures", "cdk", "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRole9741ECFB", "AWS::IAM::Role",
     kLogRetentionWhy},
    {"FunctionFeatures", "cdk", "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRoleDefaultPolicyADDA7DEB",
     "AWS::IAM::Policy", kLogRetentionWhy},
    {"FunctionFeatures", "cdk", "LoggedLogRetention637FBD4B", "Custom::LogRetention", kLogRetentionWhy},
    {"FunctionFeatures", "formwork", "LoggedLogGroup8853B50A", "AWS::Logs::LogGroup", kLogRetentionWhy},
};

/// An App that makes CDK's logical IDs.
inline App cdk_app() { return App({.logical_ids = LogicalIdStyle::CdkCompatible}); }

/// The props of cdk_app.js's `fn(scope, id)`: Python 3.12, `index.handler`, inline code `x`.
inline lambda::FunctionProps function_props() {
  return {.runtime = lambda::Runtime::python_3_12(), .handler = "index.handler", .code = lambda::Code::from_inline("x")};
}

inline lambda::Function& function(Construct& scope, const std::string& id) {
  return scope.add<lambda::Function>(id, function_props());
}

inline const nlohmann::json& cdk_ids() {
  static const nlohmann::json ids =
      nlohmann::json::parse(testing::read_file(testing::source_dir() / "tests/cdk_identity/cdk_ids.json"));
  return ids;
}

/// Compares the resources of `stack_name`, synthesized from `app`, with CDK's.
inline void check_stack(App& app, const std::string& stack_name) {
  const nlohmann::json& expected = cdk_ids();
  REQUIRE(expected["stacks"].contains(stack_name));
  const CloudAssembly assembly = synthesize(app);
  const SynthesizedStack* stack = assembly.find(stack_name);
  REQUIRE(stack != nullptr);

  std::map<std::string, std::string> cdk;
  for (const auto& [id, type] : expected["stacks"][stack_name].items()) cdk[id] = type.get<std::string>();
  std::map<std::string, std::string> ours;
  for (const auto& [id, resource] : stack->document["Resources"].items()) ours[id] = resource["Type"].get<std::string>();

  // CDK names an API's Deployment with a hash of the API's whole definition, which changes
  // with every edit anyway (each edit replaces the Deployment in CDK too): the path part of
  // the ID is the same, the content hash is formwork's own.
  for (auto* side : {&cdk, &ours}) {
    for (auto it = side->begin(); it != side->end();) {
      if (it->second == "AWS::ApiGateway::Deployment") {
        CHECK(it->first.rfind("ApiDeploymentB17BE62D", 0) == 0);
        it = side->erase(it);
      } else {
        ++it;
      }
    }
  }

  std::vector<std::string> differences;
  for (const auto& [id, type] : cdk)
    if (ours.count(id) == 0 || ours[id] != type) differences.push_back("cdk " + id + " " + type);
  for (const auto& [id, type] : ours)
    if (cdk.count(id) == 0 || cdk[id] != type) differences.push_back("formwork " + id + " " + type);
  std::vector<std::string> known;
  for (const auto& k : kKnownDifferences)
    if (k.stack == stack_name)
      known.push_back(std::string(k.side) + " " + std::string(k.logical_id) + " " + std::string(k.type));
  std::sort(differences.begin(), differences.end());
  std::sort(known.begin(), known.end());

  std::string report;
  for (const auto& d : differences) report += "\n  only " + d;
  INFO("stack " << stack_name << " (aws-cdk-lib " << expected["aws-cdk-lib"].get<std::string>() << "), "
                << "resources one side has:" << report);
  CHECK(differences == known);
}

}  // namespace formwork::cdk_identity
