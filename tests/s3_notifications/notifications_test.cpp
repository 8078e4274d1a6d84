// Bucket notifications to a function, a queue and a topic: the permission or policy scoped to
// the bucket by its known ARN, the bucket depending on it without a cycle, and validation.
#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/s3_notifications/lambda_destination.hpp"
#include "constructs/s3_notifications/sns_destination.hpp"
#include "constructs/s3_notifications/sqs_destination.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using assertions::Match;
using assertions::Template;
using testing::inline_function_props;
using testing::validation_errors;

namespace {
constexpr const char* kKnownArn = "arn:${AWS::Partition}:s3:::media-uploads-f4179d3b-${AWS::AccountId}-${AWS::Region}";
}

TEST_CASE("a notification to a function adds a permission the bucket depends on, with no cycle", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("Media");
  auto& fn = stack.add<lambda::Function>("Resize", inline_function_props());
  auto& bucket = stack.add<s3::Bucket>("Uploads");
  bucket.add_event_notification(s3::EventType::ObjectCreated, s3_notifications::LambdaDestination(fn),
                                {.prefix = "images/", .suffix = ".jpg"});
  Template t = Template::from_stack(stack);
  // The bucket gets a name that the permission can name without referring to the bucket.
  t.has_resource("AWS::S3::Bucket", Match::json(R"({
    "Properties": {
      "BucketName": {"Fn::Sub": "media-uploads-f4179d3b-${AWS::AccountId}-${AWS::Region}"},
      "NotificationConfiguration": {"LambdaConfigurations": [{
        "Event": "s3:ObjectCreated:*", "Function": {"Fn::GetAtt": ["Resize", "Arn"]},
        "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "images/"}, {"Name": "suffix", "Value": ".jpg"}]}}}]}},
    "DependsOn": ["ResizeUploadsPermission"]})"));
  t.has_resource_properties("AWS::Lambda::Permission", Match::json(std::string(R"({
    "Action": "lambda:InvokeFunction", "FunctionName": {"Fn::GetAtt": ["Resize", "Arn"]},
    "Principal": "s3.amazonaws.com", "SourceAccount": {"Ref": "AWS::AccountId"},
    "SourceArn": {"Fn::Sub": ")") + kKnownArn + R"("}})"));
  auto assembly = synthesize(app);  // a cycle would throw SynthError here
  CHECK(assembly.stacks[0].comments.at("Uploads") ==
        "Uploads/Resource: S3 bucket Uploads, closed to the public, notifies function Resize");
  CHECK(assembly.stacks[0].comments.at("ResizeUploadsPermission") ==
        "Resize/UploadsPermission/Resource: Lets S3 invoke function Resize (notifications of bucket Uploads)");
}

TEST_CASE("a function granted access to the bucket that notifies it makes no dependency cycle", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("Media");
  auto& fn = stack.add<lambda::Function>("Resize", inline_function_props());
  auto& bucket = stack.add<s3::Bucket>("Uploads");
  bucket.grant_read_write(fn);  // the function's policy names the bucket, and the function waits for its policy
  bucket.add_object_created_notification(s3_notifications::LambdaDestination(fn));
  auto assembly = synthesize(app);  // throws SynthError on a cycle
  Template t = Template::from_stack(stack);
  t.has_resource("AWS::S3::Bucket", Match::json(R"({"DependsOn": ["ResizeUploadsPermission"]})"));
  t.has_resource("AWS::Lambda::Function", Match::json(R"({"DependsOn": ["ResizeServiceRoleDefaultPolicy"]})"));
}

TEST_CASE("two notifications of one bucket to one function share its permission", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("Media");
  auto& fn = stack.add<lambda::Function>("Resize", inline_function_props());
  auto& bucket = stack.add<s3::Bucket>("Uploads", {.bucket_name = "my-uploads"});
  bucket.add_object_created_notification(s3_notifications::LambdaDestination(fn));
  bucket.add_object_removed_notification(s3_notifications::LambdaDestination(fn));
  Template t = Template::from_stack(stack);
  t.resource_count_is("AWS::Lambda::Permission", 1);
  t.has_resource_properties("AWS::Lambda::Permission",
                            Match::json(R"({"SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::my-uploads"}})"));
  t.has_resource_properties("AWS::S3::Bucket", Match::json(R"({"BucketName": "my-uploads", "NotificationConfiguration": {
    "LambdaConfigurations": [{"Event": "s3:ObjectCreated:*"}, {"Event": "s3:ObjectRemoved:*"}]}})"));
}

TEST_CASE("a notification to a queue adds a queue policy statement scoped to the bucket and account", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("Media");
  auto& queue = stack.add<sqs::Queue>("Jobs");
  auto& bucket = stack.add<s3::Bucket>("Uploads");
  bucket.add_object_created_notification(s3_notifications::SqsDestination(queue));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::SQS::QueuePolicy", Match::json(std::string(R"({
    "Queues": [{"Ref": "Jobs"}],
    "PolicyDocument": {"Statement": [{
      "Action": ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"], "Effect": "Allow",
      "Principal": {"Service": "s3.amazonaws.com"}, "Resource": {"Fn::GetAtt": ["Jobs", "Arn"]},
      "Condition": {"ArnLike": {"aws:SourceArn": {"Fn::Sub": ")") + kKnownArn + R"("}},
                    "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}}]}})"));
  t.has_resource("AWS::S3::Bucket", Match::json(R"({"DependsOn": ["JobsPolicy"], "Properties": {
    "NotificationConfiguration": {"QueueConfigurations": [{"Event": "s3:ObjectCreated:*",
                                                           "Queue": {"Fn::GetAtt": ["Jobs", "Arn"]}}]}}})"));
}

TEST_CASE("a notification to a topic adds a topic policy scoped to the bucket and account", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("Media");
  auto& topic = stack.add<sns::Topic>("Removed");
  auto& bucket = stack.add<s3::Bucket>("Uploads");
  bucket.add_object_removed_notification(s3_notifications::SnsDestination(topic), {.prefix = "docs/"});
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::SNS::TopicPolicy", Match::json(R"({
    "Topics": [{"Ref": "Removed"}],
    "PolicyDocument": {"Statement": [{"Action": "sns:Publish", "Principal": {"Service": "s3.amazonaws.com"},
      "Resource": {"Ref": "Removed"}, "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}}]}})"));
  t.has_resource("AWS::S3::Bucket", Match::json(R"({"DependsOn": ["RemovedPolicy"], "Properties": {
    "NotificationConfiguration": {"TopicConfigurations": [{"Event": "s3:ObjectRemoved:*", "Topic": {"Ref": "Removed"},
      "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "docs/"}]}}}]}}})"));
  CHECK(synthesize(app).stacks[0].comments.at("RemovedPolicy") ==
        "Removed/Policy/Resource: Lets bucket Uploads publish notifications to topic Removed");
}

TEST_CASE("overlapping notifications and FIFO destinations are errors", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("Media");
  auto& fn = stack.add<lambda::Function>("Resize", inline_function_props());
  auto& fifo = stack.add<sqs::Queue>("Ordered", {.fifo = true});
  auto& fifo_topic = stack.add<sns::Topic>("OrderedTopic", {.fifo = true});
  auto& bucket = stack.add<s3::Bucket>("Uploads");
  bucket.add_event_notification(s3::EventType::ObjectCreated, s3_notifications::LambdaDestination(fn), {.prefix = "a/"});
  bucket.add_event_notification(s3::EventType::ObjectCreatedPut, s3_notifications::LambdaDestination(fn), {.prefix = "a/b/"});
  bucket.add_event_notification(s3::EventType::ObjectCreated, s3_notifications::SqsDestination(fifo), {.prefix = "q/"});
  bucket.add_event_notification(s3::EventType::ObjectCreated, s3_notifications::SnsDestination(fifo_topic), {.prefix = "t/"});
  std::string errors = validation_errors(app);
  INFO(errors);
  CHECK_THAT(errors, Catch::Contains("[Media/Uploads] notifications 0 (s3:ObjectCreated:* to Resize) and 1 "
                                     "(s3:ObjectCreated:Put to Resize) overlap"));
  CHECK_THAT(errors, Catch::Contains("[Media/Uploads] S3 cannot send notifications to FIFO queue Ordered (use a standard queue)"));
  CHECK_THAT(errors, Catch::Contains("[Media/Uploads] S3 cannot send notifications to FIFO topic OrderedTopic"));
  CHECK_THAT(errors, !Catch::Contains("notifications 0 (s3:ObjectCreated:* to Resize) and 2"));
}
