#pragma once

#include <string>
#include <vector>

namespace formwork::sns {
class Topic;
class Subscription;
}
namespace formwork::sqs {
class Queue;
}

namespace formwork::sns_subscriptions::detail {

/// Adds to `queue`'s policy a statement that lets sns.amazonaws.com send messages to it, only
/// from `topic` (`ArnEquals aws:SourceArn`), and makes `subscription` wait for that policy,
/// so no message is delivered (and lost) before the topic may send. `why` completes the comment
/// "Lets SNS topic <Topic> send messages to queue <Queue> (<why>)".
void allow_topic_to_send(sqs::Queue& queue, sns::Topic& topic, sns::Subscription& subscription, const std::string& why);

/// The checks on a subscription's dead-letter queue: it must be FIFO exactly when the topic is
/// (SNS's rule), and not encrypted with the AWS managed key, which SNS cannot use.
void check_dead_letter_queue(const sqs::Queue& queue, const sns::Topic& topic, std::vector<std::string>& errors);

/// SNS cannot publish to a queue encrypted with the AWS managed key alias/aws/sqs (its key
/// policy cannot be changed to allow sns.amazonaws.com).
void check_queue_encryption(const sqs::Queue& queue, const char* role, std::vector<std::string>& errors);

}  // namespace formwork::sns_subscriptions::detail
