// The LambdaAsyncDlq reference stack: what it synthesizes, cfn-lint on its template, and a
// deploy to moto_server (with its code asset uploaded to an S3 bucket there), checked with the AWS CLI.
#include <filesystem>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/asset.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/lambda_async_dlq.hpp"
#include "tests/support/moto_stack.hpp"
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

}  // namespace

using testing::aws_json;

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
  auto result = testing::cfn_lint(stack);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
}

TEST_CASE("LambdaAsyncDlq deploys to moto with its asset, function, dead-letter queue and grant", "[stacks][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server")) return;
  App app;
  auto stack = synth_lambda_async_dlq(app);
  testing::MotoServer moto;
  // The asset, as formwork deploy uploads it: the zip under <hash>.zip in the assets bucket.
  testing::upload_assets(moto, stack, "formwork-assets");
  testing::deploy(moto, stack, {"AssetsBucket=formwork-assets"});

  auto deployed = testing::deployed_resources(moto, stack);
  CHECK(deployed.recorded_only == 1);  // the EventInvokeConfig, which moto only records
  const auto& physical = deployed.physical;
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

  testing::destroy(moto, stack);
  CHECK(aws_json(moto, {"lambda", "list-functions"})["Functions"].empty());
}
