#include "constructs/s3_notifications/sns_destination.hpp"

#include "constructs/iam/policy_statement.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/s3_notifications/detail/bucket_source.hpp"
#include "constructs/sns/topic.hpp"

namespace formwork::s3_notifications {

s3::BucketNotificationDestinationConfig SnsDestination::bind(s3::Bucket& bucket) const {
  topic_.add_to_resource_policy(
      iam::PolicyStatement{.actions = {"sns:Publish"},
                           .resources = {topic_.topic_arn()},
                           .principals = {iam::Principal::service("s3.amazonaws.com")},
                           .conditions = detail::bucket_source_conditions(bucket)},
      "Lets bucket " + bucket.node().id() + " publish notifications to topic " + topic_.node().id());
  const sns::Topic* topic = &topic_;
  bucket.node().add_validation([topic]() -> std::vector<std::string> {
    if (!topic->fifo()) return {};
    return {"S3 cannot send notifications to FIFO topic " + topic->node().id() + " (use a standard topic)"};
  });
  return {.type = s3::NotificationDestinationType::Topic,
          .arn = topic_.topic_arn(),
          .dependency = topic_.policy_resource(),
          .name = topic_.node().id()};
}

}  // namespace formwork::s3_notifications
