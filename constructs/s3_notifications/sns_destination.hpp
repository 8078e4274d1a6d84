#pragma once

#include "constructs/s3/notification_destination.hpp"

namespace formwork::sns {
class Topic;
}

namespace formwork::s3_notifications {

/// Sends bucket notifications to a topic: a statement in the topic's policy (child `Policy`,
/// an `AWS::SNS::TopicPolicy`) that lets s3.amazonaws.com publish, only for this bucket and
/// account. A FIFO topic cannot receive S3 notifications.
///
///   bucket.add_object_removed_notification(s3_notifications::SnsDestination(topic));
class SnsDestination : public s3::IBucketNotificationDestination {
 public:
  explicit SnsDestination(sns::Topic& topic) : topic_(topic) {}
  [[nodiscard]] s3::BucketNotificationDestinationConfig bind(s3::Bucket& bucket) const override;

 private:
  sns::Topic& topic_;
};

}  // namespace formwork::s3_notifications
