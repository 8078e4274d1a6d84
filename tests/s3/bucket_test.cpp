// formwork::s3::Bucket: secure defaults, props, grants with CDK's action lists, bucket policy,
// auto_delete_objects and validation.
#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/iam/role.hpp"
#include "constructs/s3/bucket.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using assertions::Match;
using assertions::Template;
using testing::validation_errors;

TEST_CASE("a bucket with default props is encrypted, closed to the public and retained", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<s3::Bucket>("Uploads");
  Template t = Template::from_stack(stack);
  t.resource_count_is("AWS::S3::Bucket", 1);
  t.has_resource("AWS::S3::Bucket", Match::json(R"({
    "Properties": {
      "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
      "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true,
                                         "RestrictPublicBuckets": true}},
    "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"})"));
  // A name known before the bucket exists: its ARN is built from it, with no reference to the bucket.
  t.has_resource_properties("AWS::S3::Bucket", Match::object_like({
      {"BucketName", Match::json(R"({"Fn::Sub": "s-uploads-7f776674-${AWS::AccountId}-${AWS::Region}"})")},
      {"VersioningConfiguration", Match::absent()}}));
  CHECK(synthesize(app).stacks[0].comments.at("Uploads") == "Uploads/Resource: S3 bucket Uploads, closed to the public");
}

