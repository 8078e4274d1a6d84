// A stack that uses every Function prop of issue 14 at once, with a layer, a version, an alias
// with async configuration and function URLs: cfn-lint on its template, and a deploy to moto.
#include <map>
#include <optional>

#include <catch2/catch.hpp>

#include "constructs/lambda/alias.hpp"
#include "constructs/lambda/layer_version.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/lambda/version.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"
#include "tests/support/moto_stack.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;

namespace {

// The destination outlives synthesis: the alias keeps a pointer to it.
SynthesizedStack synth_full_function(App& app, std::optional<lambda::SqsDestination>& on_failure) {
  auto& stack = app.add<Stack>("FullFunction");
  on_failure.emplace(stack.add<sqs::Queue>("Failures"));
  auto& deps =
      stack.add<lambda::LayerVersion>("Deps", {.code = lambda::Code::from_asset("examples/handlers/simple_func"),
                                               .compatible_runtimes = {lambda::Runtime::python_3_12()},
                                               .compatible_architectures = {lambda::Architecture::arm64()},
                                               .description = "shared code",
                                               .license = "MIT"});
  auto& fn = stack.add<lambda::Function>(
      "Api", {.runtime = lambda::Runtime::python_3_12(),
              .handler = "index.handler",
              .code = lambda::Code::from_asset("examples/handlers/simple_func"),
              .environment = {{"STAGE", "dev"}},
              .reserved_concurrent_executions = 10,
              .architecture = lambda::Architecture::arm64(),
              .tracing = lambda::Tracing::Active,
              .ephemeral_storage_mb = 1024,
              .environment_encryption = Value::sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/"
                                                   "1234abcd-12ab-34cd-56ef-1234567890ab"),
              .layers = {&deps},
              .initial_policy = {
                  {.actions = {"s3:GetObject"}, .resources = {Value::sub("arn:${AWS::Partition}:s3:::docs/*")}}}});
  fn.add_function_url({.auth_type = lambda::FunctionUrlAuthType::None,
                       .cors = lambda::FunctionUrlCors{.allowed_origins = {"https://example.com"},
                                                       .allowed_methods = {lambda::HttpMethod::Get}}});
  auto& v1 = stack.add<lambda::Version>("ApiV1", {.function = fn, .description = "first release"});
  auto& live = stack.add<lambda::Alias>("Live", {.alias_name = "live",
                                                 .version = v1,
                                                 .retry_attempts = 0,
                                                 .max_event_age = Duration::minutes(10),
                                                 .on_failure = &*on_failure});
  live.add_function_url({.auth_type = lambda::FunctionUrlAuthType::AwsIam});
  return synthesize(app).stacks.at(0);
}

}  // namespace

TEST_CASE("a function with every prop, a layer, a version, an alias and URLs passes cfn-lint and formwork lint", "[lambda][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  App app;
  std::optional<lambda::SqsDestination> on_failure;
  auto stack = synth_full_function(app, on_failure);
  auto result = testing::cfn_lint(stack);
  INFO(stack.document.dump(1) << result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  auto ours = testing::formwork_lint(stack);
  INFO(ours.out << ours.err);
  CHECK(ours.exit_code == 0);
}

TEST_CASE("a function with a layer and a version deploys to moto, the alias and URLs are only recorded",
          "[lambda][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server")) return;
  App app;
  std::optional<lambda::SqsDestination> on_failure;
  auto stack = synth_full_function(app, on_failure);
  testing::MotoServer moto;
  testing::upload_assets(moto, stack, "assets");
  testing::deploy(moto, stack, {"AssetsBucket=assets"});
  std::map<std::string, std::string> physical;
  auto listed = testing::aws_json(moto, {"cloudformation", "list-stack-resources", "--stack-name", stack.name});
  for (const auto& summary : listed["StackResourceSummaries"]) {
    CHECK(summary["ResourceStatus"] == "CREATE_COMPLETE");
    if (!summary.value("LogicalResourceId", "").empty())
      physical[summary["LogicalResourceId"].get<std::string>()] = summary.value("PhysicalResourceId", "");
  }
  for (const char* id : {"Deps", "Api", "ApiV1", "ApiServiceRole", "ApiServiceRoleDefaultPolicy"}) {
    INFO(id);
    CHECK(physical.count(id) == 1);
  }
  // moto keeps none of Architectures, TracingConfig, EphemeralStorage and Layers of a function
  // it creates from a template (it reports x86_64, PassThrough, 512 MB and no layer), so those
  // are checked in the template; here, that the layer and the version exist.
  auto layers = testing::aws_json(moto, {"lambda", "list-layers"});
  INFO(layers.dump());
  REQUIRE(layers["Layers"].size() == 1);
  auto versions =
      testing::aws_json(moto, {"lambda", "list-versions-by-function", "--function-name", physical.at("Api")});
  INFO(versions.dump());
  CHECK(versions["Versions"].size() == 2);  // $LATEST and 1
}
