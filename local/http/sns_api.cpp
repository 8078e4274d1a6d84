// SNS's query protocol (form-encoded requests, XML answers): Publish, ListTopics,
// ListSubscriptions, ListSubscriptionsByTopic, GetTopicAttributes.

#include "local/cloud.hpp"
#include "local/http/api.hpp"
#include "local/ids.hpp"
#include "local/sns/sns.hpp"

namespace formwork::local::http {
namespace {

const std::string kXmlns = "http://sns.amazonaws.com/doc/2010-03-31/";

// MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue / .Value.BinaryValue
sqs::MessageAttributes attributes_of(const std::map<std::string, std::string>& form) {
  sqs::MessageAttributes out;
  for (int n = 1; n <= 50; ++n) {
    const std::string prefix = "MessageAttributes.entry." + std::to_string(n) + ".";
    auto name = form.find(prefix + "Name");
    if (name == form.end()) break;
    sqs::MessageAttribute attribute;
    auto type = form.find(prefix + "Value.DataType");
    if (type == form.end() || type->second.empty())
      throw sns::SnsError("ParameterValueInvalid", "The message attribute '" + name->second + "' must contain non-empty message attribute type.");
    attribute.data_type = type->second;
    if (attribute.is_binary()) {
      auto value = form.find(prefix + "Value.BinaryValue");
      try {
        attribute.binary_value = value == form.end() ? "" : base64_decode(value->second);
      } catch (const std::exception&) {
        throw sns::SnsError("ParameterValueInvalid", "The message attribute '" + name->second + "' has an invalid binary value.");
      }
    } else {
      auto value = form.find(prefix + "Value.StringValue");
      if (value == form.end())
        throw sns::SnsError("ParameterValueInvalid", "The message attribute '" + name->second + "' must contain non-empty message attribute value.");
      attribute.string_value = value->second;
    }
    out[name->second] = attribute;
  }
  return out;
}

std::string member_list(const std::vector<std::vector<std::pair<std::string, std::string>>>& members, const std::string& tag) {
  std::string xml = "    <" + tag + ">\n";
  for (const auto& member : members) {
    xml += "      <member>\n";
    for (const auto& [key, value] : member) xml += "        <" + key + ">" + xml_escape(value) + "</" + key + ">\n";
    xml += "      </member>\n";
  }
  return xml + "    </" + tag + ">\n";
}

std::string subscriptions_xml(const std::vector<sns::Subscription>& subscriptions, const std::string& topic_arn) {
  std::vector<std::vector<std::pair<std::string, std::string>>> members;
  for (const auto& s : subscriptions)
    if (topic_arn.empty() || s.topic_arn == topic_arn)
      members.push_back({{"Owner", std::string(kAccountId)},
                         {"Endpoint", s.endpoint},
                         {"Protocol", s.protocol},
                         {"SubscriptionArn", s.arn},
                         {"TopicArn", s.topic_arn}});
  return member_list(members, "Subscriptions");
}

}  // namespace

bool is_sns_action(const std::string& action) {
  return action == "Publish" || action == "ListTopics" || action == "ListSubscriptions" ||
         action == "ListSubscriptionsByTopic" || action == "GetTopicAttributes";
}

HttpResponse handle_sns(LocalCloud& cloud, const std::map<std::string, std::string>& form) {
  const std::string action = form.at("Action");
  auto get = [&](const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  try {
    auto& sns = cloud.sns();
    if (action == "Publish") {
      auto topic = get("TopicArn").empty() ? get("TargetArn") : get("TopicArn");
      if (topic.empty())
        throw sns::SnsError("InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
      std::optional<std::string> subject;
      if (form.count("Subject")) subject = get("Subject");
      auto id = sns.publish(topic, get("Message"), subject, attributes_of(form));
      return xml_response(kXmlns, "Publish", "    <MessageId>" + id + "</MessageId>\n");
    }
    if (action == "ListTopics") {
      std::vector<std::vector<std::pair<std::string, std::string>>> members;
      for (const auto& topic : sns.topics()) members.push_back({{"TopicArn", topic.arn}});
      return xml_response(kXmlns, "ListTopics", member_list(members, "Topics"));
    }
    if (action == "ListSubscriptions") return xml_response(kXmlns, action, subscriptions_xml(sns.subscriptions(), ""));
    if (action == "ListSubscriptionsByTopic") {
      auto topic = sns.topic(get("TopicArn"));
      return xml_response(kXmlns, action, subscriptions_xml(sns.subscriptions(), topic.arn));
    }
    // GetTopicAttributes
    auto topic = sns.topic(get("TopicArn"));
    int confirmed = 0;
    for (const auto& s : sns.subscriptions())
      if (s.topic_arn == topic.arn) ++confirmed;
    const std::vector<std::pair<std::string, std::string>> attributes{{"TopicArn", topic.arn},
                                                                      {"DisplayName", topic.display_name},
                                                                      {"Owner", std::string(kAccountId)},
                                                                      {"SubscriptionsConfirmed", std::to_string(confirmed)},
                                                                      {"SubscriptionsPending", "0"},
                                                                      {"SubscriptionsDeleted", "0"}};
    std::string xml = "    <Attributes>\n";
    for (const auto& [key, value] : attributes)
      xml += "      <entry>\n        <key>" + key + "</key>\n        <value>" + xml_escape(value) + "</value>\n      </entry>\n";
    return xml_response(kXmlns, action, xml + "    </Attributes>\n");
  } catch (const sns::SnsError& e) {
    return xml_error(kXmlns, e.status(), e.code(), e.what());
  }
}

}  // namespace formwork::local::http
