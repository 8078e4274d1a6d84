// The generated typed L1 constructs (constructs/cfn/*.generated.hpp): what one synthesizes to,
// tokens in every kind of member, attributes, DependsOn and overrides, and that the committed
// code is what scripts/generate_l1.py writes.
#include <catch2/catch.hpp>

#include "constructs/cfn/s3.generated.hpp"
#include "constructs/cfn/sqs.generated.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using json = nlohmann::json;

namespace {
json template_of(App& app) { return json::parse(synthesize(app).stacks.at(0).document.dump()); }
}  // namespace

TEST_CASE("a typed L1 synthesizes its props under their CloudFormation names, nested types included", "[cfn]") {
  App app;
  auto& stack = app.add<Stack>("S");
  using cfn::s3::Bucket;
  stack.add<Bucket>("Assets", {
      .bucket_name = "assets-example",
      .tags = {{.key = "team", .value = "web"}},
      .versioning_configuration = Bucket::VersioningConfiguration{.status = "Enabled"},
  });
  json doc = template_of(app);
  CHECK(doc["Resources"]["Assets"] == json::parse(R"({"Type": "AWS::S3::Bucket", "Properties": {
      "BucketName": "assets-example", "Tags": [{"Key": "team", "Value": "web"}],
      "VersioningConfiguration": {"Status": "Enabled"}}})"));
}

TEST_CASE("every kind of L1 member holds a token, and attributes are GetAtt", "[cfn]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& name = stack.add<CfnParameter>("QueueName", {.type = "String"});
  auto& dlq = stack.add<cfn::sqs::Queue>("Dlq", {.queue_name = Value::ref(name)});
  auto& queue = stack.add<cfn::sqs::Queue>("Work", {
      .delay_seconds = Value::ref(name),
      .redrive_policy = Value::map({{"deadLetterTargetArn", dlq.attr_arn()}, {"maxReceiveCount", 3}}),
      .tags = Value::ref(name),
  });
  stack.add<cfn::sqs::QueuePolicy>("Policy", {
      .policy_document = Value::map({{"Version", "2012-10-17"}}),
      .queues = {queue.ref(), Value::sub("${AWS::StackName}-extra")},
  });
  queue.add_depends_on(dlq);
  queue.add_property_override("FifoQueue", false);
  json doc = template_of(app);
  CHECK(doc["Resources"]["Dlq"]["Properties"] == json::parse(R"({"QueueName": {"Ref": "QueueName"}})"));
  CHECK(doc["Resources"]["Work"]["Properties"] == json::parse(R"({"DelaySeconds": {"Ref": "QueueName"},
      "FifoQueue": false, "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]},
      "maxReceiveCount": 3}, "Tags": {"Ref": "QueueName"}})"));
  CHECK(doc["Resources"]["Policy"]["Properties"]["Queues"] ==
        json::parse(R"([{"Ref": "Work"}, {"Fn::Sub": "${AWS::StackName}-extra"}])"));
  CHECK(cfn::sqs::Queue::kType == "AWS::SQS::Queue");
}

TEST_CASE("the committed L1 code is what scripts/generate_l1.py writes", "[cfn]") {
  if (!testing::require_tool("python3") || !testing::require_tool("cfn-lint")) return;
  auto result = testing::run({"python3", (testing::source_dir() / "scripts/generate_l1.py").string(), "--check"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
}
