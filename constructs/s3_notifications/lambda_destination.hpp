#pragma once

#include "constructs/s3/notification_destination.hpp"

namespace formwork::lambda {
class Function;
}

namespace formwork::s3_notifications {

/// Sends bucket notifications to a function: an `AWS::Lambda::Permission` under the function
/// (`<Bucket>Permission`) that lets s3.amazonaws.com invoke it for this bucket in this account
/// only. Its `SourceArn` is the bucket's known ARN (`arn:${AWS::Partition}:s3:::<name>`), not
/// `!GetAtt Bucket.Arn`, so the bucket can depend on it without a cycle. With
/// LogicalIdStyle::CdkCompatible it is where CDK puts it, under the bucket:
/// `AllowBucketNotificationsTo<function's unique id>`.
///
///   bucket.add_event_notification(s3::EventType::ObjectCreated,
///       s3_notifications::LambdaDestination(resize), {.suffix = ".jpg"});
class LambdaDestination : public s3::IBucketNotificationDestination {
 public:
  explicit LambdaDestination(lambda::Function& fn) : fn_(fn) {}
  [[nodiscard]] s3::BucketNotificationDestinationConfig bind(s3::Bucket& bucket) const override;

 private:
  lambda::Function& fn_;
};

}  // namespace formwork::s3_notifications
