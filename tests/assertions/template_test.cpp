// formwork::assertions: Template over a synthesized stack and over JSON text, each matcher, and
// the messages that show the closest candidate.
#include <functional>

#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/sqs/queue.hpp"

using namespace formwork;
using formwork::assertions::AssertionError;
using formwork::assertions::Match;
using formwork::assertions::Template;

namespace {

// Two queues (one with a dead-letter queue) and an output.
Template orders_template(App& app) {
  auto& stack = app.add<Stack>("Orders");
  auto& dlq = stack.add<sqs::Queue>("Dlq", {.retention_period = Duration::days(14)});
  stack.add<sqs::Queue>("Orders", {.visibility_timeout = Duration::seconds(60),
                                   .dead_letter_queue = sqs::DeadLetterQueue{.queue = &dlq, .max_receive_count = 3}});
  stack.add<CfnOutput>("DlqArn", {.value = dlq.queue_arn(), .description = "the dead-letter queue"});
  return Template::from_stack(stack);
}

std::string failure(const std::function<void()>& assertion) {
  try {
    assertion();
  } catch (const AssertionError& e) {
    return e.what();
  }
  return "no failure";
}

}  // namespace

TEST_CASE("resource_count_is counts resources of a type and lists them when it fails", "[assertions]") {
  App app;
  Template t = orders_template(app);
  CHECK_NOTHROW(t.resource_count_is("AWS::SQS::Queue", 2));
  CHECK_NOTHROW(t.resource_count_is("AWS::SNS::Topic", 0));
  CHECK(failure([&] { t.resource_count_is("AWS::SQS::Queue", 1); }) ==
        "expected 1 resource of type AWS::SQS::Queue, found 2: Dlq, Orders");
  auto result = t.check_resource_count("AWS::SQS::Queue", 3);
  CHECK_FALSE(result);
  CHECK(result.message == "expected 3 resources of type AWS::SQS::Queue, found 2: Dlq, Orders");
}

TEST_CASE("has_resource_properties matches literals partially, with nested objects partial too", "[assertions]") {
  App app;
  Template t = orders_template(app);
  CHECK_NOTHROW(t.has_resource_properties("AWS::SQS::Queue", Match::json(R"({"VisibilityTimeout": 60})")));
  CHECK_NOTHROW(t.has_resource_properties("AWS::SQS::Queue", Match::json(R"({"RedrivePolicy": {"maxReceiveCount": 3}})")));
  CHECK_NOTHROW(t.has_resource_properties("AWS::SQS::Queue", Match::object_like({{"MessageRetentionPeriod", 1209600}})));
  CHECK_NOTHROW(t.has_resource_properties(
      "AWS::SQS::Queue", Match::json(R"({"RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}}})")));
}

TEST_CASE("a failed has_resource_properties shows the closest candidate and each difference", "[assertions]") {
  App app;
  Template t = orders_template(app);
  std::string message = failure([&] {
    t.has_resource_properties("AWS::SQS::Queue", Match::json(R"({"VisibilityTimeout": 90, "SqsManagedSseEnabled": true})"));
  });
  CHECK_THAT(message, Catch::StartsWith("expected a resource of type AWS::SQS::Queue with properties "
                                        "{\"VisibilityTimeout\": 90, \"SqsManagedSseEnabled\": true}, but none of 2 "
                                        "matches.\nClosest: Orders (1 difference)\n  /VisibilityTimeout: expected 90, got 60\n"
                                        "Orders is {"));
  CHECK(failure([&] { t.has_resource_properties("AWS::SNS::Topic", Match::object_like({})); }) ==
        "expected a resource of type AWS::SNS::Topic with properties <objectLike {}>, but the template has none");
}

TEST_CASE("any_value and absent test the presence of a key", "[assertions]") {
  App app;
  Template t = orders_template(app);
  CHECK_NOTHROW(t.has_resource_properties("AWS::SQS::Queue", Match::object_like({{"RedrivePolicy", Match::any_value()}})));
  CHECK_NOTHROW(t.has_resource_properties(
      "AWS::SQS::Queue", Match::object_like({{"RedrivePolicy", Match::absent()}, {"MessageRetentionPeriod", 1209600}})));
  std::string message = failure([&] {
    t.has_resource_properties("AWS::SQS::Queue",
                              Match::object_like({{"VisibilityTimeout", Match::absent()}, {"RedrivePolicy", Match::any_value()}}));
  });
  CHECK_THAT(message, Catch::Contains("Closest: Orders (1 difference)\n  /VisibilityTimeout: expected no value, got 60\n"));
  CHECK_THAT(failure([&] { t.has_resource_properties("AWS::SQS::Queue", Match::object_like({{"QueueName", Match::any_value()}})); }),
             Catch::Contains("/QueueName: missing, expected <anyValue>"));
}

