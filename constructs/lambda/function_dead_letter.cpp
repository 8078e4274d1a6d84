// Function::bind_dead_letter_target: where async events go after the last retry (DeadLetterConfig).
#include "constructs/iam/grant.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::lambda {

void Function::bind_dead_letter_target() {
  const std::string name = node().id();
  if (props_.dead_letter_topic != nullptr) {
    // Both a queue and a topic is reported by validate(); the topic is not bound then.
    if (props_.dead_letter_queue != nullptr || props_.dead_letter_queue_enabled) return;
    sns::Topic& topic = *props_.dead_letter_topic;
    iam::Grant::add_to_principal(*this, {.actions = {"sns:Publish"},
                                         .resource_arns = {topic.topic_arn()},
                                         .reason = "publish failed events to " + topic.node().id() + " (dead-letter topic)"});
    resource_->set_property("DeadLetterConfig", Value::map({{"TargetArn", topic.topic_arn()}}));
    return;
  }
  dead_letter_queue_ = props_.dead_letter_queue;
  if (dead_letter_queue_ == nullptr && props_.dead_letter_queue_enabled) {
    dead_letter_queue_ = &add<sqs::Queue>("DeadLetterQueue", {.retention_period = Duration::days(14)});
    dead_letter_queue_->resource().set_comment("Keeps, for 14 days, the events function " + name +
                                               " failed to process asynchronously");
  }
  if (dead_letter_queue_ == nullptr) return;
  // Only SendMessage: Lambda needs nothing else to move a failed event to the queue.
  iam::Grant::add_to_principal(*this, {.actions = {"sqs:SendMessage"},
                                       .resource_arns = {dead_letter_queue_->queue_arn()},
                                       .reason = "send failed events to " + dead_letter_queue_->node().id() +
                                                 " (dead-letter queue)"});
  resource_->set_property("DeadLetterConfig", Value::map({{"TargetArn", dead_letter_queue_->queue_arn()}}));
}

}  // namespace formwork::lambda
