// With LogicalIdStyle::CdkCompatible every resource a construct makes, its generated children
// included, gets the logical ID real AWS CDK gives it: the trees of cdk_app.js, built here the
// same way, against cdk_ids.json, which aws-cdk-lib synthesized (its version is in the file).
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "constructs/apigateway/lambda_rest_api.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/dynamodb/table.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/events_targets/lambda_function.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/lambda_event_sources/dynamo_event_source.hpp"
#include "constructs/lambda_event_sources/sqs_event_source.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sns_subscriptions/lambda_subscription.hpp"
#include "constructs/sns_subscriptions/sqs_subscription.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;

namespace {

lambda::Function& function(Stack& stack, const std::string& id, std::optional<int> retry_attempts = std::nullopt) {
  return stack.add<lambda::Function>(id, lambda::FunctionProps{.runtime = lambda::Runtime::python_3_12(),
                                                               .handler = "index.handler",
                                                               .code = lambda::Code::from_inline("x"),
                                                               .retry_attempts = retry_attempts});
}

/// The app of cdk_app.js.
void build(App& app) {
  auto& jobs_stack = app.add<Stack>("SqsToLambda");
  auto& jobs = jobs_stack.add<sqs::Queue>("Jobs");
  auto& worker = function(jobs_stack, "Worker", 2);
  worker.add_event_source(lambda_event_sources::SqsEventSource(jobs, {.batch_size = 10}));
  jobs_stack.add<events::Rule>("Schedule", {.schedule = events::Schedule::rate(Duration::minutes(5))})
      .add_target(events_targets::LambdaFunction(worker));

  auto& topic_stack = app.add<Stack>("SnsToLambda");
  auto& topic = topic_stack.add<sns::Topic>("Topic");
  topic.add_subscription(sns_subscriptions::LambdaSubscription(function(topic_stack, "Listener")));
  topic.add_subscription(sns_subscriptions::SqsSubscription(topic_stack.add<sqs::Queue>("Inbox")));

  auto& api_stack = app.add<Stack>("ProxyApi");
  api_stack.add<apigateway::LambdaRestApi>("Api",
                                           apigateway::LambdaRestApiProps{
                                               .handler = function(api_stack, "Backend"),
                                               .integration_options = {.allow_test_invoke = true},  // CDK's default
                                           });

  auto& table_stack = app.add<Stack>("StreamConsumer");
  auto& table = table_stack.add<dynamodb::Table>(
      "Orders", dynamodb::TableProps{
                    .partition_key = {.name = "id", .type = dynamodb::AttributeType::String},
                    .stream = dynamodb::StreamViewType::NewImage,
                });
  function(table_stack, "Consumer")
      .add_event_source(lambda_event_sources::DynamoEventSource(
          table, {.starting_position = lambda_event_sources::StartingPosition::Latest}));
}

std::map<std::string, std::string> resources(const nlohmann::ordered_json& document) {
  std::map<std::string, std::string> out;
  for (const auto& [id, resource] : document["Resources"].items()) out[id] = resource["Type"].get<std::string>();
  return out;
}

}  // namespace

TEST_CASE("every resource of the library's constructs gets the logical ID AWS CDK gives it",
          "[cdk-identity][logical-ids]") {
  const auto expected =
      nlohmann::json::parse(testing::read_file(testing::source_dir() / "tests/cdk_identity/cdk_ids.json"));
  App app({.logical_ids = LogicalIdStyle::CdkCompatible});
  build(app);
  const CloudAssembly assembly = synthesize(app);

  for (const auto& [stack_name, cdk_resources] : expected["stacks"].items()) {
    const SynthesizedStack* stack = assembly.find(stack_name);
    REQUIRE(stack != nullptr);
    std::map<std::string, std::string> cdk;
    for (const auto& [id, type] : cdk_resources.items()) cdk[id] = type.get<std::string>();
    std::map<std::string, std::string> ours = resources(stack->document);
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
    std::string differences;
    for (const auto& [id, type] : cdk)
      if (ours.count(id) == 0 || ours[id] != type) differences += "\n  only CDK's:      " + id + " " + type;
    for (const auto& [id, type] : ours)
      if (cdk.count(id) == 0 || cdk[id] != type) differences += "\n  only formwork's: " + id + " " + type;
    INFO("stack " << stack_name << " (aws-cdk-lib " << expected["aws-cdk-lib"].get<std::string>() << ")"
                  << differences);
    CHECK(differences.empty());
  }
}
