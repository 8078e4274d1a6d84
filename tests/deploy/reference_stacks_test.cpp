// End to end: the four reference stacks deployed to moto_server with the real formwork
// program, checked with the AWS CLI, changed, deployed again, and destroyed.

#include <filesystem>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "deploy/asset_publisher.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/reference_stacks.hpp"
#include "tests/deploy/deploy_support.hpp"

using namespace formwork;
using namespace formwork::testing;

namespace {

constexpr const char* kAssetsBucket = "formwork-assets-123456789012-us-east-1";

/// Runs the real formwork program from the repository root (asset paths are relative to it).
process::RunResult formwork_program(const MotoServer& moto, std::vector<std::string> args) {
  args.insert(args.begin(), formwork_bin());
  auto environment = moto.environment();
  environment["AWS_SECRET_ACCESS_KEY"] = kTestSecret;
  return run(args, {.environment = environment, .working_directory = source_dir().string()});
}

/// Checks each deployed resource of a stack that moto_server really creates, by its physical ID.
void check_resources(const MotoServer& moto, const SynthesizedStack& stack) {
  auto listed = moto.aws({"cloudformation", "list-stack-resources", "--stack-name", stack.name, "--output", "json"});
  REQUIRE(listed.exit_code == 0);
  auto summaries = nlohmann::json::parse(listed.out)["StackResourceSummaries"];
  CHECK(summaries.size() == stack.document["Resources"].size());
  for (const auto& resource : summaries) {
    std::string type = resource["ResourceType"];
    std::string id = resource.value("PhysicalResourceId", "");
    INFO(stack.name << " " << resource["LogicalResourceId"] << " " << type << " " << id);
    if (type == "AWS::Lambda::Function")
      CHECK(moto.aws({"lambda", "get-function", "--function-name", id}).exit_code == 0);
    else if (type == "AWS::SQS::Queue")
      CHECK(moto.aws({"sqs", "get-queue-attributes", "--queue-url", id}).exit_code == 0);
    else if (type == "AWS::SNS::Topic")
      CHECK(moto.aws({"sns", "get-topic-attributes", "--topic-arn", id}).exit_code == 0);
    else if (type == "AWS::ApiGateway::RestApi")
      CHECK(moto.aws({"apigateway", "get-rest-api", "--rest-api-id", id}).exit_code == 0);
    else if (type == "AWS::IAM::Role")
      CHECK(moto.aws({"iam", "get-role", "--role-name", id}).exit_code == 0);
  }
}

/// The function of `stack` whose code is a directory asset, or nullptr.
CfnResource* asset_function(const SynthesizedStack& stack) {
  for (const auto& asset : deploy::find_assets(stack.document)) {
    auto path = stack.construct_paths.find(asset.logical_id);
    if (path == stack.construct_paths.end()) continue;
    if (auto* found = dynamic_cast<CfnResource*>(stack.stack->node().try_find_path(path->second))) return found;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("deploys the four reference stacks, redeploys a changed construct, and destroys them", "[deploy][e2e]") {
  App app;
  stacks::add_reference_stacks(app);
  if (app.stacks().empty()) {
    WARN("skipped: stacks::add_reference_stacks adds no stacks yet");
    return;
  }
  if (!require_tool("aws") || !require_tool("moto_server")) return;
  std::filesystem::current_path(source_dir());  // asset paths are relative to the repository root
  MotoServer moto;
  use_moto_environment(moto);
  auto assembly = synthesize(app);
  std::vector<std::string> names;
  for (const auto& stack : assembly.stacks) names.push_back(stack.name);

  // WHEN every stack is deployed with the formwork program
  auto deployed = formwork_program(moto, {"deploy", "--endpoint-url", moto.endpoint()});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);
  CHECK_FALSE(contains(deployed.out + deployed.err, kTestSecret));

  // THEN each stack is complete, with its resources, and its code assets are in the bucket
  bool any_asset = false;
  for (const auto& stack : assembly.stacks) {
    CHECK(contains(deployed.out, stack.name + ": deployed in "));
    auto status = moto.aws({"cloudformation", "describe-stacks", "--stack-name", stack.name, "--query",
                            "Stacks[0].StackStatus", "--output", "text"});
    CHECK(status.out == "CREATE_COMPLETE\n");
    check_resources(moto, stack);
    for (const auto& asset : deploy::find_assets(stack.document)) {
      any_asset = true;
      CHECK(moto.aws({"s3api", "head-object", "--bucket", kAssetsBucket, "--key", asset.hash + ".zip"}).exit_code ==
            0);
    }
  }
  CHECK(any_asset);

  // WHEN a construct property changes (the memory of a function with asset code) and the
  // stack is deployed again, in process
  const SynthesizedStack* changed_stack = nullptr;
  CfnResource* function = nullptr;
  for (const auto& stack : assembly.stacks)
    if (!function && (function = asset_function(stack)) != nullptr) changed_stack = &stack;
  REQUIRE(function != nullptr);
  function->set_property("MemorySize", 1024);
  auto again = run_formwork(app, {"deploy", changed_stack->name, "--endpoint-url", moto.endpoint()});
  INFO(again.out << again.err);
  REQUIRE(again.exit_code == 0);

  // THEN the deployed function has the new memory size
  std::string logical_id = changed_stack->stack->logical_id(*function);
  auto physical = moto.aws({"cloudformation", "describe-stack-resource", "--stack-name", changed_stack->name,
                            "--logical-resource-id", logical_id, "--query",
                            "StackResourceDetail.PhysicalResourceId", "--output", "text"});
  std::string function_name = physical.out.substr(0, physical.out.find('\n'));
  auto configuration = moto.aws({"lambda", "get-function-configuration", "--function-name", function_name,
                                 "--query", "MemorySize", "--output", "text"});
  CHECK(configuration.out == "1024\n");

  // WHEN all are destroyed with the formwork program
  std::vector<std::string> destroy{"destroy"};
  destroy.insert(destroy.end(), names.begin(), names.end());
  destroy.insert(destroy.end(), {"--yes", "--endpoint-url", moto.endpoint()});
  auto destroyed = formwork_program(moto, destroy);
  INFO(destroyed.out << destroyed.err);
  REQUIRE(destroyed.exit_code == 0);

  // THEN they are gone
  for (const auto& name : names) {
    CHECK(contains(destroyed.out, name + ": deleted in "));
    auto gone = moto.aws({"cloudformation", "describe-stacks", "--stack-name", name});
    CHECK(gone.exit_code != 0);
    CHECK(contains(gone.err, "does not exist"));
  }
}
