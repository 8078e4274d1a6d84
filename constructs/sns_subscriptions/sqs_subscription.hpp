#pragma once

#include <optional>

#include "constructs/core/value.hpp"
#include "constructs/sns/topic_subscription.hpp"

namespace formwork::sqs {
class Queue;
}

namespace formwork::sns_subscriptions {

struct SqsSubscriptionProps {
  /// Deliver the message as published, without the SNS JSON envelope. Default: false.
  bool raw_message_delivery = false;
  /// Which messages reach the queue, as an SNS filter policy. Default: every message.
  std::optional<Value> filter_policy = std::nullopt;
  /// Apply the filter policy to the message body instead of its attributes. Default: false.
  bool filter_on_message_body = false;
  /// Where SNS puts messages it could not deliver to the queue. Default: none.
  sqs::Queue* dead_letter_queue = nullptr;
};

/// Subscribes an SQS queue to a topic: an `AWS::SNS::Subscription` (`<Topic>Subscription`, under
/// the queue) and a statement in the queue's policy that lets sns.amazonaws.com send messages,
/// only from this topic (`ArnEquals aws:SourceArn`). A FIFO topic takes only FIFO queues, and a
/// standard topic only standard queues.
///
///   topic.add_subscription(sns_subscriptions::SqsSubscription(queue, {.raw_message_delivery = true}));
class SqsSubscription : public sns::ITopicSubscription {
 public:
  explicit SqsSubscription(sqs::Queue& queue, SqsSubscriptionProps props = {}) : queue_(queue), props_(std::move(props)) {}
  void bind(sns::Topic& topic) const override;

 private:
  sqs::Queue& queue_;
  SqsSubscriptionProps props_;
};

}  // namespace formwork::sns_subscriptions
