#include "constructs/sns/subscription.hpp"

#include "constructs/sns/topic.hpp"

namespace formwork::sns {

std::string Subscription::protocol_name(SubscriptionProtocol protocol) {
  switch (protocol) {
    case SubscriptionProtocol::Lambda: return "lambda";
    case SubscriptionProtocol::Sqs: return "sqs";
    case SubscriptionProtocol::Https: return "https";
    case SubscriptionProtocol::Http: return "http";
    case SubscriptionProtocol::Email: return "email";
    case SubscriptionProtocol::EmailJson: return "email-json";
    case SubscriptionProtocol::Sms: return "sms";
    case SubscriptionProtocol::Application: return "application";
    case SubscriptionProtocol::Firehose: return "firehose";
  }
  return "";
}

Subscription::Subscription(Construct& scope, std::string_view id, SubscriptionProps props)
    : Construct(scope, id), props_(std::move(props)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::SNS::Subscription"});
  CfnResource& r = *resource_;
  const std::string protocol = protocol_name(props_.protocol);
  r.set_property("Protocol", protocol);
  r.set_property("Endpoint", props_.endpoint);
  if (props_.topic != nullptr) r.set_property("TopicArn", props_.topic->topic_arn());
  if (props_.filter_policy) {
    r.set_property("FilterPolicy", *props_.filter_policy);
    if (props_.filter_on_message_body) r.set_property("FilterPolicyScope", "MessageBody");
  }
  if (props_.raw_message_delivery) r.set_property("RawMessageDelivery", true);
  if (props_.dead_letter_queue_arn)
    r.set_property("RedrivePolicy", Value::map({{"deadLetterTargetArn", *props_.dead_letter_queue_arn}}));
  const std::string topic_id = props_.topic != nullptr ? props_.topic->node().id() : "?";
  r.set_comment(!props_.comment.empty() ? props_.comment : "Subscribes a " + protocol + " endpoint to SNS topic " + topic_id);

  node().add_validation([this, protocol]() -> std::vector<std::string> {
    std::vector<std::string> errors;
    if (props_.topic == nullptr) errors.push_back("a subscription needs a topic");
    const bool raw_ok = props_.protocol == SubscriptionProtocol::Sqs || props_.protocol == SubscriptionProtocol::Http ||
                        props_.protocol == SubscriptionProtocol::Https ||
                        props_.protocol == SubscriptionProtocol::Firehose;
    if (props_.raw_message_delivery && !raw_ok)
      errors.push_back("raw message delivery applies only to sqs, http, https and firehose subscriptions, got " +
                       protocol);
    if (props_.filter_on_message_body && !props_.filter_policy)
      errors.push_back("filter_on_message_body needs a filter_policy");
    if (props_.filter_policy && !props_.filter_policy->is_unresolved() && !props_.filter_policy->is<Value::Map>())
      errors.push_back("a filter policy must be a map of attribute names to conditions");
    return errors;
  });
}

}  // namespace formwork::sns
