// SQS's JSON 1.0 protocol (X-Amz-Target: AmazonSQS.<Operation>), as botocore's SQS model
// (awsQueryCompatible) reads it: errors carry `__type` and the x-amzn-query-error header.

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "local/cloud.hpp"
#include "local/http/api.hpp"
#include "local/ids.hpp"
#include "local/sqs/sqs.hpp"

namespace formwork::local::http {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

std::string query_code(const std::string& code) {
  if (code == "QueueDoesNotExist") return "AWS.SimpleQueueService.NonExistentQueue";
  if (code == "TooManyEntriesInBatchRequest" || code == "EmptyBatchRequest" || code == "BatchEntryIdsNotDistinct" ||
      code == "UnsupportedOperation" || code == "InvalidBatchEntryId")
    return "AWS.SimpleQueueService." + code;
  return code;
}

HttpResponse sqs_error(const std::string& code, const std::string& message, int status = 400) {
  auto response = json_response(status, {{"__type", "com.amazonaws.sqs#" + code}, {"message", message}},
                                "application/x-amz-json-1.0");
  response.headers.emplace_back("x-amzn-query-error", query_code(code) + ";Sender");
  return response;
}

std::string text(const json& request, const char* name, bool required = true) {
  auto it = request.find(name);
  if (it == request.end() || it->is_null()) {
    if (required) throw sqs::SqsError("MissingParameter", std::string("The request must contain the parameter ") + name + ".");
    return "";
  }
  if (!it->is_string()) throw sqs::SqsError("InvalidParameterValue", std::string("Value for parameter ") + name + " is invalid.");
  return it->get<std::string>();
}

std::optional<int> number(const json& request, const char* name) {
  auto it = request.find(name);
  if (it == request.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) throw sqs::SqsError("InvalidParameterValue", std::string("Value for parameter ") + name + " is invalid.");
  return it->get<int>();
}

sqs::MessageAttributes attributes_of(const json& request) {
  sqs::MessageAttributes out;
  auto it = request.find("MessageAttributes");
  if (it == request.end() || !it->is_object()) return out;
  for (const auto& [name, value] : it->items()) {
    sqs::MessageAttribute attribute;
    attribute.data_type = value.value("DataType", "");
    if (attribute.data_type.empty())
      throw sqs::SqsError("InvalidParameterValue", "The message attribute '" + name + "' must contain non-empty message attribute type.");
    if (attribute.is_binary()) {
      try {
        attribute.binary_value = base64_decode(value.value("BinaryValue", ""));
      } catch (const std::exception&) {
        throw sqs::SqsError("InvalidParameterValue", "The message attribute '" + name + "' has an invalid binary value.");
      }
    } else {
      attribute.string_value = value.value("StringValue", "");
    }
    out[name] = attribute;
  }
  return out;
}

ojson attribute_json(const sqs::MessageAttribute& attribute) {
  ojson value;
  if (attribute.is_binary())
    value["BinaryValue"] = base64_encode(attribute.binary_value);
  else
    value["StringValue"] = attribute.string_value;
  value["DataType"] = attribute.data_type;
  return value;
}

bool wanted(const std::vector<std::string>& names, const std::string& name) {
  for (const auto& n : names) {
    if (n == "All" || n == ".*" || n == name) return true;
    if (n.size() > 2 && n.compare(n.size() - 2, 2, ".*") == 0 && name.rfind(n.substr(0, n.size() - 1), 0) == 0) return true;
  }
  return false;
}

std::vector<std::string> list(const json& request, const char* name) {
  std::vector<std::string> out;
  auto it = request.find(name);
  if (it != request.end() && it->is_array())
    for (const auto& item : *it)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

ojson send_one(sqs::Sqs& queues, const std::string& url, const json& entry) {
  auto message = queues.send(url, text(entry, "MessageBody"), attributes_of(entry), number(entry, "DelaySeconds"));
  ojson out;
  out["MD5OfMessageBody"] = message.md5_of_body;
  if (!message.md5_of_attributes.empty()) out["MD5OfMessageAttributes"] = message.md5_of_attributes;
  out["MessageId"] = message.id;
  return out;
}

ojson receive(sqs::Sqs& queues, const json& request) {
  auto url = text(request, "QueueUrl");
  auto messages = queues.receive(url, {.max_messages = number(request, "MaxNumberOfMessages").value_or(1),
                                       .visibility_timeout_s = number(request, "VisibilityTimeout"),
                                       .wait_time_s = number(request, "WaitTimeSeconds")});
  auto system_names = list(request, "AttributeNames");
  for (auto& name : list(request, "MessageSystemAttributeNames")) system_names.push_back(name);
  auto attribute_names = list(request, "MessageAttributeNames");
  ojson out = ojson::array();
  for (const auto& m : messages) {
    ojson item;
    item["MessageId"] = m.id;
    item["ReceiptHandle"] = m.receipt_handle;
    item["MD5OfBody"] = m.md5_of_body;
    item["Body"] = m.body;
    ojson attributes = ojson::object();
    const std::vector<std::pair<std::string, std::string>> system{
        {"SenderId", m.sender_id},
        {"ApproximateFirstReceiveTimestamp", std::to_string(m.first_received_at)},
        {"ApproximateReceiveCount", std::to_string(m.receive_count)},
        {"SentTimestamp", std::to_string(m.sent_at)}};
    for (const auto& [name, value] : system)
      if (wanted(system_names, name)) attributes[name] = value;
    if (!attributes.empty()) item["Attributes"] = attributes;
    sqs::MessageAttributes returned;
    for (const auto& [name, attribute] : m.attributes)
      if (wanted(attribute_names, name)) returned[name] = attribute;
    if (!returned.empty()) {
      item["MD5OfMessageAttributes"] = sqs::md5_of_attributes(returned);
      ojson values = ojson::object();
      for (const auto& [name, attribute] : returned) values[name] = attribute_json(attribute);
      item["MessageAttributes"] = values;
    }
    out.push_back(item);
  }
  return out.empty() ? ojson::object() : ojson{{"Messages", out}};
}

ojson queue_attributes(sqs::Sqs& queues, const std::string& url, const std::vector<std::string>& names) {
  auto config = queues.config_of(url);
  auto counts = queues.counts(url);
  std::vector<std::pair<std::string, std::string>> all{
      {"QueueArn", config.arn},
      {"ApproximateNumberOfMessages", std::to_string(counts.visible)},
      {"ApproximateNumberOfMessagesNotVisible", std::to_string(counts.in_flight)},
      {"ApproximateNumberOfMessagesDelayed", std::to_string(counts.delayed)},
      {"CreatedTimestamp", "1767225600"},
      {"LastModifiedTimestamp", "1767225600"},
      {"VisibilityTimeout", std::to_string(config.visibility_timeout_s)},
      {"MaximumMessageSize", std::to_string(config.maximum_message_size)},
      {"MessageRetentionPeriod", std::to_string(config.retention_s)},
      {"DelaySeconds", std::to_string(config.delay_s)},
      {"ReceiveMessageWaitTimeSeconds", std::to_string(config.receive_wait_s)},
      {"SqsManagedSseEnabled", "true"}};
  if (!config.dead_letter_arn.empty())
    all.emplace_back("RedrivePolicy", ojson{{"deadLetterTargetArn", config.dead_letter_arn},
                                            {"maxReceiveCount", config.max_receive_count}}.dump());
  ojson attributes = ojson::object();
  for (const auto& [name, value] : all)
    if (wanted(names, name)) attributes[name] = value;
  return attributes.empty() ? ojson::object() : ojson{{"Attributes", attributes}};
}

// SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch: checks the entries,
// runs `one` on each and reports Successful / Failed as SQS does.
template <typename One>
ojson batch(const json& request, One one) {
  auto it = request.find("Entries");
  if (it == request.end() || !it->is_array() || it->empty())
    throw sqs::SqsError("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
  if (it->size() > 10)
    throw sqs::SqsError("TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent " +
                                                            std::to_string(it->size()) + ".");
  std::set<std::string> ids;
  for (const auto& entry : *it) {
    auto id = entry.is_object() ? entry.value("Id", "") : "";
    if (id.empty() || id.size() > 80 || id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != std::string::npos)
      throw sqs::SqsError("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
    if (!ids.insert(id).second) throw sqs::SqsError("BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
  }
  ojson successful = ojson::array(), failed = ojson::array();
  for (const auto& entry : *it) {
    auto id = entry.value("Id", "");
    try {
      ojson result = one(entry);
      ojson item{{"Id", id}};
      for (const auto& [key, value] : result.items()) item[key] = value;
      successful.push_back(item);
    } catch (const sqs::SqsError& e) {
      failed.push_back({{"Id", id}, {"SenderFault", true}, {"Code", e.code()}, {"Message", e.what()}});
    }
  }
  ojson out = ojson::object();
  if (!successful.empty()) out["Successful"] = successful;
  if (!failed.empty()) out["Failed"] = failed;
  return out;
}

ojson dispatch(LocalCloud& cloud, const std::string& op, const json& request) {
  auto& queues = cloud.sqs();
  if (op == "ListQueues") {
    auto prefix = text(request, "QueueNamePrefix", false);
    ojson urls = ojson::array();
    for (const auto& queue : queues.queues())
      if (queue.name.rfind(prefix, 0) == 0) urls.push_back(queue.url);
    return urls.empty() ? ojson::object() : ojson{{"QueueUrls", urls}};
  }
  if (op == "GetQueueUrl") return {{"QueueUrl", queues.url_of(text(request, "QueueName"))}};
  if (op == "SendMessage") return send_one(queues, text(request, "QueueUrl"), request);
  if (op == "SendMessageBatch") {
    auto url = queues.url_of(text(request, "QueueUrl"));
    return batch(request, [&](const json& entry) { return send_one(queues, url, entry); });
  }
  if (op == "ReceiveMessage") return receive(queues, request);
  if (op == "DeleteMessage") {
    queues.remove(text(request, "QueueUrl"), text(request, "ReceiptHandle"));
    return ojson::object();
  }
  if (op == "DeleteMessageBatch") {
    auto url = queues.url_of(text(request, "QueueUrl"));
    return batch(request, [&](const json& entry) {
      queues.remove(url, text(entry, "ReceiptHandle"));
      return ojson::object();
    });
  }
  if (op == "ChangeMessageVisibility") {
    auto timeout = number(request, "VisibilityTimeout");
    if (!timeout) throw sqs::SqsError("MissingParameter", "The request must contain the parameter VisibilityTimeout.");
    queues.change_visibility(text(request, "QueueUrl"), text(request, "ReceiptHandle"), *timeout);
    return ojson::object();
  }
  if (op == "ChangeMessageVisibilityBatch") {
    auto url = queues.url_of(text(request, "QueueUrl"));
    return batch(request, [&](const json& entry) {
      queues.change_visibility(url, text(entry, "ReceiptHandle"), number(entry, "VisibilityTimeout").value_or(0));
      return ojson::object();
    });
  }
  if (op == "GetQueueAttributes") return queue_attributes(queues, text(request, "QueueUrl"), list(request, "AttributeNames"));
  if (op == "PurgeQueue") {
    queues.purge(text(request, "QueueUrl"));
    return ojson::object();
  }
  if (op == "ListDeadLetterSourceQueues") {
    auto arn = queues.config_of(text(request, "QueueUrl")).arn;
    ojson urls = ojson::array();
    for (const auto& queue : queues.queues())
      if (queue.dead_letter_arn == arn) urls.push_back(queue.url);
    return {{"queueUrls", urls}};
  }
  throw sqs::SqsError("UnsupportedOperation", "formwork serve does not implement SQS " + op +
                                                  " (queues come from the templates)");
}

}  // namespace

HttpResponse handle_sqs(LocalCloud& cloud, const HttpRequest& request, const std::string& operation) {
  auto body = json::parse(request.body.empty() ? "{}" : request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    auto response = json_response(400, {{"__type", "com.amazon.coral.service#SerializationException"},
                                        {"message", "the request body is not a JSON object"}},
                                  "application/x-amz-json-1.0");
    return response;
  }
  try {
    return json_response(200, dispatch(cloud, operation, body), "application/x-amz-json-1.0");
  } catch (const sqs::SqsError& e) {
    return sqs_error(e.code(), e.what(), e.status());
  } catch (const json::exception& e) {
    return sqs_error("InvalidParameterValue", std::string("a parameter has the wrong type: ") + e.what());
  }
}

}  // namespace formwork::local::http