TEST_CASE("bucket props become versioning, lifecycle, CORS, KMS encryption and EventBridge settings", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<s3::Bucket>("Docs", {
      .bucket_name = "my-docs-bucket",
      .encryption = s3::BucketEncryption::KmsManaged,
      .versioned = true,
      .event_bridge_enabled = true,
      .lifecycle_rules = {{.id = "old", .prefix = "tmp/", .expiration = Duration::days(90),
                           .noncurrent_version_expiration = Duration::days(30),
                           .abort_incomplete_multipart_upload_after = Duration::days(1),
                           .transitions = {{.storage_class = s3::StorageClass::StandardIa,
                                            .transition_after = Duration::days(30)}}}},
      .cors = {{.allowed_methods = {"GET", "PUT"}, .allowed_origins = {"https://example.com"},
                .allowed_headers = {"*"}, .max_age_seconds = 3000}},
      .removal_policy = RemovalPolicy::Delete,
  });
  Template t = Template::from_stack(stack);
  t.has_resource("AWS::S3::Bucket", Match::json(R"({"DeletionPolicy": "Delete", "Properties": {
    "BucketName": "my-docs-bucket",
    "BucketEncryption": {"ServerSideEncryptionConfiguration": [
      {"BucketKeyEnabled": true, "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]},
    "VersioningConfiguration": {"Status": "Enabled"},
    "NotificationConfiguration": {"EventBridgeConfiguration": {"EventBridgeEnabled": true}},
    "LifecycleConfiguration": {"Rules": [{"AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
      "ExpirationInDays": 90, "Id": "old", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}, "Prefix": "tmp/",
      "Status": "Enabled", "Transitions": [{"StorageClass": "STANDARD_IA", "TransitionInDays": 30}]}]},
    "CorsConfiguration": {"CorsRules": [{"AllowedHeaders": ["*"], "AllowedMethods": ["GET", "PUT"],
      "AllowedOrigins": ["https://example.com"], "MaxAge": 3000}]}}})"));
}

TEST_CASE("bucket grants use CDK's action lists on the bucket and its objects", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& bucket = stack.add<s3::Bucket>("Docs");
  auto& reader = stack.add<iam::Role>("Reader", {.assumed_by = "lambda.amazonaws.com"});
  auto& writer = stack.add<iam::Role>("Writer", {.assumed_by = "lambda.amazonaws.com"});
  auto& both = stack.add<iam::Role>("Both", {.assumed_by = "lambda.amazonaws.com"});
  auto& putter = stack.add<iam::Role>("Putter", {.assumed_by = "lambda.amazonaws.com"});
  auto& deleter = stack.add<iam::Role>("Deleter", {.assumed_by = "lambda.amazonaws.com"});
  CHECK(bucket.grant_read(reader).success());
  bucket.grant_write(writer);
  bucket.grant_read_write(both);
  bucket.grant_put(putter);
  bucket.grant_delete(deleter);
  Template t = Template::from_stack(stack);
  const std::string arn = "arn:${AWS::Partition}:s3:::s-docs-1218fc93-${AWS::AccountId}-${AWS::Region}";
  const std::string both_resources = R"([{"Fn::Sub": ")" + arn + R"("}, {"Fn::Sub": ")" + arn + R"(/*"}])";
  const std::string objects = R"({"Fn::Sub": ")" + arn + R"(/*"})";
  auto policy_of = [&](const char* role, const std::string& actions, const std::string& resources) {
    t.has_resource_properties("AWS::IAM::Policy", Match::json(R"({"Roles": [{"Ref": ")" + std::string(role) +
        R"("}], "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": )" + actions +
        R"(, "Resource": )" + resources + "}]}}"));
  };
  policy_of("Reader", R"(["s3:GetBucket*", "s3:GetObject*", "s3:List*"])", both_resources);
  policy_of("Writer", R"(["s3:Abort*", "s3:DeleteObject*", "s3:PutObject", "s3:PutObjectLegalHold",
    "s3:PutObjectRetention", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"])", both_resources);
  policy_of("Both", R"(["s3:Abort*", "s3:DeleteObject*", "s3:GetBucket*", "s3:GetObject*", "s3:List*", "s3:PutObject",
    "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"])", both_resources);
  policy_of("Putter", R"(["s3:Abort*", "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention",
    "s3:PutObjectTagging", "s3:PutObjectVersionTagging"])", objects);
  policy_of("Deleter", R"("s3:DeleteObject*")", objects);
  CHECK(synthesize(app).stacks[0].comments.at("BothDefaultPolicy") ==
        "Both/DefaultPolicy/Resource: Allows Both to read and write bucket Docs");
}

TEST_CASE("enforce_ssl adds a bucket policy that denies requests without TLS", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& bucket = stack.add<s3::Bucket>("Docs", {.enforce_ssl = true});
  REQUIRE(bucket.policy_resource() != nullptr);
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::S3::BucketPolicy", Match::json(R"({"Bucket": {"Ref": "Docs"},
    "PolicyDocument": {"Statement": [{"Effect": "Deny", "Action": "s3:*", "Principal": {"AWS": "*"},
      "Condition": {"Bool": {"aws:SecureTransport": "false"}},
      "Resource": [{"Fn::Sub": "arn:${AWS::Partition}:s3:::s-docs-1218fc93-${AWS::AccountId}-${AWS::Region}"},
                   {"Fn::Sub": "arn:${AWS::Partition}:s3:::s-docs-1218fc93-${AWS::AccountId}-${AWS::Region}/*"}]}]}})"));
}

TEST_CASE("auto_delete_objects adds a custom resource whose function empties the bucket on delete", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<s3::Bucket>("Scratch", {.removal_policy = RemovalPolicy::Delete, .auto_delete_objects = true});
  Template t = Template::from_stack(stack);
  t.has_resource_properties("Custom::S3AutoDeleteObjects", Match::json(R"({
    "BucketName": {"Ref": "Scratch"}, "ServiceToken": {"Fn::GetAtt": ["ScratchAutoDeleteObjectsHandler", "Arn"]}})"));
  t.has_resource_properties("AWS::Lambda::Function", Match::object_like({
      {"Runtime", "python3.12"}, {"Timeout", 900},
      {"Code", Match::object_like({{"ZipFile", Match::string_like_regexp("object_versions\\.delete\\(\\)")}})}}));
  t.has_resource_properties("AWS::IAM::Policy", Match::json(R"({"PolicyDocument": {"Statement": [{
    "Action": ["s3:DeleteObject*", "s3:GetBucket*", "s3:List*"],
    "Resource": [{"Fn::Sub": "arn:${AWS::Partition}:s3:::s-scratch-0f071346-${AWS::AccountId}-${AWS::Region}"},
                 {"Fn::Sub": "arn:${AWS::Partition}:s3:::s-scratch-0f071346-${AWS::AccountId}-${AWS::Region}/*"}]}]}})"));
  t.has_resource("AWS::Lambda::Function", Match::json(R"({"DependsOn": ["ScratchAutoDeleteObjectsRoleDefaultPolicy"]})"));
}

TEST_CASE("auto_delete_objects without removal policy Delete is an error", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<s3::Bucket>("Scratch", {.auto_delete_objects = true});
  CHECK(validation_errors(app) ==
        "[S/Scratch] auto_delete_objects empties the bucket only when CloudFormation deletes it, so it needs "
        "removal_policy Delete");
}

TEST_CASE("bucket names, lifecycle rules and CORS rules are checked with the value and the range", "[s3]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<s3::Bucket>("A", {.bucket_name = "My_Bucket"});
  stack.add<s3::Bucket>("B", {.bucket_name = "ab"});
  stack.add<s3::Bucket>("C", {.lifecycle_rules = {{.id = "x", .expiration = Duration::hours(36)},
                                                  {.noncurrent_version_expiration = Duration::days(3)},
                                                  {.expiration = Duration::days(20),
                                                   .transitions = {{.storage_class = s3::StorageClass::StandardIa,
                                                                    .transition_after = Duration::days(10)}}},
                                                  {}}});
  stack.add<s3::Bucket>("D", {.cors = {{.allowed_methods = {"PATCH"}, .allowed_origins = {}, .max_age_seconds = -1}}});
  std::string errors = validation_errors(app);
  for (const char* expected : {
           "[S/A] bucket name must be a-z 0-9 . - and start and end with a letter or digit, got 'My_Bucket' (9 characters)",
           "[S/B] bucket name must be 3 to 63 characters, got 'ab' (2 characters)",
           "[S/C] lifecycle rule 'x': expiration must be a whole number of days, at least 1, got 129600 seconds",
           "[S/C] lifecycle rule 1: noncurrent version expiration needs a versioned bucket (set versioned = true)",
           "[S/C] lifecycle rule 2: transition must be a whole number of days, at least 30, got 864000 seconds",
           "[S/C] lifecycle rule 3: needs at least one action",
           "[S/D] CORS rule 0: allowed method must be GET, PUT, HEAD, POST or DELETE, got 'PATCH'",
           "[S/D] CORS rule 0: needs at least one allowed origin",
           "[S/D] CORS rule 0: max age must be 0 or more seconds, got -1",
       }) {
    INFO(errors);
    CHECK_THAT(errors, Catch::Contains(expected));
  }
}
