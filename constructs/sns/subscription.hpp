#pragma once

#include <optional>
#include <string>

#include "constructs/core/cfn_resource.hpp"

namespace formwork::sns {

class Topic;

/// The delivery protocols of an SNS subscription used here (SNS has more: http, email, sms …).
enum class SubscriptionProtocol { Lambda, Sqs, Https, Http, Email, EmailJson, Sms, Application, Firehose };

struct SubscriptionProps {
  /// The topic subscribed to. Required.
  Topic* topic;
  /// Required.
  SubscriptionProtocol protocol;
  /// The endpoint: a function ARN, a queue ARN, a URL, an address. Required.
  Value endpoint;
  /// Which messages are delivered, as an SNS filter policy (a JSON object).
  /// Default: every message.
  std::optional<Value> filter_policy = std::nullopt;
  /// Apply the filter policy to the message body instead of its attributes.
  /// Default: false (message attributes).
  bool filter_on_message_body = false;
  /// sqs / firehose / http(s) only: deliver the message as published, without the SNS JSON envelope.
  /// Default: false.
  bool raw_message_delivery = false;
  /// The ARN of an SQS queue that receives messages SNS could not deliver (RedrivePolicy).
  /// Default: none (undeliverable messages are dropped after SNS's retries).
  std::optional<Value> dead_letter_queue_arn = std::nullopt;
  /// Why the subscription exists, for the template comment.
  /// Default: "Subscribes <endpoint kind> to SNS topic <topic id>".
  std::string comment = {};
};

/// A subscription of an endpoint to a topic (`AWS::SNS::Subscription`). Usually created by an
/// `ITopicSubscription` (`sns_subscriptions::LambdaSubscription`) through `Topic::add_subscription`.
class Subscription : public Construct {
 public:
  using Props = SubscriptionProps;
  Subscription(Construct& scope, std::string_view id, SubscriptionProps props);

  [[nodiscard]] CfnResource& resource() { return *resource_; }
  /// `!Ref Subscription`: the subscription ARN.
  [[nodiscard]] Value subscription_arn() const { return resource_->ref(); }

  /// The protocol name SNS uses (`lambda`, `sqs`, `email-json` …).
  [[nodiscard]] static std::string protocol_name(SubscriptionProtocol protocol);

 private:
  SubscriptionProps props_;
  CfnResource* resource_;
};

}  // namespace formwork::sns
