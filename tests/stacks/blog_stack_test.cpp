// The BlogStack reference stack (the blog ported from AWS CDK): what it synthesizes (with
// formwork's assertions), cfn-lint and formwork lint on its template, and a deploy to
// moto_server on which the real handlers run: documents in and out of the bucket as bytes,
// posts in the table, and the listener's daily count.
#include <filesystem>

#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/blog_stack.hpp"
#include "tests/support/moto_stack.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using assertions::Match;
using assertions::Template;
// Unordered, so that comparisons ignore key order.
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The asset directories are relative to the repository root.
SynthesizedStack synth_blog(App& app) {
  fs::current_path(testing::source_dir());
  app.add<stacks::BlogStack>("BlogStack");
  return synthesize(app).stacks.at(0);
}

Template template_of(const SynthesizedStack& stack) { return Template::from_json(stack.document.dump()); }

}  // namespace

using testing::aws_json;

TEST_CASE("BlogStack's Listener: 512 MB, 10 s, STAGE, logs kept 5 days, and only UpdateItem on the table",
          "[stacks][lambda]") {
  App app;
  Template t = template_of(synth_blog(app));
  t.has_resource_properties("AWS::Lambda::Function", Match::object_like({
      {"Description", Match::string_like_regexp("^Counts")},
      {"MemorySize", 512}, {"Timeout", 10}, {"Runtime", "python3.12"},
      {"Environment", Match::json(R"({"Variables": {"STAGE": "dev", "TABLE_NAME": {"Ref": "Posts"}}})")},
      {"LoggingConfig", Match::json(R"({"LogGroup": {"Ref": "ListenerLogGroup"}})")}}));
  t.has_resource_properties("AWS::Logs::LogGroup", Match::json(R"({"RetentionInDays": 5})"));
  // The initial policy, and the async failure handling: nothing else.
  t.has_resource_properties("AWS::IAM::Policy", Match::object_like({
      {"Roles", Match::json(R"([{"Ref": "ListenerServiceRole"}])")},
      {"PolicyDocument", Match::object_like({{"Statement", Match::array({
          Match::json(R"({"Action": "dynamodb:UpdateItem", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["Posts", "Arn"]}})"),
          Match::json(R"({"Action": ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"],
                         "Resource": {"Fn::GetAtt": ["ListenerFailures", "Arn"]}})")})}})}}));
  t.has_resource_properties("AWS::SNS::Subscription", Match::json(R"({"Protocol": "lambda",
    "TopicArn": {"Ref": "BlogEvents"}, "Endpoint": {"Fn::GetAtt": ["Listener", "Arn"]}})"));
}

TEST_CASE("BlogStack's Api reads and writes the documents and the posts, and publishes to the topic", "[stacks][iam]") {
  App app;
  json r = testing::resources_of(synth_blog(app));
  json statements = r["ApiServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"];
  REQUIRE(statements.size() == 3);
  CHECK(statements[0]["Action"] == json::parse(R"(["s3:Abort*", "s3:DeleteObject*", "s3:GetBucket*", "s3:GetObject*",
    "s3:List*", "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging",
    "s3:PutObjectVersionTagging"])"));
  CHECK(statements[1]["Resource"] == json::parse(R"({"Fn::GetAtt": ["Posts", "Arn"]})"));
  CHECK(statements[2] == json::parse(R"({"Action": "sns:Publish", "Effect": "Allow", "Resource": {"Ref": "BlogEvents"}})"));
}

TEST_CASE("BlogStack's API is a proxy with binary media types on stage dev, and every resource is tagged",
          "[stacks][apigateway]") {
  App app;
  Template t = template_of(synth_blog(app));
  t.has_resource_properties("AWS::ApiGateway::RestApi", Match::json(R"({
    "BinaryMediaTypes": ["image/*", "application/pdf", "application/octet-stream"]})"));
  t.has_resource_properties("AWS::ApiGateway::Stage", Match::json(R"({"StageName": "dev"})"));
  t.has_resource_properties("AWS::ApiGateway::Resource", Match::json(R"({"PathPart": "{proxy+}"})"));
  t.resource_count_is("AWS::ApiGateway::Method", 2);
  t.has_output("ApiUrl", Match::object_like({{"Value", Match::object_like({
      {"Fn::Sub", Match::string_like_regexp("/\\$\\{BlogApiDeploymentStageDev\\}/$")}})}}));

  auto tagged = Match::object_like({{"Properties", Match::object_like({{"Tags", Match::array_with({
      Match::json(R"({"Key": "project", "Value": "blog"})"), Match::json(R"({"Key": "stage", "Value": "dev"})")})}})}});
  for (const char* type : {"AWS::Lambda::Function", "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SNS::Topic",
                           "AWS::ApiGateway::RestApi", "AWS::IAM::Role", "AWS::SQS::Queue", "AWS::Logs::LogGroup"}) {
    INFO(type);
    CHECK_FALSE(t.find_resources(type).empty());
    CHECK(t.find_resources(type, tagged).size() == t.find_resources(type).size());
  }
}

TEST_CASE("the BlogStack template passes cfn-lint and formwork lint with no finding", "[stacks][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  App app;
  std::string own = testing::check_lint_clean(synth_blog(app));
  CHECK_THAT(own, Catch::Contains("0 errors, 0 warnings"));
}

TEST_CASE("BlogStack deploys to moto, and its handlers store documents as bytes, posts, and daily counts there",
          "[stacks][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server") || !testing::require_tool("python3"))
    return;
  App app;
  auto stack = synth_blog(app);
  testing::MotoServer moto;
  testing::upload_assets(moto, stack, "formwork-assets");
  testing::deploy(moto, stack, {"AssetsBucket=formwork-assets"});
  auto physical = testing::deployed_resources(moto, stack).physical;

  // GIVEN the deployed API, table and bucket
  // moto's CloudFormation drops the API's BinaryMediaTypes and only records the Stage (the
  // synthesis tests above check both).
  json api = aws_json(moto, {"apigateway", "get-rest-api", "--rest-api-id", physical.at("BlogApi")});
  CHECK(api["name"] == "BlogApi");
  json table = aws_json(moto, {"dynamodb", "describe-table", "--table-name", physical.at("Posts")})["Table"];
  json tags = aws_json(moto, {"dynamodb", "list-tags-of-resource", "--resource-arn", table["TableArn"]})["Tags"];
  CHECK(tags == json::parse(R"([{"Key": "project", "Value": "blog"}, {"Key": "stage", "Value": "dev"}])"));
  std::map<std::string, std::string> env{{"STAGE", "dev"},
                                         {"TABLE_NAME", physical.at("Posts")},
                                         {"BUCKET_NAME", physical.at("Documents")},
                                         {"TOPIC_ARN", physical.at("BlogEvents")}};

  // WHEN a PNG is PUT through the proxy (API Gateway base64-encodes a binary media type) and read back
  const std::string png_base64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  json put = testing::run_python_handler(moto, "blog_api", {{"httpMethod", "PUT"}, {"path", "/documents/dot.png"},
                                            {"headers", {{"Content-Type", "image/png"}}},
                                            {"body", png_base64}, {"isBase64Encoded", true}}, env);
  json got = testing::run_python_handler(moto, "blog_api", {{"httpMethod", "GET"}, {"path", "/documents/dot.png"}}, env);

  // THEN the bucket holds the bytes, and the answer is them in base64 for API Gateway to decode
  CHECK(put["statusCode"] == 201);
  CHECK(json::parse(put["body"].get<std::string>())["size"] == 70);
  json head = aws_json(moto, {"s3api", "head-object", "--bucket", physical.at("Documents"), "--key", "documents/dot.png"});
  CHECK(head["ContentLength"] == 70);
  CHECK(head["ContentType"] == "image/png");
  CHECK(got["isBase64Encoded"] == true);
  CHECK(got["body"] == png_base64);
  CHECK(got["headers"]["Content-Type"] == "image/png");

  // WHEN a post is created and listed, and the listener gets its announcement
  json created = testing::run_python_handler(moto, "blog_api", {{"httpMethod", "POST"}, {"path", "/posts"},
                                                {"body", R"({"title": "Hello", "body": "First post"})"}}, env);
  REQUIRE(created["statusCode"] == 201);
  std::string id = json::parse(created["body"].get<std::string>())["id"];
  json listed = testing::run_python_handler(moto, "blog_api", {{"httpMethod", "GET"}, {"path", "/posts"}}, env);
  json announcement = {{"Records", {{{"EventSource", "aws:sns"}, {"Sns", {
      {"MessageId", "m-1"}, {"TopicArn", physical.at("BlogEvents")}, {"Timestamp", "2026-12-01T09:00:00.000Z"},
      {"Message", json{{"type", "PostPublished"}, {"id", id}, {"title", "Hello"}}.dump()}}}}}}};
  json counted = testing::run_python_handler(moto, "blog_listener", announcement, {{"STAGE", "dev"}, {"TABLE_NAME", physical.at("Posts")}});
  testing::run_python_handler(moto, "blog_listener", announcement, {{"STAGE", "dev"}, {"TABLE_NAME", physical.at("Posts")}});

  // THEN the post is listed, and the day's count is 2 after two deliveries
  CHECK(json::parse(listed["body"].get<std::string>())[0]["title"] == "Hello");
  CHECK(counted == json{{"counted", 1}});
  json stats = aws_json(moto, {"dynamodb", "get-item", "--table-name", physical.at("Posts"), "--key",
                               R"({"id": {"S": "stats#2026-12-01"}})"})["Item"];
  CHECK(stats["posts"]["N"] == "2");
  json missing = testing::run_python_handler(moto, "blog_api", {{"httpMethod", "GET"}, {"path", "/posts/post%23none"}}, env);
  CHECK(missing["statusCode"] == 404);
}
