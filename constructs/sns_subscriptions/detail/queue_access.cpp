#include "constructs/sns_subscriptions/detail/queue_access.hpp"

#include "constructs/iam/policy_statement.hpp"
#include "constructs/sns/subscription.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::sns_subscriptions::detail {

void allow_topic_to_send(sqs::Queue& queue, sns::Topic& topic, sns::Subscription& subscription, const std::string& why) {
  iam::PolicyStatement statement{
      .actions = {"sqs:SendMessage"},
      .resources = {queue.queue_arn()},
      .principals = {iam::Principal::service("sns.amazonaws.com")},
      .conditions = {{"ArnEquals", Value::map({{"aws:SourceArn", topic.topic_arn()}})}},
  };
  queue.add_to_resource_policy(std::move(statement), "Lets SNS topic " + topic.node().id() + " send messages to queue " +
                                                         queue.node().id() + " (" + why + ")");
  subscription.resource().add_depends_on(*queue.policy_resource());
}

void check_queue_encryption(const sqs::Queue& queue, const char* role, std::vector<std::string>& errors) {
  if (queue.props().encryption == sqs::QueueEncryption::KmsManaged)
    errors.push_back(std::string("SNS cannot send to ") + role + " " + queue.node().id() +
                     ": it is encrypted with the AWS managed key alias/aws/sqs, whose key policy does not allow "
                     "sns.amazonaws.com (use SqsManaged encryption)");
}

void check_dead_letter_queue(const sqs::Queue& queue, const sns::Topic& topic, std::vector<std::string>& errors) {
  if (queue.fifo() != topic.fifo())
    errors.push_back(std::string("the dead-letter queue of a subscription to a ") + (topic.fifo() ? "FIFO" : "standard") +
                     " topic must be " + (topic.fifo() ? "a FIFO" : "a standard") + " queue, got " +
                     (queue.fifo() ? "FIFO" : "standard") + " queue " + queue.node().id());
  check_queue_encryption(queue, "dead-letter queue", errors);
}

}  // namespace formwork::sns_subscriptions::detail
