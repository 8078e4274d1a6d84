#include "constructs/s3_notifications/lambda_destination.hpp"

#include "constructs/lambda/function.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::s3_notifications {

s3::BucketNotificationDestinationConfig LambdaDestination::bind(s3::Bucket& bucket) const {
  const std::string bucket_id = bucket.node().id();
  const std::string id = bucket_id + "Permission";
  auto* permission = dynamic_cast<lambda::Permission*>(fn_.node().try_find_child(id));
  if (permission == nullptr)
    permission = &fn_.add_permission(id, {.principal = "s3.amazonaws.com",
                                          .source_arn = bucket.known_bucket_arn(),
                                          .source_account = Stack::of(bucket).account(),
                                          .reason = "notifications of bucket " + bucket_id});
  return {.type = s3::NotificationDestinationType::Lambda,
          .arn = fn_.function_arn(),
          .dependency = &permission->resource(),
          .name = fn_.node().id()};
}

}  // namespace formwork::s3_notifications
