#include "constructs/sns_subscriptions/lambda_subscription.hpp"

#include "constructs/core/logical_ids.hpp"
#include "constructs/lambda/detail/cdk_permission.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/sns/subscription.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sns_subscriptions/detail/queue_access.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::sns_subscriptions {

void LambdaSubscription::bind(sns::Topic& topic) const {
  const std::string topic_id = topic.node().id();
  const std::string fn_id = fn_.node().id();
  std::optional<Value> dead_letter_arn;
  if (props_.dead_letter_queue != nullptr) dead_letter_arn = props_.dead_letter_queue->queue_arn();

  // Both under the function, as in CDK: they exist for the function's sake, and a topic of
  // another stack then only exports its ARN.
  // For CDK's logical IDs, CDK's names: the subscription is the topic's id, the permission
  // `AllowInvoke:<topic's unique id>`, a bare CfnPermission.
  const bool cdk = cdk_compatible(fn_);
  auto& subscription = fn_.add<sns::Subscription>(cdk ? topic_id : topic_id + "Subscription", {
      .topic = &topic,
      .protocol = sns::SubscriptionProtocol::Lambda,
      .endpoint = fn_.function_arn(),
      .filter_policy = props_.filter_policy,
      .filter_on_message_body = props_.filter_on_message_body,
      .dead_letter_queue_arn = dead_letter_arn,
      .comment = "Subscribes function " + fn_id + " to SNS topic " + topic_id,
  });
  const lambda::PermissionProps permission{
      .principal = "sns.amazonaws.com",
      .source_arn = topic.topic_arn(),
      .reason = "messages published to topic " + topic_id,
  };
  if (cdk)
    lambda::detail::add_cdk_permission(fn_, "AllowInvoke:" + cdk_unique_id(topic), fn_, permission);
  else
    fn_.add_permission(topic_id + "Permission", permission);
  if (props_.dead_letter_queue != nullptr)
    detail::allow_topic_to_send(*props_.dead_letter_queue, topic, subscription,
                                "undeliverable messages for function " + fn_id);

  sqs::Queue* dlq = props_.dead_letter_queue;
  subscription.node().add_validation([&topic, dlq, fn_id]() {
    std::vector<std::string> errors;
    if (topic.fifo())
      errors.push_back("a FIFO topic delivers only to SQS queues, so topic " + topic.node().id() +
                       " cannot invoke function " + fn_id);
    if (dlq != nullptr) detail::check_dead_letter_queue(*dlq, topic, errors);
    return errors;
  });
}

}  // namespace formwork::sns_subscriptions
