// Schema checks at synthesis (issue 13): every resource, a generic CfnResource or a typed
// construct, is checked against its registry schema; for each kind of check a value just
// inside and just outside, with the exact message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_condition.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/detail/resource_checks.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/sqs/queue.hpp"
#include "schema/detail/data.hpp"
#include "schema/detail/regex.hpp"
#include "schema/schema.hpp"
#include "stacks/reference_stacks.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;

namespace {

// The problems synthesis reports for one resource of `type` with `properties`, or "".
std::string problems(const std::string& type, Value::Map properties) {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("R", {.type = type, .properties = std::move(properties)});
  try {
    (void)synthesize(app);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "";
}

std::string line(const std::string& type, const std::string& message) { return "[S/R] " + type + " " + message; }

const std::string kQueue = "AWS::SQS::Queue";

}  // namespace

TEST_CASE("minimum and maximum of a number", "[schema]") {
  CHECK(problems(kQueue, {{"DelaySeconds", 900}}).empty());
  CHECK(problems(kQueue, {{"DelaySeconds", 901}}) ==
        line(kQueue, "Properties.DelaySeconds: 901 is out of range, the schema allows 0 to 900"));
  CHECK(problems(kQueue, {{"DelaySeconds", 0}}).empty());
  CHECK(problems(kQueue, {{"DelaySeconds", -1}}) ==
        line(kQueue, "Properties.DelaySeconds: -1 is out of range, the schema allows 0 to 900"));
}

TEST_CASE("minimum and maximum length of a string, in characters", "[schema]") {
  const std::string topic = "AWS::SNS::Topic";
  CHECK(problems(topic, {{"TopicName", std::string(256, 'a')}}).empty());
  CHECK(problems(topic, {{"TopicName", std::string(257, 'a')}}) ==
        line(topic, "Properties.TopicName: \"" + std::string(76, 'a') +
                        "... is 257 characters long, the schema allows at most 256 characters"));
  const std::string parameter = "AWS::SSM::Parameter";
  CHECK(problems(parameter, {{"Name", "a"}, {"Type", "String"}, {"Value", "v"}}).empty());
  CHECK(problems(parameter, {{"Name", ""}, {"Type", "String"}, {"Value", "v"}}) ==
        line(parameter, "Properties.Name: \"\" is 0 characters long, the schema allows 1 to 2048 characters"));
  // Characters, not bytes: 256 two-byte characters are within 256.
  std::string umlauts;
  for (int i = 0; i < 256; ++i) umlauts += "\xc3\xa4";
  CHECK(problems(topic, {{"TopicName", umlauts}}).empty());
}

TEST_CASE("a pattern, as a Java-like regular expression found anywhere in the value", "[schema]") {
  const std::string permission = "AWS::Lambda::Permission";
  Value::Map base = {{"Action", "lambda:InvokeFunction"}, {"FunctionName", "f"}, {"Principal", "s3.amazonaws.com"}};
  auto with = [&](std::string org) {
    Value::Map p = base;
    p.emplace_back("PrincipalOrgID", std::move(org));
    return p;
  };
  CHECK(problems(permission, with("o-abcdefghij")).empty());
  CHECK(problems(permission, with("o-ABCDEFGHIJ")) ==
        line(permission, "Properties.PrincipalOrgID: \"o-ABCDEFGHIJ\" does not match the pattern ^o-[a-z0-9]{10,32}$"));
  // \uhhhh in a schema's pattern (IAM's policy document) is read as Java reads it.
  const std::string policy = "AWS::IAM::Policy";
  CHECK(problems(policy, {{"PolicyDocument", "{}"}, {"PolicyName", "p"}, {"Roles", Value::list({"r"})}}).empty());
  CHECK(problems(policy, {{"PolicyDocument", "\xe2\x82\xac"}, {"PolicyName", "p"}, {"Roles", Value::list({"r"})}}) ==
        line(policy, "Properties.PolicyDocument: \"\xe2\x82\xac\" does not match the pattern "
                     "^[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+$"));
}

TEST_CASE("enum values, numbers and strings", "[schema]") {
  const std::string group = "AWS::Logs::LogGroup";
  CHECK(problems(group, {{"RetentionInDays", 14}}).empty());
  CHECK(problems(group, {{"RetentionInDays", 13}}) ==
        line(group, "Properties.RetentionInDays: 13 is not one of the allowed values: 1, 3, 5, 7, 14, 30, 60, 90, 120, "
                    "150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"));
  CHECK(problems(group, {{"LogGroupClass", "STANDARD"}}).empty());
  CHECK(problems(group, {{"LogGroupClass", "standard"}}) ==
        line(group, "Properties.LogGroupClass: \"standard\" is not one of the allowed values: STANDARD, "
                    "INFREQUENT_ACCESS, DELIVERY"));
}

TEST_CASE("wrong type, read as CloudFormation converts values", "[schema]") {
  CHECK(problems(kQueue, {{"DelaySeconds", "5"}}).empty());
  CHECK(problems(kQueue, {{"DelaySeconds", "abc"}}) ==
        line(kQueue, "Properties.DelaySeconds: \"abc\" is a string, the schema allows integer"));
  CHECK(problems(kQueue, {{"FifoQueue", "true"}}).empty());
  CHECK(problems(kQueue, {{"FifoQueue", "yes"}}) ==
        line(kQueue, "Properties.FifoQueue: \"yes\" is a string, the schema allows boolean"));
  CHECK(problems(kQueue, {{"QueueName", 5}}).empty());
  CHECK(problems(kQueue, {{"QueueName", Value::list({"a"})}}) ==
        line(kQueue, "Properties.QueueName: [\"a\"] is a list, the schema allows string"));
  CHECK(problems(kQueue, {{"RedrivePolicy", Value::list({})}}) ==
        line(kQueue, "Properties.RedrivePolicy: [] is a list, the schema allows object or string"));
}

TEST_CASE("unknown properties, at the top and nested", "[schema]") {
  CHECK(problems(kQueue, {{"DelaySeconds", 1}}).empty());
  CHECK(problems(kQueue, {{"DelaySecond", 1}}) ==
        line(kQueue, "Properties.DelaySecond: unknown property, the schema allows Arn, ContentBasedDeduplication, "
                     "DeduplicationScope, DelaySeconds, FifoQueue, FifoThroughputLimit, KmsDataKeyReusePeriodSeconds, "
                     "KmsMasterKeyId, MaximumMessageSize, MessageRetentionPeriod, QueueName, QueueUrl, "
                     "ReceiveMessageWaitTimeSeconds, RedriveAllowPolicy, RedrivePolicy, SqsManagedSseEnabled, Tags, "
                     "VisibilityTimeout"));
  CHECK(problems(kQueue, {{"RedrivePolicy", Value::map({{"deadLetterTargetArn", "arn"}, {"maxReceiveCount", 3}})}})
            .empty());
  CHECK(problems(kQueue, {{"RedrivePolicy", Value::map({{"deadLetterTargetArn", "arn"}, {"maxReceivecount", 3}})}}) ==
        line(kQueue, "Properties.RedrivePolicy.maxReceivecount: unknown property, the schema allows "
                     "deadLetterTargetArn, maxReceiveCount"));
}

TEST_CASE("required properties, at the top and in a list item", "[schema]") {
  const std::string policy = "AWS::SQS::QueuePolicy";
  CHECK(problems(policy, {{"PolicyDocument", Value::map({})}, {"Queues", Value::list({"q"})}}).empty());
  CHECK(problems(policy, {{"PolicyDocument", Value::map({})}}) ==
        line(policy, "Properties: the required property Queues is missing"));
  CHECK(problems(policy, {}) == line(policy, "Properties: the required property PolicyDocument is missing") + "\n" +
                                    line(policy, "Properties: the required property Queues is missing"));
  const std::string topic = "AWS::SNS::Topic";
  CHECK(problems(topic, {{"Subscription", Value::list({Value::map({{"Endpoint", "e"}, {"Protocol", "sqs"}})})}}).empty());
  CHECK(problems(topic, {{"Subscription", Value::list({Value::map({{"Protocol", "sqs"}})})}}) ==
        line(topic, "Properties.Subscription[0]: the required property Endpoint is missing"));
}

TEST_CASE("minimum and maximum number of items of a list", "[schema]") {
  const std::string dimension = "AWS::IoT::Dimension";
  auto values = [](int n) {
    Value::List items;
    for (int i = 0; i < n; ++i) items.emplace_back("v" + std::to_string(i));
    return Value::Map{{"StringValues", Value::list(items)}, {"Type", "TOPIC_FILTER"}};
  };
  CHECK(problems(dimension, values(5)).empty());
  CHECK(problems(dimension, values(6)) ==
        line(dimension, "Properties.StringValues: a list of 6 items, the schema allows 1 to 5 items"));
  CHECK(problems(dimension, values(1)).empty());
  CHECK(problems(dimension, values(0)) ==
        line(dimension, "Properties.StringValues: a list of 0 items, the schema allows 1 to 5 items"));
}

TEST_CASE("oneOf and anyOf where the schema says", "[schema]") {
  const std::string stack_set = "AWS::CloudFormation::StackSet";
  Value::Map base = {{"PermissionModel", "SELF_MANAGED"}, {"StackSetName", "s"}};
  auto with = [&](Value::Map extra) {
    Value::Map p = base;
    for (auto& e : extra) p.push_back(std::move(e));
    return p;
  };
  CHECK(problems(stack_set, with({{"TemplateURL", "u"}})).empty());
  CHECK(problems(stack_set, with({{"TemplateURL", "u"}, {"TemplateBody", "b"}})) ==
        line(stack_set, "Properties: {\"PermissionModel\":\"SELF_MANAGED\",\"StackSetName\":\"s\",\"TemplateBody\":\"b\","
                        "\"Temp... matches 2 of the oneOf alternatives, the schema allows exactly one of: "
                        "{required TemplateURL}, {required TemplateBody}"));
  CHECK(problems(stack_set, base) ==
        line(stack_set, "Properties: {\"PermissionModel\":\"SELF_MANAGED\",\"StackSetName\":\"s\"} matches none of the "
                        "oneOf alternatives, the schema allows exactly one of: {required TemplateURL}, {required "
                        "TemplateBody}"));
  const std::string policy = "AWS::IAM::Policy";
  CHECK(problems(policy, {{"PolicyDocument", Value::map({})}, {"PolicyName", "p"}, {"Users", Value::list({"u"})}}).empty());
  CHECK(problems(policy, {{"PolicyDocument", Value::map({})}, {"PolicyName", "p"}}) ==
        line(policy, "Properties: {\"PolicyDocument\":{},\"PolicyName\":\"p\"} matches none of the anyOf alternatives, the "
                     "schema allows at least one of: {required Users}, {required Groups}, {required Roles}"));
}

TEST_CASE("dependencies and dependentRequired where the schema says", "[schema]") {
  const std::string keyspace = "AWS::Cassandra::Keyspace";
  const Value regions = Value::list({"us-east-1", "us-west-2"});
  CHECK(problems(keyspace, {{"ReplicationSpecification",
                             Value::map({{"RegionList", regions}, {"ReplicationStrategy", "MULTI_REGION"}})}})
            .empty());
  CHECK(problems(keyspace, {{"ReplicationSpecification", Value::map({{"RegionList", regions}})}}) ==
        line(keyspace, "Properties.ReplicationSpecification: RegionList is set, so the schema requires "
                       "ReplicationStrategy too"));
  const std::string vpc = "AWS::EC2::VPC";
  CHECK(problems(vpc, {{"Ipv4IpamPoolId", "ipam-pool-1"}, {"Ipv4NetmaskLength", 24}}).empty());
  CHECK(problems(vpc, {{"Ipv4IpamPoolId", "ipam-pool-1"}}) ==
        line(vpc, "Properties: Ipv4IpamPoolId is set, so the schema requires Ipv4NetmaskLength too"));
}

TEST_CASE("a token is never checked: its value is known only at deploy time", "[schema]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& delay = stack.add<CfnParameter>("Delay", {.type = "Number"});
  auto& name = stack.add<CfnParameter>("Name", {.type = "String"});
  auto& prod = stack.add<CfnCondition>("Prod", {.expression = Value::equals(Value::ref(name), "prod")});
  auto& queue = stack.add<CfnResource>("Queue", {.type = kQueue, .properties = {
      {"DelaySeconds", Value::ref(delay)},
      {"QueueName", Value::sub("${AWS::StackName}-${Name}", {{"Name", Value::ref(name)}})},
      {"MessageRetentionPeriod", Value::if_(prod, 1, 2)},  // both outside 60..1209600, inside a token
      {"FifoQueue", Value::aws_no_value()}}});
  stack.add<CfnResource>("Dimension", {.type = "AWS::IoT::Dimension", .properties = {
      {"StringValues", Value::get_azs()}, {"Type", Value::select(0, Value::get_azs())}}});
  stack.add<CfnResource>("Policy", {.type = "AWS::SQS::QueuePolicy", .properties = {
      {"PolicyDocument", Value::map({})}, {"Queues", Value::list({queue.ref(), queue.get_att("Arn")})}}});
  CHECK_NOTHROW((void)synthesize(app));
}

TEST_CASE("every problem of every resource is reported together, and nothing is written", "[schema]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<CfnResource>("Queue", {.type = kQueue, .properties = {{"DelaySeconds", 901}, {"FifoQueue", "yes"}}});
  stack.add<CfnResource>("Policy", {.type = "AWS::SQS::QueuePolicy", .properties = {{"Queue", Value::list({"q"})}}});
  formwork::testing::TempDir dir;
  auto result = formwork::testing::run_formwork(app, {"synth", "-o", dir.path().string()});
  CHECK(result.exit_code == 2);
  for (const char* expected :
       {"[S/Queue] AWS::SQS::Queue Properties.DelaySeconds: 901 is out of range, the schema allows 0 to 900\n",
        "[S/Queue] AWS::SQS::Queue Properties.FifoQueue: \"yes\" is a string, the schema allows boolean\n",
        "[S/Policy] AWS::SQS::QueuePolicy Properties.Queue: unknown property, the schema allows Id, PolicyDocument, Queues\n",
        "[S/Policy] AWS::SQS::QueuePolicy Properties: the required property PolicyDocument is missing\n",
        "[S/Policy] AWS::SQS::QueuePolicy Properties: the required property Queues is missing\n"})
    CHECK(result.err.find(expected) != std::string::npos);
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("a typed construct is checked too, overrides included, and unknown types are left alone", "[schema]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& queue = stack.add<sqs::Queue>("Queue", {});
  CHECK_NOTHROW((void)synthesize(app));
  queue.resource().add_property_override("RedrivePolicy.maxReceiveCount", "many");
  try {
    (void)synthesize(app);
    FAIL("no error");
  } catch (const ValidationError& e) {
    CHECK(std::string(e.what()) ==
          "[S/Queue/Resource] AWS::SQS::Queue Properties.RedrivePolicy.maxReceiveCount: \"many\" is a string, the "
          "schema allows integer");
  }
  CHECK(problems("Custom::Anything", {{"Whatever", 1}}).empty());
  CHECK(problems("AWS::CloudFormation::CustomResource", {{"ServiceToken", "arn"}, {"Extra", 1}}).empty());
}

TEST_CASE("the data covers every resource type of the schemas", "[schema]") {
  CHECK(schema::type_count() == 1584);
  CHECK(schema::known_type("AWS::S3::Bucket"));
  CHECK(schema::known_type("Alexa::ASK::Skill"));
  CHECK_FALSE(schema::known_type("AWS::S3::Bukket"));
  CHECK(schema::check_properties("AWS::SQS::Queue", R"({"DelaySeconds": 901})") ==
        std::vector<std::string>{"Properties.DelaySeconds: 901 is out of range, the schema allows 0 to 900"});
  CHECK_THROWS_AS(schema::check_properties("AWS::SQS::Queue", "{"), std::invalid_argument);
}

TEST_CASE("every type's data parses, and PCRE2 compiles all its patterns but 16 of Java's own syntax", "[schema]") {
  std::set<std::string> patterns;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& node) {
    if (node.is_array())
      for (const auto& item : node) walk(item);
    if (!node.is_object()) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it.key() == "x" && it->is_string()) patterns.insert(it->get<std::string>());
      if (it.key() == "P")
        for (auto p = it->begin(); p != it->end(); ++p) patterns.insert(p.key());
      if (it.key() == "p" || it.key() == "P" || it.key() == "D")
        for (const auto& child : *it) walk(child);
      if (it.key() == "i" || it.key() == "a" || it.key() == "o" || it.key() == "y" || it.key() == "A") walk(*it);
    }
  };
  std::size_t types = 0;
  for (auto type : schema::detail::schema_types()) {
    const nlohmann::json* data = schema::detail::find_schema(type);
    REQUIRE(data);
    REQUIRE(data->is_array());
    walk(*data);
    ++types;
  }
  CHECK(types == 1584);
  CHECK(patterns.size() == 2361);
  std::vector<std::string> refused;
  for (const auto& p : patterns)
    if (!schema::detail::pattern_compiles(p)) refused.push_back(p);
  CHECK(refused.size() == 16);
  CHECK(std::find(refused.begin(), refused.end(), "^\\p{Print}+$") != refused.end());
}

TEST_CASE("the reference stacks pass the checks, every resource of them with a schema", "[schema]") {
  App app;
  stacks::add_reference_stacks(app);
  std::size_t resources = 0, checked = 0;
  for (const auto& stack : synthesize(app).stacks) {  // tests/stacks compares them with templates/
    CHECK(formwork::detail::resource_check_problems(stack).empty());
    for (const auto& [id, resource] : stack.document["Resources"].items()) {
      INFO(resource["Type"]);
      ++resources;
      checked += schema::known_type(resource["Type"].get<std::string>());
    }
  }
  CHECK(resources > 50);
  CHECK(checked == resources);
}
