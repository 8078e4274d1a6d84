#include <catch2/catch.hpp>

#include "local/lambda/records.hpp"

using namespace formwork::local;

TEST_CASE("the on-failure record is AWS's JSON, key for key and in AWS's order", "[local][records]") {
  auto record = lambda::destination_record(
      {.at = 1573755365568,
       .request_id = "e4b46cbf-b738-xmpl-8880-a18cdf61200e",
       .function_arn = "arn:aws:lambda:us-east-2:123456789012:function:my-function",
       .condition = "RetriesExhausted",
       .approximate_invoke_count = 3,
       .request_payload = R"({"ORDER_IDS":["9e07af03-ce31-4ff3-xmpl-36dce652cb4f"]})",
       .status_code = 200,
       .function_error = "Unhandled",
       .response_payload = R"({"errorMessage":"RequestId: e4b46cbf Process exited","errorType":"Runtime.ExitError"})"});
  REQUIRE(record.dump() ==
          R"({"version":"1.0","timestamp":"2019-11-14T18:16:05.568Z",)"
          R"("requestContext":{"requestId":"e4b46cbf-b738-xmpl-8880-a18cdf61200e",)"
          R"("functionArn":"arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST",)"
          R"("condition":"RetriesExhausted","approximateInvokeCount":3},)"
          R"("requestPayload":{"ORDER_IDS":["9e07af03-ce31-4ff3-xmpl-36dce652cb4f"]},)"
          R"("responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},)"
          R"("responsePayload":{"errorMessage":"RequestId: e4b46cbf Process exited","errorType":"Runtime.ExitError"}})");
}

TEST_CASE("the on-success record has no functionError, and a payload that is not JSON stays a string",
          "[local][records]") {
  auto record = lambda::destination_record({.at = 0,
                                            .request_id = "r",
                                            .function_arn = "arn:aws:lambda:us-east-1:123456789012:function:Square",
                                            .condition = "Success",
                                            .approximate_invoke_count = 1,
                                            .request_payload = "not json",
                                            .response_payload = R"({"input":4,"square":16})"});
  REQUIRE(record["responseContext"].dump() == R"({"statusCode":200,"executedVersion":"$LATEST"})");
  REQUIRE(record["requestPayload"] == "not json");
  REQUIRE(record["responsePayload"]["square"] == 16);
}

TEST_CASE("the SQS event record has AWS's fields", "[local][records]") {
  sqs::Message message{.id = "059f36b4-87a3-44ab-83d2-661975830a7d",
                       .body = "Test message.",
                       .attributes = {{"Author", {.data_type = "String", .string_value = "John"}}},
                       .md5_of_body = "e4e68fb7bd0e697a0ae8f1bb342846b3",
                       .md5_of_attributes = "abc",
                       .sent_at = 1545082649183,
                       .visible_at = 0,
                       .first_received_at = 1545082649185,
                       .receive_count = 1,
                       .receipt_handle = "AQEB"};
  auto record = lambda::sqs_record(message, "arn:aws:sqs:us-east-1:123456789012:my-queue");
  REQUIRE(record.dump() ==
          R"({"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEB","body":"Test message.",)"
          R"("attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183","SenderId":"AIDAFORMWORKLOCAL",)"
          R"("ApproximateFirstReceiveTimestamp":"1545082649185"},)"
          R"("messageAttributes":{"Author":{"stringValue":"John","stringListValues":[],"binaryListValues":[],"dataType":"String"}},)"
          R"("md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","md5OfMessageAttributes":"abc","eventSource":"aws:sqs",)"
          R"("eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:my-queue","awsRegion":"us-east-1"})");
}

TEST_CASE("the SNS event and the scheduled event have AWS's shape", "[local][records]") {
  auto event = lambda::sns_event({.message_id = "95df01b4",
                                  .topic_arn = "arn:aws:sns:us-east-1:123456789012:sns-lambda",
                                  .subscription_arn = "arn:aws:sns:us-east-1:123456789012:sns-lambda:21be56ed",
                                  .message = "Hello from SNS!",
                                  .subject = "TestInvoke",
                                  .attributes = {{"Test", {.data_type = "String", .string_value = "TestString"}}},
                                  .at = 1546433107000});
  const auto& record = event["Records"][0];
  REQUIRE(record["EventSource"] == "aws:sns");
  REQUIRE(record["EventVersion"] == "1.0");
  REQUIRE(record["Sns"]["Type"] == "Notification");
  REQUIRE(record["Sns"]["Timestamp"] == "2019-01-02T12:45:07.000Z");
  REQUIRE(record["Sns"]["MessageAttributes"]["Test"].dump() == R"({"Type":"String","Value":"TestString"})");
  REQUIRE(record["Sns"]["Subject"] == "TestInvoke");
  auto scheduled = lambda::scheduled_event("cdc73f9d", 1551403425000, "arn:aws:events:us-east-1:123456789012:rule/my-schedule");
  REQUIRE(scheduled.dump() ==
          R"({"version":"0","id":"cdc73f9d","detail-type":"Scheduled Event","source":"aws.events",)"
          R"("account":"123456789012","time":"2019-03-01T01:23:45Z","region":"us-east-1",)"
          R"("resources":["arn:aws:events:us-east-1:123456789012:rule/my-schedule"],"detail":{}})");
}
