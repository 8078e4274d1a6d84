// A demo app built only from generic resources: a Messaging stack (queue, topic) and a
// Worker stack (role, function with inline code, parameter, outputs) that reads the
// queue's ARN and URL across stacks. `demo_app synth -o templates` writes both templates.
#include "bin/cli/cli.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/stack.hpp"

using namespace formwork;

namespace {

constexpr const char* kHandler = R"(import json
import os


def handler(event, context):
    print(json.dumps({"queue": os.environ["QUEUE_URL"], "stage": os.environ["STAGE"]}))
    return {"ok": True}
)";

CfnResource& add_messaging(Stack& stack) {
  auto& queue = stack.add<CfnResource>("Jobs", {.type = "AWS::SQS::Queue", .properties = {
      {"MessageRetentionPeriod", 345600},
      {"VisibilityTimeout", 60},
  }});
  queue.set_comment("Work items for the worker function");
  auto& topic = stack.add<CfnResource>("Events", {.type = "AWS::SNS::Topic", .properties = {
      {"DisplayName", "Job events"},
  }});
  stack.add<CfnOutput>("TopicArn", {.value = topic.ref(), .description = "Where job events are published"});
  return queue;
}

void add_worker(Stack& stack, const CfnResource& queue) {
  auto& stage = stack.add<CfnParameter>("Stage", {
      .default_value = "dev", .description = "Deployment stage", .allowed_values = {"dev", "prod"}});
  auto& role = stack.add<CfnResource>("WorkerRole", {.type = "AWS::IAM::Role", .properties = {
      {"AssumeRolePolicyDocument", Value::map({
          {"Version", "2012-10-17"},
          {"Statement", Value::list({Value::map({
              {"Effect", "Allow"},
              {"Principal", Value::map({{"Service", "lambda.amazonaws.com"}})},
              {"Action", "sts:AssumeRole"},
          })})},
      })},
      {"ManagedPolicyArns", Value::list({Value::sub(
          "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")})},
      {"Policies", Value::list({Value::map({
          {"PolicyName", "ConsumeJobs"},
          {"PolicyDocument", Value::map({
              {"Version", "2012-10-17"},
              {"Statement", Value::list({Value::map({
                  {"Effect", "Allow"},
                  {"Action", Value::list({"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"})},
                  {"Resource", queue.get_att("Arn")},  // cross-stack: Export + !ImportValue
              })})},
          })},
      })})},
  }});
  role.set_comment("Lets the worker read the job queue");
  auto& worker = stack.add<CfnResource>("Worker", {.type = "AWS::Lambda::Function", .properties = {
      {"Code", Value::map({{"ZipFile", kHandler}})},
      {"Handler", "index.handler"},
      {"Runtime", "python3.12"},
      {"Role", role.get_att("Arn")},
      {"Timeout", 30},
      {"Environment", Value::map({{"Variables", Value::map({
          {"QUEUE_URL", queue.ref()},  // cross-stack
          {"STAGE", stage.value()},
      })}})},
  }});
  worker.set_comment("Processes jobs");
  stack.add<CfnOutput>("WorkerArn", {.value = worker.get_att("Arn"), .description = "The worker function"});
  stack.add<CfnOutput>("WorkerName", {.value = worker.ref(),
                                      .export_name = Value::sub("${AWS::StackName}-WorkerName")});
}

}  // namespace

int main(int argc, char** argv) {
  App app;
  auto& messaging = app.add<Stack>("DemoMessaging", {.description = "Queue and topic of the formwork demo app"});
  auto& worker = app.add<Stack>("DemoWorker", {.description = "Worker function of the formwork demo app"});
  add_worker(worker, add_messaging(messaging));
  return run_cli(app, argc, argv);
}
