#pragma once

#include "constructs/s3/notification_destination.hpp"

namespace formwork::sqs {
class Queue;
}

namespace formwork::s3_notifications {

/// Sends bucket notifications to a queue: a statement in the queue's policy that lets
/// s3.amazonaws.com send messages, only for this bucket (`ArnLike aws:SourceArn`, the bucket's
/// known ARN) and account (`aws:SourceAccount`). A FIFO queue cannot receive S3 notifications.
///
///   bucket.add_object_created_notification(s3_notifications::SqsDestination(queue));
class SqsDestination : public s3::IBucketNotificationDestination {
 public:
  explicit SqsDestination(sqs::Queue& queue) : queue_(queue) {}
  [[nodiscard]] s3::BucketNotificationDestinationConfig bind(s3::Bucket& bucket) const override;

 private:
  sqs::Queue& queue_;
};

}  // namespace formwork::s3_notifications
