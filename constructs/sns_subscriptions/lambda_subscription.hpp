#pragma once

#include <optional>

#include "constructs/core/value.hpp"
#include "constructs/sns/topic_subscription.hpp"

namespace formwork::lambda {
class Function;
}
namespace formwork::sqs {
class Queue;
}

namespace formwork::sns_subscriptions {

struct LambdaSubscriptionProps {
  /// Which messages invoke the function, as an SNS filter policy:
  /// `Value::map({{"color", Value::list({"red"})}})`. Default: every message.
  std::optional<Value> filter_policy = std::nullopt;
  /// Apply the filter policy to the message body instead of its attributes. Default: false.
  bool filter_on_message_body = false;
  /// Where SNS puts messages it could not deliver to the function (the subscription's
  /// RedrivePolicy); the queue's policy lets the topic send to it. Default: none.
  sqs::Queue* dead_letter_queue = nullptr;
};

/// Subscribes a Lambda function to a topic: an `AWS::SNS::Subscription` (`<Topic>Subscription`)
/// and an `AWS::Lambda::Permission` (`<Topic>Permission`) that lets sns.amazonaws.com invoke the
/// function for this topic only, both under the function.
///
///   topic.add_subscription(sns_subscriptions::LambdaSubscription(fn));
class LambdaSubscription : public sns::ITopicSubscription {
 public:
  explicit LambdaSubscription(lambda::Function& fn, LambdaSubscriptionProps props = {})
      : fn_(fn), props_(std::move(props)) {}
  void bind(sns::Topic& topic) const override;

 private:
  lambda::Function& fn_;
  LambdaSubscriptionProps props_;
};

}  // namespace formwork::sns_subscriptions
