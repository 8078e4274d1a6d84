#include "local/sns/sns.hpp"

#include <algorithm>
#include <cctype>

#include "local/ids.hpp"
#include "local/lambda/records.hpp"

namespace formwork::local::sns {
namespace {

using json = nlohmann::json;

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool compare_numeric(const json& rule, double value) {
  if (!rule.is_array()) return false;
  for (std::size_t i = 0; i + 1 < rule.size(); i += 2) {
    if (!rule[i].is_string() || !rule[i + 1].is_number()) return false;
    auto op = rule[i].get<std::string>();
    double bound = rule[i + 1].get<double>();
    bool ok = (op == "=" && value == bound) || (op == "<" && value < bound) || (op == "<=" && value <= bound) ||
              (op == ">" && value > bound) || (op == ">=" && value >= bound);
    if (!ok) return false;
  }
  return true;
}

// One condition of a policy's list against one value (a string, number, or missing = null).
bool condition_matches(const json& condition, const json* value) {
  if (condition.is_object()) {
    if (condition.contains("exists")) return condition["exists"].get<bool>() == (value != nullptr);
    if (value == nullptr) return false;
    if (condition.contains("prefix"))
      return value->is_string() && value->get<std::string>().rfind(condition["prefix"].get<std::string>(), 0) == 0;
    if (condition.contains("suffix")) {
      if (!value->is_string()) return false;
      auto text = value->get<std::string>();
      auto suffix = condition["suffix"].get<std::string>();
      return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
    }
    if (condition.contains("equals-ignore-case"))
      return value->is_string() && lower(value->get<std::string>()) == lower(condition["equals-ignore-case"].get<std::string>());
    if (condition.contains("numeric")) return value->is_number() && compare_numeric(condition["numeric"], value->get<double>());
    if (condition.contains("anything-but")) {
      const auto& excluded = condition["anything-but"];
      if (excluded.is_object() && excluded.contains("prefix"))
        return !(value->is_string() && value->get<std::string>().rfind(excluded["prefix"].get<std::string>(), 0) == 0);
      if (excluded.is_array()) return std::none_of(excluded.begin(), excluded.end(), [&](const json& e) { return e == *value; });
      return excluded != *value;
    }
    return false;
  }
  if (value == nullptr) return condition.is_null();
  if (condition.is_number() && value->is_number()) return condition.get<double>() == value->get<double>();
  return condition == *value;
}

bool value_matches(const json& conditions, const json* value) {
  if (!conditions.is_array()) return false;
  if (value != nullptr && value->is_array()) {
    for (const auto& element : *value)
      for (const auto& condition : conditions)
        if (condition_matches(condition, &element)) return true;
    return false;
  }
  return std::any_of(conditions.begin(), conditions.end(), [&](const json& c) { return condition_matches(c, value); });
}

bool object_matches(const json& policy, const json& document) {
  for (const auto& [key, rule] : policy.items()) {
    if (key == "$or" && rule.is_array()) {
      if (std::none_of(rule.begin(), rule.end(), [&](const json& p) { return object_matches(p, document); })) return false;
      continue;
    }
    const json* value = document.is_object() && document.contains(key) ? &document[key] : nullptr;
    if (rule.is_object()) {
      if (value == nullptr || !object_matches(rule, *value)) return false;
    } else if (!value_matches(rule, value)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool filter_matches(const json& policy, const std::string& scope, const sqs::MessageAttributes& attributes,
                    const std::string& message) {
  if (!policy.is_object() || policy.empty()) return true;
  if (scope == "MessageBody") {
    auto body = json::parse(message, nullptr, false);
    return !body.is_discarded() && object_matches(policy, body);
  }
  json document = json::object();
  for (const auto& [name, attribute] : attributes) {
    if (attribute.data_type == "Number") {
      auto number = json::parse(attribute.string_value, nullptr, false);
      document[name] = number.is_number() ? number : json(attribute.string_value);
    } else if (attribute.data_type == "String.Array") {
      auto list = json::parse(attribute.string_value, nullptr, false);
      document[name] = list.is_array() ? list : json(attribute.string_value);
    } else if (!attribute.is_binary()) {
      document[name] = attribute.string_value;
    }
  }
  return object_matches(policy, document);
}

void Sns::add_topic(Topic topic) {
  std::lock_guard lock(mutex_);
  topics_.push_back(std::move(topic));
}

void Sns::add_subscription(Subscription subscription) {
  std::lock_guard lock(mutex_);
  subscriptions_.push_back(std::move(subscription));
}

std::vector<Topic> Sns::topics() const {
  std::lock_guard lock(mutex_);
  return topics_;
}

std::vector<Subscription> Sns::subscriptions() const {
  std::lock_guard lock(mutex_);
  return subscriptions_;
}

Topic Sns::topic(const std::string& key) const {
  std::lock_guard lock(mutex_);
  for (const auto& topic : topics_)
    if (topic.arn == key || topic.name == key) return topic;
  for (const auto& topic : topics_)
    if (topic.logical_id == key) return topic;
  throw SnsError("NotFound", "Topic does not exist", 404);
}

std::string Sns::publish(const std::string& topic_key, const std::string& message,
                         const std::optional<std::string>& subject, const sqs::MessageAttributes& attributes) {
  if (topic_key.empty()) throw SnsError("InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
  auto target = topic(topic_key);
  if (message.empty()) throw SnsError("InvalidParameter", "Invalid parameter: Empty message");
  if (message.size() > 262144) throw SnsError("InvalidParameter", "Invalid parameter: Message too long");
  if (subject && (subject->empty() || subject->size() > 100))
    throw SnsError("InvalidParameter", "Invalid parameter: Subject");
  const std::string message_id = make_uuid();
  const Millis now = clock_.now();
  std::vector<Subscription> matching;
  int filtered = 0;
  for (const auto& subscription : subscriptions()) {
    if (subscription.topic_arn != target.arn) continue;
    if (subscription.filter_policy &&
        !filter_matches(*subscription.filter_policy, subscription.filter_policy_scope, attributes, message)) {
      ++filtered;
      continue;
    }
    matching.push_back(subscription);
  }
  TimelineEvent line{.at = now, .kind = "PUBLISH", .resource = target.name};
  line.text = "message " + message_id + " published" + (subject ? " (subject " + *subject + ")" : "") + " to " +
              std::to_string(matching.size()) + " subscription" + (matching.size() == 1 ? "" : "s") +
              (filtered > 0 ? ", " + std::to_string(filtered) + " filtered out" : "");
  line.fields = {{"messageId", message_id}, {"deliveries", matching.size()}, {"filtered", filtered}};
  timeline_.emit(std::move(line));
  for (const auto& subscription : matching) {
    lambda::SnsNotification notification{.message_id = message_id,
                                         .topic_arn = target.arn,
                                         .subscription_arn = subscription.arn,
                                         .message = message,
                                         .subject = subject,
                                         .attributes = attributes,
                                         .at = now};
    try {
      if (subscription.protocol == "lambda") {
        invoke_async_(subscription.endpoint, lambda::sns_event(notification).dump());
      } else if (subscription.protocol == "sqs") {
        if (subscription.raw_message_delivery)
          sqs_.send(subscription.endpoint, message, attributes);
        else
          sqs_.send(subscription.endpoint, lambda::sns_message(notification, false).dump());
        timeline_.emit({.at = now, .kind = "SEND", .resource = target.name,
                        .text = "delivered message " + message_id + " to queue " + sqs_.config_of(subscription.endpoint).name +
                                (subscription.raw_message_delivery ? " (raw)" : " (SNS envelope)")});
      } else {
        timeline_.emit({.at = now, .kind = "WARN", .resource = target.name,
                        .text = "subscription " + subscription.arn + " uses protocol " + subscription.protocol +
                                ", which the local cloud does not deliver"});
      }
    } catch (const std::exception& e) {
      timeline_.emit({.at = now, .kind = "ERROR", .resource = target.name,
                      .text = "could not deliver message " + message_id + " to " + subscription.endpoint + ": " + e.what()});
    }
  }
  return message_id;
}

}  // namespace formwork::local::sns
