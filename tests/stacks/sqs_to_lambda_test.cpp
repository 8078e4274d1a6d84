// The SqsToLambda reference stack: what it synthesizes, cfn-lint and formwork lint on its
// template, and a deploy to moto_server checked with the AWS CLI.
#include <filesystem>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/sqs_to_lambda.hpp"
#include "tests/support/moto_stack.hpp"
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

}  // namespace

using testing::aws_json;

TEST_CASE("SqsToLambda feeds Worker from the Jobs queue in batches of 10 with partial failures", "[stacks][sqs]") {
  App app;
  json r = testing::resources_of(synth_sqs_to_lambda(app));
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
  json r = testing::resources_of(synth_sqs_to_lambda(app));
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
  (void)testing::check_lint_clean(synth_sqs_to_lambda(app));
}

TEST_CASE("SqsToLambda deploys to moto with queues, redrive, event source mapping and schedule", "[stacks][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server")) return;
  App app;
  auto stack = synth_sqs_to_lambda(app);
  testing::MotoServer moto;
  testing::deploy(moto, stack);

  auto deployed = testing::deployed_resources(moto, stack);
  CHECK(deployed.recorded_only == 1);  // the EventInvokeConfig, which moto only records

  const auto& physical = deployed.physical;
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

  testing::destroy(moto, stack);
  CHECK(aws_json(moto, {"lambda", "list-functions"})["Functions"].empty());
}
