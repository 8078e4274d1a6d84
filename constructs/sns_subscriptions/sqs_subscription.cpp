#include "constructs/sns_subscriptions/sqs_subscription.hpp"

#include "constructs/core/logical_ids.hpp"
#include "constructs/sns/subscription.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sns_subscriptions/detail/queue_access.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::sns_subscriptions {

void SqsSubscription::bind(sns::Topic& topic) const {
  const std::string topic_id = topic.node().id();
  const std::string queue_id = queue_.node().id();
  std::optional<Value> dead_letter_arn;
  if (props_.dead_letter_queue != nullptr) dead_letter_arn = props_.dead_letter_queue->queue_arn();

  // For CDK's logical IDs, CDK's name: the topic's unique id.
  const std::string id = cdk_compatible(queue_) ? cdk_unique_id(topic) : topic_id + "Subscription";
  auto& subscription = queue_.add<sns::Subscription>(id, {
      .topic = &topic,
      .protocol = sns::SubscriptionProtocol::Sqs,
      .endpoint = queue_.queue_arn(),
      .filter_policy = props_.filter_policy,
      .filter_on_message_body = props_.filter_on_message_body,
      .raw_message_delivery = props_.raw_message_delivery,
      .dead_letter_queue_arn = dead_letter_arn,
      .comment = "Subscribes queue " + queue_id + " to SNS topic " + topic_id,
  });
  detail::allow_topic_to_send(queue_, topic, subscription, "subscription");
  if (props_.dead_letter_queue != nullptr)
    detail::allow_topic_to_send(*props_.dead_letter_queue, topic, subscription,
                                "undeliverable messages for queue " + queue_id);

  const sqs::Queue* queue = &queue_;
  const sqs::Queue* dlq = props_.dead_letter_queue;
  subscription.node().add_validation([&topic, queue, dlq]() {
    std::vector<std::string> errors;
    if (queue->fifo() != topic.fifo())
      errors.push_back(std::string("a ") + (topic.fifo() ? "FIFO" : "standard") + " topic delivers only to " +
                       (topic.fifo() ? "FIFO" : "standard") + " queues, so topic " + topic.node().id() +
                       " cannot send to " + (queue->fifo() ? "FIFO" : "standard") + " queue " + queue->node().id());
    detail::check_queue_encryption(*queue, "queue", errors);
    if (dlq != nullptr) detail::check_dead_letter_queue(*dlq, topic, errors);
    return errors;
  });
}

}  // namespace formwork::sns_subscriptions
