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
inline const std::vector<std::string> kStacks = {"SqsToLambda",    "SnsToLambda",    "ProxyApi",
                                                 "SquareApi",      "ManyMethods",    "StreamConsumer",
                                                 "UploadPipeline", "EventPipeline", "FunctionFeatures"};

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

constexpr std::string_view kAutoDeleteWhy =
    "CDK's autoDeleteObjects is a custom resource served by one stack-wide provider (role and handler at "
    "Custom::S3AutoDeleteObjectsCustomResourceProvider) that the bucket policy lets empty the bucket; formwork's is "
    "per bucket (AutoDeleteObjects, its handler, and a role whose policy does the same). Keeping CDK's ID would not "
    "help: CloudFormation refuses to change a custom resource's ServiceToken, so the custom resource must be new";
constexpr std::string_view kPerMethodPermissionsWhy =
    "a function behind 10 methods or more of one API gets one permission for the whole API in formwork (a Lambda "
    "resource policy holds 20,480 bytes); CDK makes one per method unless told scopePermissionToMethod: false, "
    "whose API-scoped permission formwork's then matches (API 'Api' of this stack)";

inline const std::vector<KnownDifference> kKnownDifferences = {
    {"UploadPipeline", "cdk", "BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691",
     "AWS::Lambda::Function", kNotificationsWhy},
    {"UploadPipeline", "cdk", "BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC",
     "AWS::IAM::Role", kNotificationsWhy},
    {"UploadPipeline", "cdk", "UploadsNotifications8DBDDF22", "Custom::S3BucketNotifications", kNotificationsWhy},
    {"UploadPipeline", "cdk", "UploadsNotificationsHandlerPolicy4B83D677", "AWS::IAM::Policy", kNotificationsWhy},
    {"UploadPipeline", "cdk", "ObservedNotificationsD8BB1CF7", "Custom::S3BucketNotifications", kNotificationsWhy},
    {"UploadPipeline", "cdk", "ObservedNotificationsHandlerPolicy15C9041D", "AWS::IAM::Policy", kNotificationsWhy},
    {"UploadPipeline", "cdk", "ScratchAutoDeleteObjectsCustomResourceDA7C4F2C", "Custom::S3AutoDeleteObjects",
     kAutoDeleteWhy},
    {"UploadPipeline", "cdk", "CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092", "AWS::IAM::Role",
     kAutoDeleteWhy},
    {"UploadPipeline", "cdk", "CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F",
     "AWS::Lambda::Function", kAutoDeleteWhy},
    {"UploadPipeline", "cdk", "ScratchPolicyCA501E36", "AWS::S3::BucketPolicy", kAutoDeleteWhy},
    {"ManyMethods", "cdk", "LegacyDELETEApiPermissionManyMethodsLegacyC1D67AD3DELETE2B47E9EA", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyGETApiPermissionManyMethodsLegacyC1D67AD3GET0CFD59DB", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyHEADApiPermissionManyMethodsLegacyC1D67AD3HEADBC2C8A7D", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyOPTIONSApiPermissionManyMethodsLegacyC1D67AD3OPTIONS99E073AF", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyPATCHApiPermissionManyMethodsLegacyC1D67AD3PATCH22D3E606", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyPOSTApiPermissionManyMethodsLegacyC1D67AD3POST6A0964D5", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyPUTApiPermissionManyMethodsLegacyC1D67AD3PUT45620DA7", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyitemsGETApiPermissionManyMethodsLegacyC1D67AD3GETitems15DFDB67", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyitemsPOSTApiPermissionManyMethodsLegacyC1D67AD3POSTitemsC6AB5E1B", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "cdk", "LegacyitemsPUTApiPermissionManyMethodsLegacyC1D67AD3PUTitemsF7F8DE99", "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"ManyMethods", "formwork", "LegacyApiPermissionApiScopedManyMethodsOld27D11FA6ManyMethodsLegacyC1D67AD344140804",
     "AWS::Lambda::Permission", kPerMethodPermissionsWhy},
    {"UploadPipeline", "formwork", "ScratchAutoDeleteObjects7FFB4007", "Custom::S3AutoDeleteObjects", kAutoDeleteWhy},
    {"UploadPipeline", "formwork", "ScratchAutoDeleteObjectsHandler0D7901A4", "AWS::Lambda::Function", kAutoDeleteWhy},
    {"UploadPipeline", "formwork", "ScratchAutoDeleteObjectsRole626039BF", "AWS::IAM::Role", kAutoDeleteWhy},
    {"UploadPipeline", "formwork", "ScratchAutoDeleteObjectsRoleDefaultPolicyB2D50F94", "AWS::IAM::Policy",
     kAutoDeleteWhy},
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

  // CDK names an API's Deployment with a hash of the API's whole definition (32 hex digits),
  // which changes with every edit anyway (each edit replaces the Deployment in CDK too); the
  // path part of the ID (`ApiDeploymentB17BE62D`) is the same, formwork's content hash (8 hex
  // digits) is its own. So the content hashes are not compared.
  auto without_content_hash = [](std::map<std::string, std::string>& side, std::size_t digits) {
    std::map<std::string, std::string> renamed;
    for (const auto& [id, type] : side) {
      const bool hashed = type == "AWS::ApiGateway::Deployment" && id.size() > digits &&
                          id.find_first_not_of("0123456789abcdef", id.size() - digits) == std::string::npos;
      renamed[hashed ? id.substr(0, id.size() - digits) + "<content hash>" : id] = type;
    }
    side = std::move(renamed);
  };
  without_content_hash(cdk, 32);
  without_content_hash(ours, 8);

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
