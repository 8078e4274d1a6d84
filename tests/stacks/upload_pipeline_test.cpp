// The UploadPipeline reference stack: what it synthesizes (with formwork's assertions), cfn-lint
// and formwork lint on its template, and a deploy to moto_server through which the real
// handlers run: an upload, Ingest against moto's S3, DynamoDB and EventBridge, the rule
// delivering to the queue, and Auditor on the table's stream records.
#include <filesystem>

#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/upload_pipeline.hpp"
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
SynthesizedStack synth_upload_pipeline(App& app) {
  fs::current_path(testing::source_dir());
  app.add<stacks::UploadPipeline>("UploadPipeline");
  return synthesize(app).stacks.at(0);
}

Template template_of(const SynthesizedStack& stack) { return Template::from_json(stack.document.dump()); }

}  // namespace

using testing::aws_json;

TEST_CASE("UploadPipeline notifies Ingest of uploads under uploads/, after the permission, with no cycle",
          "[stacks][s3]") {
  App app;
  Template t = template_of(synth_upload_pipeline(app));
  t.has_resource("AWS::S3::Bucket", Match::object_like({
      {"Properties", Match::object_like({{"NotificationConfiguration", Match::json(R"({"LambdaConfigurations": [{
        "Event": "s3:ObjectCreated:*", "Function": {"Fn::GetAtt": ["Ingest", "Arn"]},
        "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "uploads/"}]}}}]})")}})},
      {"DependsOn", Match::array_with({"IngestUploadsPermission"})}}));
  // The permission names the bucket by its known ARN (no reference to the bucket): no cycle.
  t.has_resource_properties("AWS::Lambda::Permission", Match::object_like({
      {"Principal", "s3.amazonaws.com"}, {"FunctionName", Match::json(R"({"Fn::GetAtt": ["Ingest", "Arn"]})")},
      {"SourceArn", Match::object_like({{"Fn::Sub", Match::string_like_regexp("^arn:\\$\\{AWS::Partition\\}:s3:::uploadpipeline-uploads-")}})},
      {"SourceAccount", Match::any_value()}}));
  // S3 invokes asynchronously: bounded retries and an on-failure destination.
  t.has_resource_properties("AWS::Lambda::EventInvokeConfig", Match::json(R"({"FunctionName": {"Ref": "Ingest"},
    "MaximumRetryAttempts": 2, "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["Failures", "Arn"]}}}})"));
  t.has_resource_properties("AWS::Lambda::Function", Match::object_like({
      {"Handler", "index.handler"}, {"Runtime", "python3.12"},
      {"Environment", Match::json(R"({"Variables": {"TABLE_NAME": {"Ref": "Files"},
                                                    "EVENT_BUS_NAME": {"Fn::GetAtt": ["FileEvents", "Name"]}}})")}}));
}

TEST_CASE("UploadPipeline's Ingest may read the bucket, write the table and put events on the bus, nothing more",
          "[stacks][iam]") {
  App app;
  json r = testing::resources_of(synth_upload_pipeline(app));
  json statements = r["IngestServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"];
  json actions = json::array();
  for (const auto& statement : statements) actions.push_back(statement["Action"]);
  CHECK(actions == json::parse(R"([
    ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"],
    ["s3:GetBucket*", "s3:GetObject*", "s3:List*"],
    ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    "events:PutEvents"])"));
  CHECK(statements[3]["Resource"] == json::parse(R"({"Fn::GetAtt": ["FileEvents", "Arn"]})"));
  CHECK(statements[2]["Resource"] == json::parse(R"({"Fn::GetAtt": ["Files", "Arn"]})"));
}

TEST_CASE("UploadPipeline's rule sends uploaded images from the FileEvents bus to Thumbnails, reshaped",
          "[stacks][events]") {
  App app;
  Template t = template_of(synth_upload_pipeline(app));
  t.resource_count_is("AWS::Events::Rule", 1);
  t.has_resource_properties("AWS::Events::Rule", Match::json(R"({
    "EventBusName": {"Fn::GetAtt": ["FileEvents", "Name"]},
    "EventPattern": {"source": ["formwork.uploads"], "detail-type": ["File Uploaded"],
                     "detail": {"contentType": [{"prefix": "image/"}]}},
    "Targets": [{"Arn": {"Fn::GetAtt": ["Thumbnails", "Arn"]},
                 "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["Failures", "Arn"]}},
                 "RetryPolicy": {"MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 8},
                 "InputTransformer": {"InputPathsMap": {"bucket": "$.detail.bucket", "key": "$.detail.key",
                                                        "size": "$.detail.size", "contentType": "$.detail.contentType"}}}]})"));
  // Both queues let this rule, and only it, send to them.
  for (const char* queue : {"Thumbnails", "Failures"})
    t.has_resource_properties("AWS::SQS::QueuePolicy", Match::object_like({
        {"Queues", Match::json(std::string(R"([{"Ref": ")") + queue + R"("}])")},
        {"PolicyDocument", Match::json(R"({"Statement": [{"Principal": {"Service": "events.amazonaws.com"},
          "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["ImageUploaded", "Arn"]}}}}]})")}}));
}

TEST_CASE("UploadPipeline's Auditor reads the Files stream with bounded retries and an on-failure queue",
          "[stacks][dynamodb]") {
  App app;
  Template t = template_of(synth_upload_pipeline(app));
  t.has_resource_properties("AWS::DynamoDB::Table", Match::json(R"({
    "KeySchema": [{"AttributeName": "key", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
    "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    "TimeToLiveSpecification": {"AttributeName": "expiresAt", "Enabled": true},
    "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}})"));
  t.has_resource_properties("AWS::Lambda::EventSourceMapping", Match::json(R"({
    "EventSourceArn": {"Fn::GetAtt": ["Files", "StreamArn"]}, "FunctionName": {"Ref": "Auditor"},
    "StartingPosition": "TRIM_HORIZON", "BatchSize": 100, "MaximumBatchingWindowInSeconds": 5,
    "BisectBatchOnFunctionError": true, "MaximumRetryAttempts": 3, "MaximumRecordAgeInSeconds": 3600,
    "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["Failures", "Arn"]}}},
    "FunctionResponseTypes": ["ReportBatchItemFailures"],
    "FilterCriteria": {"Filters": [{"Pattern": "{\"eventName\":[\"INSERT\",\"REMOVE\"]}"}]}})"));
  t.has_output("FailuresQueueUrl", Match::object_like({{"Value", Match::json(R"({"Ref": "Failures"})")}}));
}

TEST_CASE("the UploadPipeline template passes cfn-lint and formwork lint with no finding", "[stacks][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  App app;
  (void)testing::check_lint_clean(synth_upload_pipeline(app));
}

TEST_CASE("UploadPipeline deploys to moto, and an upload goes through Ingest, the bus and the rule to the queue "
          "and through the stream to Auditor", "[stacks][deploy]") {
  if (!testing::require_tool("aws") || !testing::require_tool("moto_server") || !testing::require_tool("python3"))
    return;
  App app;
  auto stack = synth_upload_pipeline(app);
  testing::MotoServer moto;
  testing::upload_assets(moto, stack, "formwork-assets");
  testing::deploy(moto, stack, {"AssetsBucket=formwork-assets"});
  auto physical = testing::deployed_resources(moto, stack).physical;

  // GIVEN the deployed resources
  std::string bucket = physical.at("Uploads");
  CHECK(bucket.rfind("uploadpipeline-uploads-", 0) == 0);
  // moto's CloudFormation creates a bucket with its name, encryption and tags only: it drops
  // NotificationConfiguration, LifecycleConfiguration and PublicAccessBlockConfiguration
  // (the synthesis tests above check those), and records the bucket policy without creating it.
  json encryption = aws_json(moto, {"s3api", "get-bucket-encryption", "--bucket", bucket});
  CHECK(encryption["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"]
                  ["SSEAlgorithm"] == "AES256");
  json table = aws_json(moto, {"dynamodb", "describe-table", "--table-name", physical.at("Files")})["Table"];
  CHECK(table["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES");
  json mappings = aws_json(moto, {"lambda", "list-event-source-mappings", "--function-name", physical.at("Auditor")});
  REQUIRE(mappings["EventSourceMappings"].size() == 1);
  CHECK(mappings["EventSourceMappings"][0]["EventSourceArn"] == table["LatestStreamArn"]);
  // moto lists the bus with no physical ID; the template names it.
  std::string bus = testing::resources_of(stack)["FileEvents"]["Properties"]["Name"];
  CHECK(bus == "UploadPipeline-FileEvents");
  CHECK(aws_json(moto, {"events", "describe-event-bus", "--name", bus})["Name"] == bus);
  json rules = aws_json(moto, {"events", "list-rules", "--event-bus-name", bus})["Rules"];
  REQUIRE(rules.size() == 1);

  // WHEN an image and a text file (1024 bytes each, as the S3 event says) are uploaded, and
  // Ingest runs on the S3 event of both
  testing::TempDir folder;
  auto upload = folder.path() / "upload";
  testing::write_file(upload, std::string(1024, 'x'));
  for (const auto& [key, type] : {std::pair{"uploads/cat photo.png", "image/png"}, {"uploads/notes.txt", "text/plain"}})
    CHECK(moto.aws({"s3api", "put-object", "--bucket", bucket, "--key", key, "--content-type", type, "--body",
                    upload.string()}).exit_code == 0);
  json s3_event = json::parse(testing::read_file(testing::source_dir() / "examples/events/s3_uploads.json"));
  for (auto& record : s3_event["Records"]) record["s3"]["bucket"]["name"] = bucket;
  std::string log;
  json ingested = testing::run_python_handler(moto, "upload_ingest", s3_event,
                              {{"TABLE_NAME", physical.at("Files")}, {"EVENT_BUS_NAME", bus}}, &log);

  // THEN both are in the table, and only the image reached Thumbnails, reshaped by the rule
  CHECK(ingested["recorded"] == 2);
  json item = aws_json(moto, {"dynamodb", "get-item", "--table-name", physical.at("Files"), "--key",
                              R"({"key": {"S": "uploads/cat photo.png"}})"})["Item"];
  CHECK(item["contentType"]["S"] == "image/png");
  CHECK(item.contains("expiresAt"));
  json received = aws_json(moto, {"sqs", "receive-message", "--queue-url", physical.at("Thumbnails"),
                                  "--max-number-of-messages", "10"});
  REQUIRE(received["Messages"].size() == 1);
  json body = json::parse(received["Messages"][0]["Body"].get<std::string>());
  CHECK(body == json{{"bucket", bucket}, {"key", "uploads/cat photo.png"}, {"size", 1024}, {"contentType", "image/png"}});

  // WHEN Auditor runs on the stream records of both items. moto hands a table's stream records
  // to its event source mapping as they are written (trying to run the function, which needs
  // Docker) and then drops them, so the records are built here from the stored items, as
  // DynamoDB Streams writes an INSERT with NEW_AND_OLD_IMAGES.
  json records = json::array();
  for (const char* key : {"uploads/cat photo.png", "uploads/notes.txt"}) {
    json stored = aws_json(moto, {"dynamodb", "get-item", "--table-name", physical.at("Files"), "--key",
                                  json{{"key", {{"S", key}}}}.dump()})["Item"];
    records.push_back({{"eventID", std::to_string(records.size() + 1)}, {"eventName", "INSERT"},
                       {"eventSource", "aws:dynamodb"}, {"eventSourceARN", table["LatestStreamArn"]},
                       {"dynamodb", {{"Keys", {{"key", stored["key"]}}}, {"NewImage", stored},
                                     {"SequenceNumber", std::to_string(100 * (records.size() + 1))},
                                     {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}});
  }
  json audited = testing::run_python_handler(moto, "file_audit", {{"Records", records}}, {}, &log);

  // THEN it logs one `uploaded` line a file and reports no failure
  CHECK(audited == json::parse(R"({"batchItemFailures": []})"));
  CHECK_THAT(log, Catch::Contains(R"({"action": "uploaded", "key": "uploads/cat photo.png", "size": 1024)"));
  CHECK_THAT(log, Catch::Contains(R"({"action": "uploaded", "key": "uploads/notes.txt")"));
}
