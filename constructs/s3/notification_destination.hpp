#pragma once

#include <string>

#include "constructs/core/value.hpp"

namespace formwork {
class CfnResource;
}

namespace formwork::s3 {

class Bucket;

/// The S3 events a notification can be sent for (the `Event` of a notification configuration).
enum class EventType {
  ObjectCreated,                         ///< s3:ObjectCreated:*
  ObjectCreatedPut,                      ///< s3:ObjectCreated:Put
  ObjectCreatedPost,                     ///< s3:ObjectCreated:Post
  ObjectCreatedCopy,                     ///< s3:ObjectCreated:Copy
  ObjectCreatedCompleteMultipartUpload,  ///< s3:ObjectCreated:CompleteMultipartUpload
  ObjectRemoved,                         ///< s3:ObjectRemoved:*
  ObjectRemovedDelete,                   ///< s3:ObjectRemoved:Delete
  ObjectRemovedDeleteMarkerCreated,      ///< s3:ObjectRemoved:DeleteMarkerCreated
  ObjectRestore,                         ///< s3:ObjectRestore:*
  ObjectTagging,                         ///< s3:ObjectTagging:*
  LifecycleExpiration,                   ///< s3:LifecycleExpiration:*
  ReducedRedundancyLostObject,           ///< s3:ReducedRedundancyLostObject
  Replication,                           ///< s3:Replication:*
};

/// `s3:ObjectCreated:*` and so on.
[[nodiscard]] std::string event_type_name(EventType type);

/// Which object keys a notification is for. An empty prefix or suffix matches every key.
struct NotificationKeyFilter {
  /// Only keys starting with this (`uploads/`). Default: any key.
  std::string prefix = {};
  /// Only keys ending with this (`.jpg`). Default: any key.
  std::string suffix = {};
};

/// The kind of target of a bucket notification.
enum class NotificationDestinationType { Lambda, Queue, Topic };

/// What a destination tells the bucket once bound.
struct BucketNotificationDestinationConfig {
  NotificationDestinationType type;
  /// The function ARN, queue ARN or topic ARN.
  Value arn;
  /// The resource S3 needs before it accepts the configuration (the function's permission,
  /// the queue's or topic's policy): the bucket depends on it.
  const CfnResource* dependency = nullptr;
  /// The destination's construct id, for comments.
  std::string name = {};
};

/// A target of bucket notifications, implemented in `constructs/s3_notifications/`
/// (LambdaDestination, SqsDestination, SnsDestination), like CDK's IBucketNotificationDestination.
class IBucketNotificationDestination {
 public:
  virtual ~IBucketNotificationDestination() = default;
  /// Gives S3 the right to deliver to the destination, scoped to `bucket`, and says where to send.
  [[nodiscard]] virtual BucketNotificationDestinationConfig bind(Bucket& bucket) const = 0;
};

}  // namespace formwork::s3
