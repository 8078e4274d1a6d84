#pragma once

namespace formwork::sns {

class Topic;

/// Something that subscribes to a topic (a Lambda function, an SQS queue). `bind` creates the
/// subscription and whatever permission the endpoint needs; it is called by
/// `Topic::add_subscription`. Implementations live in `constructs/sns_subscriptions/`, so that
/// sns depends on neither lambda nor sqs.
class ITopicSubscription {
 public:
  virtual ~ITopicSubscription() = default;
  virtual void bind(Topic& topic) const = 0;
};

}  // namespace formwork::sns
