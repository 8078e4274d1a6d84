// The SqsToLambda reference stack: what it synthesizes, cfn-lint and formwork lint on its
// template, and a deploy to moto_server checked with the AWS CLI.
#include <filesystem>
#include <map>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/sqs_to_lambda.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
// Unordered, so that comparisons ignore key order.
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The stack reads its handler source relative to the repository root.
SynthesizedStack synth_sqs_to_lambda(App& app) {
  fs::current_path(testing::source_dir());
  app.add<stacks::SqsToLambda>("SqsToLambda");
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

TEST_CASE("SqsToLambda feeds Worker from the Jobs queue in batches of 10 with partial failures", "[stacks][sqs]") {
  App app;
  json r = document_of(synth_sqs_to_lambda(app))["Resources"];
  CHECK(r["Jobs"]["Properties"]["RedrivePolicy"] ==
        json::parse(R"({"deadLetterTargetArn": {"Fn::GetAtt": ["JobsDlq", "Arn"]}, "maxReceiveCount": 3})"));
  // Six times the function's timeout.
  CHECK(r["Jobs"]["Properties"]["VisibilityTimeout"] == 180);
  CHECK(r["Worker"]["Properties"]["Timeout"] == 30);
  CHECK(r["WorkerSqsEventSourceJobs"]["Properties"] == json::parse(R"({"BatchSize": 10,
    "EventSourceArn": {"Fn::GetAtt": ["Jobs", "Arn"]}, "FunctionName": {"Ref": "Worker"},
    "FunctionResponseTypes": ["ReportBatchItemFailures"]})"));
  CHECK(r["WorkerServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"] == json::parse(R"([
    {"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["WorkerDeadLetterQueue", "Arn"]}},
    {"Action": ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
                "sqs:ReceiveMessage"], "Effect": "Allow", "Resource": {"Fn::GetAtt": ["Jobs", "Arn"]}}])"));
}

TEST_CASE("SqsToLambda also runs Worker every 5 minutes, keeping failed runs in a dead-letter queue", "[stacks][events]") {
  App app;
  json r = document_of(synth_sqs_to_lambda(app))["Resources"];
  CHECK(r["Schedule"]["Properties"]["ScheduleExpression"] == "rate(5 minutes)");
  CHECK(r["Schedule"]["Properties"]["Targets"][0]["Arn"] == json::parse(R"({"Fn::GetAtt": ["Worker", "Arn"]})"));
  CHECK(r["WorkerAllowEventRuleSchedule"]["Properties"] == json::parse(R"({"Action": "lambda:InvokeFunction",
    "FunctionName": {"Fn::GetAtt": ["Worker", "Arn"]}, "Principal": "events.amazonaws.com",
    "SourceArn": {"Fn::GetAtt": ["Schedule", "Arn"]}})"));
  CHECK(r["Worker"]["Properties"]["DeadLetterConfig"] ==
        json::parse(R"({"TargetArn": {"Fn::GetAtt": ["WorkerDeadLetterQueue", "Arn"]}})"));
  CHECK(r["WorkerEventInvokeConfig"]["Properties"]["MaximumRetryAttempts"] == 2);
}

TEST_CASE("the SqsToLambda template passes cfn-lint and formwork lint with no finding", "[stacks][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  App app;
  auto stack = synth_sqs_to_lambda(app);
  testing::TempDir dir;
  fs::path file = dir.path() / "SqsToLambda.yaml";
  testing::write_file(file, render(stack));
  auto result = testing::run({"cfn-lint", file.string()});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  auto own = testing::run({testing::formwork_bin(), "lint", file.string()});
  INFO(own.out << own.err);
  CHECK(own.exit_code == 0);
}

TEST_CASE("SqsToLambda deploys to moto with queues, redrive, event source mapping and schedule", "[stacks][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server")) return;
  App app;
  auto stack = synth_sqs_to_lambda(app);
  json resources = document_of(stack)["Resources"];
  testing::TempDir dir;
  fs::path file = dir.path() / "SqsToLambda.yaml";
  testing::write_file(file, render(stack));

  testing::MotoServer moto;
  auto deploy = moto.aws({"cloudformation", "deploy", "--template-file", file.string(), "--stack-name", "SqsToLambda",
                          "--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"});
  INFO(deploy.out << deploy.err);
  REQUIRE(deploy.exit_code == 0);

  json listed = aws_json(moto, {"cloudformation", "list-stack-resources", "--stack-name", "SqsToLambda"});
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

  auto queue_attributes = [&](const std::string& logical_id) {
    return aws_json(moto, {"sqs", "get-queue-attributes", "--queue-url", physical.at(logical_id), "--attribute-names",
                           "All"})["Attributes"];
  };
  json dlq = queue_attributes("JobsDlq");
  json jobs = queue_attributes("Jobs");
  CHECK(jobs["VisibilityTimeout"] == "180");
  json redrive = json::parse(jobs["RedrivePolicy"].get<std::string>());
  CHECK(redrive["deadLetterTargetArn"] == dlq["QueueArn"]);
  CHECK(redrive["maxReceiveCount"] == 3);
  json worker_dlq = queue_attributes("WorkerDeadLetterQueue");

  json fn = aws_json(moto, {"lambda", "get-function-configuration", "--function-name", physical.at("Worker")});
  CHECK(fn["Runtime"] == "python3.12");
  CHECK(fn["Timeout"] == 30);
  // moto's Lambda backend drops DeadLetterConfig (it keeps no such field); AWS reports it here.
  if (fn.contains("DeadLetterConfig")) CHECK(fn["DeadLetterConfig"]["TargetArn"] == worker_dlq["QueueArn"]);

  json mappings = aws_json(moto, {"lambda", "list-event-source-mappings", "--function-name", physical.at("Worker")});
  REQUIRE(mappings["EventSourceMappings"].size() == 1);
  json mapping = mappings["EventSourceMappings"][0];
  CHECK(mapping["EventSourceArn"] == jobs["QueueArn"]);
  CHECK(mapping["BatchSize"] == 10);
  CHECK(mapping["FunctionArn"] == fn["FunctionArn"]);

  json rule = aws_json(moto, {"events", "describe-rule", "--name", physical.at("Schedule")});
  CHECK(rule["ScheduleExpression"] == "rate(5 minutes)");
  CHECK(rule["State"] == "ENABLED");
  json targets = aws_json(moto, {"events", "list-targets-by-rule", "--rule", physical.at("Schedule")});
  REQUIRE(targets["Targets"].size() == 1);
  CHECK(targets["Targets"][0]["Arn"] == fn["FunctionArn"]);

  json policy = aws_json(moto, {"lambda", "get-policy", "--function-name", physical.at("Worker")});
  json statements = json::parse(policy["Policy"].get<std::string>())["Statement"];
  REQUIRE(statements.size() == 1);
  CHECK(statements[0]["Principal"]["Service"] == "events.amazonaws.com");
  CHECK(statements[0]["Condition"]["ArnLike"]["AWS:SourceArn"] == rule["Arn"]);

  REQUIRE(moto.aws({"cloudformation", "delete-stack", "--stack-name", "SqsToLambda"}).exit_code == 0);
  CHECK(moto.aws({"cloudformation", "wait", "stack-delete-complete", "--stack-name", "SqsToLambda"}).exit_code == 0);
  CHECK(aws_json(moto, {"lambda", "list-functions"})["Functions"].empty());
}
