// The LambdaAsyncDlq reference stack: what it synthesizes, cfn-lint on its template, and a
// deploy to moto_server (with its code asset uploaded to an S3 bucket there), checked with the AWS CLI.
#include <filesystem>
#include <map>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/asset.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/lambda_async_dlq.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
// Unordered, so that comparisons ignore key order.
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The asset directory is relative to the repository root.
SynthesizedStack synth_lambda_async_dlq(App& app) {
  fs::current_path(testing::source_dir());
  app.add<stacks::LambdaAsyncDlq>("LambdaAsyncDlq");
  return synthesize(app).stacks.at(0);
}

json document_of(const SynthesizedStack& stack) { return json::parse(stack.document.dump()); }

json aws_json(const testing::MotoServer& moto, std::vector<std::string> args) {
  args.insert(args.end(), {"--output", "json"});
  auto result = moto.aws(args);
  INFO("aws " << args.front() << " " << args.at(1) << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

}  // namespace

TEST_CASE("LambdaAsyncDlq retries SimpleFunc twice and sends failed events to its dead-letter queue", "[stacks][lambda]") {
  App app;
  auto stack = synth_lambda_async_dlq(app);
  json doc = document_of(stack);
  json r = doc["Resources"];
  json fn = r["SimpleFunc"]["Properties"];
  CHECK(fn["Runtime"] == "python3.12");
  CHECK(fn["Handler"] == "index.handler");
  CHECK(fn["DeadLetterConfig"] == json::parse(R"({"TargetArn": {"Fn::GetAtt": ["DeadLetterQueue", "Arn"]}})"));
  const std::string hash = assets::asset_hash("examples/handlers/simple_func");
  CHECK(fn["Code"] == json({{"S3Bucket", {{"Ref", "AssetsBucket"}}}, {"S3Key", hash + ".zip"}}));
  CHECK(r["SimpleFunc"]["Metadata"]["formwork:asset"] ==
        json({{"path", "examples/handlers/simple_func"}, {"hash", hash}}));
  CHECK(doc["Parameters"]["AssetsBucket"]["Type"] == "String");
  CHECK(r["SimpleFuncEventInvokeConfig"]["Properties"] == json::parse(R"({"FunctionName": {"Ref": "SimpleFunc"},
    "MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 2, "Qualifier": "$LATEST"})"));
  // The role may send to the dead-letter queue, and nothing more.
  CHECK(r["SimpleFuncServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"] == json::parse(R"([{
    "Action": "sqs:SendMessage", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["DeadLetterQueue", "Arn"]}}])"));
  CHECK(doc["Outputs"]["QueueUrl"]["Value"] == json::parse(R"({"Ref": "DeadLetterQueue"})"));
  CHECK(stack.comments.at("SimpleFuncEventInvokeConfig") ==
        "SimpleFunc/EventInvokeConfig: Retries failed async invocations twice, drops events older than 3600 seconds, "
        "then sends the event to DeadLetterQueue (function SimpleFunc)");
}

TEST_CASE("the SimpleFunc handler raises when the event's name is empty", "[stacks][lambda]") {
  if (!testing::require_tool("python3")) return;
  const std::string script =
      "import sys; sys.path.insert(0, 'examples/handlers/simple_func'); import index\n"
      "print(index.handler({'name': 'Ada'}, None)['message'])\n"
      "try:\n    index.handler({'name': ''}, None)\nexcept ValueError as e:\n    print('raised:', e)\n";
  auto result = testing::run({"python3", "-B", "-c", script}, {.working_directory = testing::source_dir().string()});
  INFO(result.err);
  CHECK(result.out == "Hello, Ada!\nraised: the event has no name\n");
}

TEST_CASE("the LambdaAsyncDlq template passes cfn-lint with no error or warning", "[stacks][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  App app;
  auto stack = synth_lambda_async_dlq(app);
  testing::TempDir dir;
  fs::path file = dir.path() / "LambdaAsyncDlq.yaml";
  testing::write_file(file, render(stack));
  auto result = testing::run({"cfn-lint", file.string()});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
}

