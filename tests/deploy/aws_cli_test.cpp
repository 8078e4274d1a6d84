// The pieces of deploy that need no AWS endpoint: quoting, error text, events, asset metadata.

#include <cstdlib>
#include <sstream>

#include <catch2/catch.hpp>

#include "deploy/asset_publisher.hpp"
#include "deploy/aws_cli.hpp"
#include "deploy/deployer.hpp"
#include "deploy/stack_events.hpp"
#include "constructs/core/errors.hpp"
#include "tests/support/tools.hpp"

using namespace formwork::deploy;

TEST_CASE("quotes a command for display so that a shell would read back the same words", "[deploy]") {
  CHECK(shell_quote({"aws", "s3", "cp", "/tmp/a.zip", "s3://b/k.zip"}) == "aws s3 cp /tmp/a.zip s3://b/k.zip");
  CHECK(shell_quote({"x", "a b", "", "it's", "$(echo x);"}) == R"(x 'a b' '' 'it'\''s' '$(echo x);')");

  // The quoted line, run by a real shell, gives back every argument unchanged.
  std::vector<std::string> words{"printf", "%s|", "a b \"c\" ; $(echo x)", "it's", "`id`", "*"};
  auto echoed = formwork::testing::run({"sh", "-c", shell_quote(words)});
  CHECK(echoed.out == "a b \"c\" ; $(echo x)|it's|`id`|*|");
}

TEST_CASE("adds region, profile and endpoint to every aws command, from options or environment", "[deploy]") {
  std::ostringstream out;
  AwsCli aws({.region = "eu-west-1", .profile = "dev", .endpoint_url = "http://127.0.0.1:5000"}, true, out);
  CHECK(aws.command({"sts", "get-caller-identity"}) ==
        std::vector<std::string>{"aws", "sts", "get-caller-identity", "--region", "eu-west-1", "--profile", "dev",
                                 "--endpoint-url", "http://127.0.0.1:5000"});
  auto result = aws.run({"cloudformation", "delete-stack", "--stack-name", "A B"}, {}, "a note");
  CHECK(result.exit_code == 0);
  CHECK(out.str() ==
        "# a note\naws cloudformation delete-stack --stack-name 'A B' --region eu-west-1 --profile dev "
        "--endpoint-url http://127.0.0.1:5000\n");

  setenv("AWS_REGION", "ap-south-1", 1);
  setenv("AWS_PROFILE", "ops", 1);
  setenv("AWS_ENDPOINT_URL", "http://localhost:4566", 1);
  auto target = resolve_target({.region = "us-west-2"});
  unsetenv("AWS_REGION");
  unsetenv("AWS_PROFILE");
  unsetenv("AWS_ENDPOINT_URL");
  CHECK(target.region == "us-west-2");
  CHECK(target.profile == "ops");
  CHECK(target.endpoint_url == "http://localhost:4566");
}

TEST_CASE("never prints the secret access key or session token", "[deploy]") {
  setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", 1);
  setenv("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEJr//////////wEaDEXAMPLE", 1);
  CHECK(redact("key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and FwoGZXIvYXdzEJr//////////wEaDEXAMPLE.") ==
        "key **** and ****.");
  CHECK(aws_error_lines("\nAn error occurred: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n") ==
        std::vector<std::string>{"An error occurred: ****"});
  unsetenv("AWS_SESSION_TOKEN");
  setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
}

TEST_CASE("pulls the service's message out of a response the AWS CLI could not parse", "[deploy]") {
  std::string err =
      "\nUnable to parse response (not well-formed (invalid token): line 1, column 0), invalid XML received. "
      "Further retries may succeed:\n"
      "b'{\"__type\": \"InvalidParameterValueException\", \"message\": \"The role defined for the function cannot "
      "be assumed by Lambda.\"}'\n";
  CHECK(aws_error_lines(err) == std::vector<std::string>{
                                    "InvalidParameterValueException: The role defined for the function cannot be "
                                    "assumed by Lambda."});
  CHECK(aws_error_lines("\nAn error occurred (ValidationError) when calling the CreateChangeSet operation: "
                        "Template format error: Unresolved resource dependencies [Nope]\n") ==
        std::vector<std::string>{"An error occurred (ValidationError) when calling the CreateChangeSet operation: "
                                 "Template format error: Unresolved resource dependencies [Nope]"});
}