TEST_CASE("array_with finds elements in order, string_like_regexp searches, exact forbids extra keys", "[assertions]") {
  Template t = Template::from_json(R"({"Resources": {
    "Role": {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": ["arn:a", "arn:b", "arn:c"],
             "Path": "/service/", "Tags": [{"Key": "team", "Value": "blue"}]}}}})");
  CHECK_NOTHROW(t.has_resource_properties("AWS::IAM::Role", Match::object_like({{"ManagedPolicyArns", Match::array_with({"arn:a", "arn:c"})}})));
  CHECK_THAT(failure([&] {
               t.has_resource_properties("AWS::IAM::Role", Match::object_like({{"ManagedPolicyArns", Match::array_with({"arn:c", "arn:a"})}}));
             }),
             Catch::Contains("/ManagedPolicyArns: expected an array containing \"arn:a\" (after the elements matched before it)"));
  CHECK_NOTHROW(t.has_resource_properties("AWS::IAM::Role", Match::object_like({{"Tags", Match::array_with({Match::json(R"({"Key": "team"})")})}})));
  CHECK_NOTHROW(t.has_resource_properties("AWS::IAM::Role", Match::object_like({{"Path", Match::string_like_regexp("^/serv")}})));
  CHECK_THAT(failure([&] { t.has_resource_properties("AWS::IAM::Role", Match::object_like({{"Path", Match::string_like_regexp("^/x")}})); }),
             Catch::Contains("/Path: expected a string matching <stringLikeRegexp \"^/x\">, got \"/service/\""));
  // Literal arrays are compared element by element, and their length must be equal.
  CHECK_THAT(failure([&] { t.has_resource_properties("AWS::IAM::Role", Match::json(R"({"ManagedPolicyArns": ["arn:a"]})")); }),
             Catch::Contains("/ManagedPolicyArns: expected [\"arn:a\"], got [\"arn:a\",\"arn:b\",\"arn:c\"]"));
  CHECK_THAT(failure([&] {
               t.has_resource_properties("AWS::IAM::Role", Match::object_like({{"Tags", Match::exact(Match::json(R"([{"Key": "team"}])"))}}));
             }),
             Catch::Contains("/Tags/0/Value: unexpected key, with value \"blue\""));
  CHECK_NOTHROW(t.has_resource_properties("AWS::IAM::Role", Match::object_like({{"Path", Match::not_("/")}})));
  CHECK_THROWS_AS(t.has_resource_properties("AWS::IAM::Role", Match::object_equals({{"Path", "/service/"}})), AssertionError);
}

TEST_CASE("has_resource matches the whole definition, DependsOn and policies included", "[assertions]") {
  Template t = Template::from_json(R"({"Resources": {
    "A": {"Type": "AWS::SQS::Queue", "DeletionPolicy": "Retain"},
    "B": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 5}, "DependsOn": ["A"]}}})");
  CHECK_NOTHROW(t.has_resource("AWS::SQS::Queue", Match::object_like({{"DeletionPolicy", "Retain"}})));
  CHECK_NOTHROW(t.has_resource("AWS::SQS::Queue", Match::json(R"({"DependsOn": ["A"]})")));
  // A resource without Properties is matched against an empty object.
  CHECK_NOTHROW(t.has_resource_properties("AWS::SQS::Queue", Match::object_like({{"DelaySeconds", Match::absent()}})));
  CHECK(t.find_resources("AWS::SQS::Queue", Match::object_like({{"DeletionPolicy", "Retain"}})) ==
        std::map<std::string, std::string>{{"A", R"({"Type":"AWS::SQS::Queue","DeletionPolicy":"Retain"})"}});
  CHECK(t.find_resources("AWS::SQS::Queue").size() == 2);
  CHECK(t.find_resources("AWS::SNS::Topic").empty());
}

TEST_CASE("has_output finds an output by name or any output, and names the outputs there are", "[assertions]") {
  App app;
  Template t = orders_template(app);
  CHECK_NOTHROW(t.has_output("DlqArn", Match::json(R"({"Value": {"Fn::GetAtt": ["Dlq", "Arn"]}})")));
  CHECK_NOTHROW(t.has_output("*", Match::object_like({{"Description", Match::string_like_regexp("dead-letter")}})));
  CHECK(failure([&] { t.has_output("QueueUrl", Match::any_value()); }) ==
        "expected output QueueUrl, but the template has no such output (it has DlqArn)");
  CHECK_THAT(failure([&] { t.has_output("DlqArn", Match::object_like({{"Description", "x"}})); }),
             Catch::Contains("Closest: DlqArn (1 difference)\n  /Description: expected \"x\", got \"the dead-letter queue\""));
  CHECK(t.find_outputs("*", Match::any_value()).count("DlqArn") == 1);
}

TEST_CASE("from_stack lets a validation error reach the test, and bad JSON is an AssertionError", "[assertions]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<sqs::Queue>("Q", {.visibility_timeout = Duration::seconds(50000)});
  CHECK_THROWS_AS(Template::from_stack(stack), ValidationError);
  CHECK_THROWS_WITH(Template::from_json("{"), Catch::StartsWith("template is not JSON: "));
  CHECK_THROWS_WITH(Match::json("[1,"), Catch::StartsWith("Match::json: not JSON: "));
  CHECK_THAT(Template::from_json(R"({"Resources": {}})").to_json(), Catch::Contains("\"Resources\": {}"));
}