TEST_CASE("LambdaAsyncDlq deploys to moto with its asset, function, dead-letter queue and grant", "[stacks][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server")) return;
  App app;
  auto stack = synth_lambda_async_dlq(app);
  json resources = document_of(stack)["Resources"];
  testing::TempDir dir;
  fs::path file = dir.path() / "LambdaAsyncDlq.yaml";
  testing::write_file(file, render(stack));

  testing::MotoServer moto;
  // The asset, as formwork deploy uploads it: the zip under <hash>.zip in the assets bucket.
  const std::string hash = assets::asset_hash("examples/handlers/simple_func");
  fs::path zip = dir.path() / (hash + ".zip");
  testing::write_file(zip, assets::zip_directory("examples/handlers/simple_func"));
  REQUIRE(moto.aws({"s3", "mb", "s3://formwork-assets"}).exit_code == 0);
  auto upload = moto.aws({"s3", "cp", zip.string(), "s3://formwork-assets/" + hash + ".zip"});
  INFO(upload.err);
  REQUIRE(upload.exit_code == 0);

  auto deploy = moto.aws({"cloudformation", "deploy", "--template-file", file.string(), "--stack-name", "LambdaAsyncDlq",
                          "--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "--parameter-overrides",
                          "AssetsBucket=formwork-assets"});
  INFO(deploy.out << deploy.err);
  REQUIRE(deploy.exit_code == 0);

  json listed = aws_json(moto, {"cloudformation", "list-stack-resources", "--stack-name", "LambdaAsyncDlq"});
  std::map<std::string, std::string> physical;
  int recorded_only = 0;
  for (const auto& summary : listed["StackResourceSummaries"]) {
    CHECK(summary["ResourceStatus"] == "CREATE_COMPLETE");
    std::string logical = summary.value("LogicalResourceId", "");
    if (logical.empty()) ++recorded_only;
    else physical[logical] = summary.value("PhysicalResourceId", "");
  }
  CHECK(listed["StackResourceSummaries"].size() == resources.size());
  CHECK(recorded_only == 1);  // the EventInvokeConfig, which moto only records
  for (const char* id : {"DeadLetterQueue", "SimpleFuncServiceRole", "SimpleFuncServiceRoleDefaultPolicy", "SimpleFunc"})
    CHECK(physical.count(id) == 1);

  const std::string queue_url = physical.at("DeadLetterQueue");
  json queue = aws_json(moto, {"sqs", "get-queue-attributes", "--queue-url", queue_url, "--attribute-names", "All"});
  CHECK(queue["Attributes"]["MessageRetentionPeriod"] == "1209600");
  const std::string queue_arn = queue["Attributes"]["QueueArn"];

  json fn = aws_json(moto, {"lambda", "get-function-configuration", "--function-name", physical.at("SimpleFunc")});
  CHECK(fn["Runtime"] == "python3.12");
  CHECK(fn["Handler"] == "index.handler");
  CHECK(fn["Timeout"] == 10);
  // moto's Lambda backend drops DeadLetterConfig (it keeps no such field); AWS reports it here.
  if (fn.contains("DeadLetterConfig")) CHECK(fn["DeadLetterConfig"]["TargetArn"] == queue_arn);

  // The role's inline policy: sqs:SendMessage on the dead-letter queue, nothing more.
  const std::string role = physical.at("SimpleFuncServiceRole");
  json names = aws_json(moto, {"iam", "list-role-policies", "--role-name", role});
  REQUIRE(names["PolicyNames"].size() == 1);
  json policy = aws_json(moto, {"iam", "get-role-policy", "--role-name", role, "--policy-name", names["PolicyNames"][0]});
  json statements = policy["PolicyDocument"]["Statement"];
  REQUIRE(statements.size() == 1);
  CHECK(statements[0]["Action"] == "sqs:SendMessage");
  CHECK(statements[0]["Resource"] == queue_arn);

  json described = aws_json(moto, {"cloudformation", "describe-stacks", "--stack-name", "LambdaAsyncDlq"});
  // moto leaves Outputs out of stacks created through a change set (what `deploy` does).
  json outputs = described["Stacks"][0].value("Outputs", json::array());
  if (!outputs.empty()) {
    CHECK(outputs[0]["OutputKey"] == "QueueUrl");
    CHECK(outputs[0]["OutputValue"] == queue_url);
  }

  REQUIRE(moto.aws({"cloudformation", "delete-stack", "--stack-name", "LambdaAsyncDlq"}).exit_code == 0);
  CHECK(moto.aws({"cloudformation", "wait", "stack-delete-complete", "--stack-name", "LambdaAsyncDlq"}).exit_code == 0);
  CHECK(aws_json(moto, {"lambda", "list-functions"})["Functions"].empty());
}