TEST_CASE("reads stack events and prints them with the time elapsed", "[deploy]") {
  auto events = parse_stack_events(R"({"StackEvents": [
    {"EventId": "2", "Timestamp": "2026-11-22T10:55:31.5Z", "ResourceStatus": "CREATE_FAILED",
     "ResourceType": "AWS::SQS::Queue", "LogicalResourceId": "DeadLetterQueue",
     "ResourceStatusReason": "Invalid value for VisibilityTimeout"},
    {"EventId": "1", "Timestamp": "2026-11-22T10:55:19.2+00:00", "ResourceStatus": "CREATE_COMPLETE",
     "ResourceType": "AWS::SQS::Queue", "LogicalResourceId": "DeadLetterQueue"}]})");
  REQUIRE(events.size() == 2);
  CHECK(events[1].reason.empty());
  auto first = parse_timestamp(events[1].timestamp);
  auto second = parse_timestamp(events[0].timestamp);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(*second - *first == Approx(12.3));
  CHECK(parse_timestamp("2026-11-22T12:55:19+02:00") == parse_timestamp("2026-11-22T10:55:19Z"));
  CHECK_FALSE(parse_timestamp("yesterday"));

  CHECK(format_event(events[1], 12.34) == "  12.3s  CREATE_COMPLETE      AWS::SQS::Queue  DeadLetterQueue");
  CHECK(format_event(events[0], 24.0) ==
        "  24.0s  CREATE_FAILED        AWS::SQS::Queue  DeadLetterQueue  Invalid value for VisibilityTimeout");
  CHECK(is_failure("UPDATE_FAILED"));
  CHECK_FALSE(is_failure("UPDATE_ROLLBACK_COMPLETE"));
  CHECK_THROWS(parse_stack_events("<html>"));
}

TEST_CASE("finds the code assets of a template in its resource metadata", "[deploy]") {
  auto document = nlohmann::ordered_json::parse(R"({"Resources": {
    "Queue": {"Type": "AWS::SQS::Queue"},
    "Square": {"Type": "AWS::Lambda::Function",
               "Metadata": {"formwork:asset": {"path": "examples/square", "hash": "ab12"}}}}})");
  auto assets = find_assets(document);
  REQUIRE(assets.size() == 1);
  CHECK(assets[0].logical_id == "Square");
  CHECK(assets[0].path == "examples/square");
  CHECK(assets[0].hash == "ab12");

  document["Resources"]["Square"]["Metadata"]["formwork:asset"] = {{"path", 3}};
  CHECK_THROWS_AS(find_assets(document), formwork::UsageError);
}

TEST_CASE("prints a stack's outputs and a change set's changes from the AWS CLI's answers", "[deploy]") {
  CHECK(format_outputs(R"({"Stacks": [{"StackName": "Api", "Outputs": [
          {"OutputKey": "GetSquareApiUrl", "OutputValue": "https://abc.execute-api.us-east-1.amazonaws.com/prod/"},
          {"OutputKey": "QueueUrl", "OutputValue": "https://sqs.us-east-1.amazonaws.com/1/q"}]}]})") ==
        std::vector<std::string>{"  GetSquareApiUrl = https://abc.execute-api.us-east-1.amazonaws.com/prod/",
                                 "  QueueUrl = https://sqs.us-east-1.amazonaws.com/1/q"});
  CHECK(format_outputs(R"({"Stacks": [{"StackName": "Api"}]})").empty());
  CHECK(format_outputs("not json").empty());

  CHECK(format_changes(R"({"Changes": [
          {"Type": "Resource", "ResourceChange": {"Action": "Modify", "LogicalResourceId": "Queue",
           "ResourceType": "AWS::SQS::Queue", "Replacement": "True"}},
          {"Type": "Resource", "ResourceChange": {"Action": "Add", "LogicalResourceId": "Topic",
           "ResourceType": "AWS::SNS::Topic"}}]})") ==
        std::vector<std::string>{"  Modify   Queue  AWS::SQS::Queue  replacement: True",
                                 "  Add      Topic  AWS::SNS::Topic"});
  CHECK_FALSE(format_changes("{}"));
}
