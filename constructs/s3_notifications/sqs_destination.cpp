#include "constructs/s3_notifications/sqs_destination.hpp"

#include "constructs/iam/policy_statement.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/s3_notifications/detail/bucket_source.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::s3_notifications {

s3::BucketNotificationDestinationConfig SqsDestination::bind(s3::Bucket& bucket) const {
  queue_.add_to_resource_policy(
      iam::PolicyStatement{.actions = {"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"},
                           .resources = {queue_.queue_arn()},
                           .principals = {iam::Principal::service("s3.amazonaws.com")},
                           .conditions = detail::bucket_source_conditions(bucket)},
      "Lets bucket " + bucket.node().id() + " send notifications to queue " + queue_.node().id());
  const sqs::Queue* queue = &queue_;
  bucket.node().add_validation([queue]() -> std::vector<std::string> {
    if (!queue->fifo()) return {};
    return {"S3 cannot send notifications to FIFO queue " + queue->node().id() + " (use a standard queue)"};
  });
  return {.type = s3::NotificationDestinationType::Queue,
          .arn = queue_.queue_arn(),
          .dependency = queue_.policy_resource(),
          .name = queue_.node().id()};
}

}  // namespace formwork::s3_notifications
