#include "tests/support/moto_stack.hpp"

#include <set>

#include <catch2/catch.hpp>

#include "constructs/core/asset.hpp"

namespace formwork::testing {
namespace fs = std::filesystem;
using json = nlohmann::json;

json resources_of(const SynthesizedStack& stack) { return json::parse(stack.document.dump())["Resources"]; }

json run_python_handler(const MotoServer& moto, const std::string& folder, const json& event,
                        std::map<std::string, std::string> environment, std::string* log) {
  auto env = moto.environment();
  env.merge(environment);
  env["AWS_ENDPOINT_URL"] = moto.endpoint();
  auto result = run({"python3", "-c",
                     "import json, sys\nsys.path.insert(0, sys.argv[1])\nimport index\n"
                     "answer = index.handler(json.load(sys.stdin), None)\nprint('RESULT ' + json.dumps(answer))\n",
                     (source_dir() / "examples/handlers" / folder).string()},
                    {.environment = env, .input = event.dump()});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  auto at = result.out.rfind("RESULT ");
  REQUIRE(at != std::string::npos);
  if (log != nullptr) *log = result.out.substr(0, at);
  return json::parse(result.out.substr(at + 7));
}

json aws_json(const MotoServer& moto, std::vector<std::string> args) {
  args.insert(args.end(), {"--output", "json"});
  auto result = moto.aws(args);
  INFO("aws " << args.front() << " " << args.at(1) << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

fs::path write_template(const TempDir& directory, const SynthesizedStack& stack) {
  fs::path file = directory.path() / (stack.name + ".yaml");
  write_file(file, render(stack));
  return file;
}

process::RunResult cfn_lint(const SynthesizedStack& stack) {
  TempDir dir;
  return run({"cfn-lint", write_template(dir, stack).string()});
}

process::RunResult formwork_lint(const SynthesizedStack& stack) {
  TempDir dir;
  return run({formwork_bin(), "lint", write_template(dir, stack).string()});
}

std::string check_lint_clean(const SynthesizedStack& stack) {
  auto result = cfn_lint(stack);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  auto own = formwork_lint(stack);
  INFO(own.out << own.err);
  CHECK(own.exit_code == 0);
  return own.out;
}

void upload_assets(const MotoServer& moto, const SynthesizedStack& stack, const std::string& bucket) {
  REQUIRE(moto.aws({"s3", "mb", "s3://" + bucket}).exit_code == 0);
  TempDir dir;
  int uploaded = 0;
  const json resources = resources_of(stack);
  for (const auto& [id, resource] : resources.items()) {
    if (!resource.contains("Metadata") || !resource["Metadata"].contains("formwork:asset")) continue;
    const json& asset = resource["Metadata"]["formwork:asset"];
    const std::string key = asset["hash"].get<std::string>() + ".zip";
    fs::path zip = dir.path() / key;
    write_file(zip, assets::zip_directory(asset["path"].get<std::string>()));
    auto upload = moto.aws({"s3", "cp", zip.string(), "s3://" + bucket + "/" + key});
    INFO(id << ": " << upload.err);
    REQUIRE(upload.exit_code == 0);
    ++uploaded;
  }
  REQUIRE(uploaded > 0);
}

void deploy(const MotoServer& moto, const SynthesizedStack& stack, std::vector<std::string> parameter_overrides) {
  TempDir dir;
  std::vector<std::string> args = {"cloudformation", "deploy", "--template-file", write_template(dir, stack).string(),
                                   "--stack-name", stack.name, "--capabilities", "CAPABILITY_IAM",
                                   "CAPABILITY_NAMED_IAM"};
  if (!parameter_overrides.empty()) {
    args.emplace_back("--parameter-overrides");
    args.insert(args.end(), parameter_overrides.begin(), parameter_overrides.end());
  }
  auto result = moto.aws(args);
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
}

void destroy(const MotoServer& moto, const SynthesizedStack& stack) {
  REQUIRE(moto.aws({"cloudformation", "delete-stack", "--stack-name", stack.name}).exit_code == 0);
  CHECK(moto.aws({"cloudformation", "wait", "stack-delete-complete", "--stack-name", stack.name}).exit_code == 0);
}

DeployedResources deployed_resources(const MotoServer& moto, const SynthesizedStack& stack) {
  static const std::set<std::string> recorded_only_types = {"AWS::SNS::Subscription", "AWS::Lambda::EventInvokeConfig",
                                                            "AWS::ApiGateway::Stage", "AWS::ApiGateway::Account",
                                                            "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy"};
  const json resources = resources_of(stack);
  json listed = aws_json(moto, {"cloudformation", "list-stack-resources", "--stack-name", stack.name});
  DeployedResources deployed;
  for (const auto& summary : listed["StackResourceSummaries"]) {
    CHECK(summary["ResourceStatus"] == "CREATE_COMPLETE");
    std::string logical = summary.value("LogicalResourceId", "");
    if (logical.empty()) ++deployed.recorded_only;
    else deployed.physical[logical] = summary.value("PhysicalResourceId", "");
  }
  CHECK(listed["StackResourceSummaries"].size() == resources.size());
  int expected_recorded_only = 0;
  for (const auto& [id, resource] : resources.items()) {
    INFO(id);
    if (recorded_only_types.count(resource["Type"].get<std::string>()) == 1) ++expected_recorded_only;
    else CHECK(deployed.physical.count(id) == 1);
  }
  CHECK(deployed.recorded_only == expected_recorded_only);
  return deployed;
}

}  // namespace formwork::testing
