#pragma once

// The JSON documents Lambda and its event sources write, exactly as AWS shapes them
// (LOCAL-RUNTIME.md §3.3–3.7): the destination invocation record, the SQS, SNS and scheduled
// events a function receives.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "local/clock.hpp"
#include "local/sqs/queue.hpp"

namespace formwork::local::lambda {

/// Text as JSON when it parses, else the text as a JSON string (a payload that is not JSON).
[[nodiscard]] nlohmann::ordered_json json_or_string(const std::string& text);

struct RecordInput {
  Millis at = 0;
  std::string request_id = {};
  std::string function_arn = {};  ///< unqualified; the record carries it with `:$LATEST`
  std::string condition = {};     ///< Success, RetriesExhausted, EventAgeExceeded
  int approximate_invoke_count = 1;
  std::string request_payload = {};   ///< the event (JSON text)
  int status_code = 200;
  std::string function_error = {};    ///< "Unhandled" on a function error, "" on success
  /// The handler's result or error (JSON text). Default: none (then no responsePayload).
  std::optional<std::string> response_payload = std::nullopt;
};

/// {version, timestamp, requestContext{requestId, functionArn, condition,
/// approximateInvokeCount}, requestPayload, responseContext{statusCode, executedVersion[,
/// functionError]}, responsePayload} with AWS's key order.
[[nodiscard]] nlohmann::ordered_json destination_record(const RecordInput& input);

/// One received message as an SQS event record (`Records[i]`).
[[nodiscard]] nlohmann::ordered_json sqs_record(const sqs::Message& message, const std::string& queue_arn);
/// {"Records":[...]} of a batch.
[[nodiscard]] nlohmann::ordered_json sqs_event(const std::vector<sqs::Message>& batch, const std::string& queue_arn);

struct SnsNotification {
  std::string message_id = {};
  std::string topic_arn = {};
  std::string subscription_arn = {};
  std::string message = {};
  std::optional<std::string> subject = {};
  sqs::MessageAttributes attributes = {};
  Millis at = 0;
};

/// The `Sns` object (and the SQS envelope): Type, MessageId, TopicArn, Subject, Message,
/// Timestamp, SignatureVersion, Signature, SigningCertUrl/SigningCertURL, UnsubscribeUrl/URL,
/// MessageAttributes {"Name":{"Type","Value"}}. `for_lambda` selects the Lambda event's
/// spelling (SigningCertUrl) or the SQS envelope's (SigningCertURL).
[[nodiscard]] nlohmann::ordered_json sns_message(const SnsNotification& notification, bool for_lambda);
/// {"Records":[{"EventSource":"aws:sns","EventVersion":"1.0","EventSubscriptionArn",...,"Sns":{...}}]}.
[[nodiscard]] nlohmann::ordered_json sns_event(const SnsNotification& notification);

/// EventBridge's scheduled event for a rule.
[[nodiscard]] nlohmann::ordered_json scheduled_event(const std::string& id, Millis at, const std::string& rule_arn);

}  // namespace formwork::local::lambda
