#include "local/lambda/records.hpp"

#include "local/ids.hpp"
#include "local/model.hpp"

namespace formwork::local::lambda {

using ojson = nlohmann::ordered_json;

ojson json_or_string(const std::string& text) {
  auto parsed = ojson::parse(text, nullptr, false);
  if (parsed.is_discarded()) return ojson(text);
  return parsed;
}

ojson destination_record(const RecordInput& input) {
  ojson record;
  record["version"] = "1.0";
  record["timestamp"] = iso8601_millis(input.at);
  record["requestContext"] = {{"requestId", input.request_id},
                              {"functionArn", input.function_arn + ":$LATEST"},
                              {"condition", input.condition},
                              {"approximateInvokeCount", input.approximate_invoke_count}};
  record["requestPayload"] = json_or_string(input.request_payload);
  ojson response = {{"statusCode", input.status_code}, {"executedVersion", "$LATEST"}};
  if (!input.function_error.empty()) response["functionError"] = input.function_error;
  record["responseContext"] = response;
  if (input.response_payload) record["responsePayload"] = json_or_string(*input.response_payload);
  return record;
}

ojson sqs_record(const sqs::Message& message, const std::string& queue_arn) {
  ojson record;
  record["messageId"] = message.id;
  record["receiptHandle"] = message.receipt_handle;
  record["body"] = message.body;
  record["attributes"] = {{"ApproximateReceiveCount", std::to_string(message.receive_count)},
                          {"SentTimestamp", std::to_string(message.sent_at)},
                          {"SenderId", message.sender_id},
                          {"ApproximateFirstReceiveTimestamp", std::to_string(message.first_received_at)}};
  ojson attributes = ojson::object();
  for (const auto& [name, attribute] : message.attributes) {
    ojson value;
    if (attribute.is_binary())
      value["binaryValue"] = base64_encode(attribute.binary_value);
    else
      value["stringValue"] = attribute.string_value;
    value["stringListValues"] = ojson::array();
    value["binaryListValues"] = ojson::array();
    value["dataType"] = attribute.data_type;
    attributes[name] = value;
  }
  record["messageAttributes"] = attributes;
  record["md5OfBody"] = message.md5_of_body;
  if (!message.md5_of_attributes.empty()) record["md5OfMessageAttributes"] = message.md5_of_attributes;
  record["eventSource"] = "aws:sqs";
  record["eventSourceARN"] = queue_arn;
  record["awsRegion"] = std::string(kRegion);
  return record;
}

ojson sqs_event(const std::vector<sqs::Message>& batch, const std::string& queue_arn) {
  ojson records = ojson::array();
  for (const auto& message : batch) records.push_back(sqs_record(message, queue_arn));
  return {{"Records", records}};
}

ojson sns_message(const SnsNotification& n, bool for_lambda) {
  ojson sns;
  if (for_lambda) {
    sns["SignatureVersion"] = "1";
    sns["Timestamp"] = iso8601_millis(n.at);
    sns["Signature"] = "FORMWORKLOCAL";
    sns["SigningCertUrl"] = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem";
    sns["MessageId"] = n.message_id;
    sns["Message"] = n.message;
  } else {
    sns["Type"] = "Notification";
    sns["MessageId"] = n.message_id;
    sns["TopicArn"] = n.topic_arn;
    if (n.subject) sns["Subject"] = *n.subject;
    sns["Message"] = n.message;
    sns["Timestamp"] = iso8601_millis(n.at);
    sns["SignatureVersion"] = "1";
    sns["Signature"] = "FORMWORKLOCAL";
    sns["SigningCertURL"] = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem";
    sns["UnsubscribeURL"] = "http://127.0.0.1/?Action=Unsubscribe&SubscriptionArn=" + n.subscription_arn;
  }
  ojson attributes = ojson::object();
  for (const auto& [name, attribute] : n.attributes)
    attributes[name] = {{"Type", attribute.data_type},
                        {"Value", attribute.is_binary() ? base64_encode(attribute.binary_value) : attribute.string_value}};
  if (for_lambda || !attributes.empty()) sns["MessageAttributes"] = attributes;
  if (for_lambda) {
    sns["Type"] = "Notification";
    sns["UnsubscribeUrl"] = "http://127.0.0.1/?Action=Unsubscribe&SubscriptionArn=" + n.subscription_arn;
    sns["TopicArn"] = n.topic_arn;
    sns["Subject"] = n.subject ? ojson(*n.subject) : ojson(nullptr);
  }
  return sns;
}

ojson sns_event(const SnsNotification& n) {
  ojson record;
  record["EventVersion"] = "1.0";
  record["EventSubscriptionArn"] = n.subscription_arn;
  record["EventSource"] = "aws:sns";
  record["Sns"] = sns_message(n, true);
  return {{"Records", ojson::array({record})}};
}

ojson scheduled_event(const std::string& id, Millis at, const std::string& rule_arn) {
  ojson event;
  event["version"] = "0";
  event["id"] = id;
  event["detail-type"] = "Scheduled Event";
  event["source"] = "aws.events";
  event["account"] = std::string(kAccountId);
  event["time"] = iso8601_seconds(at);
  event["region"] = std::string(kRegion);
  event["resources"] = ojson::array({rule_arn});
  event["detail"] = ojson::object();
  return event;
}

}  // namespace formwork::local::lambda
