#include "constructs/s3_notifications/lambda_destination.hpp"

#include "constructs/core/logical_ids.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/lambda/detail/cdk_permission.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/s3/bucket.hpp"

namespace formwork::s3_notifications {

s3::BucketNotificationDestinationConfig LambdaDestination::bind(s3::Bucket& bucket) const {
  const std::string bucket_id = bucket.node().id();
  const lambda::PermissionProps props{.principal = "s3.amazonaws.com",
                                      .source_arn = bucket.known_bucket_arn(),
                                      .source_account = Stack::of(bucket).account(),
                                      .reason = "notifications of bucket " + bucket_id};
  const CfnResource* dependency = nullptr;
  if (cdk_compatible(bucket)) {
    // Where CDK puts it: under the bucket, `AllowBucketNotificationsTo<function's unique id>`.
    const std::string id = "AllowBucketNotificationsTo" + cdk_unique_id(fn_);
    auto* existing = dynamic_cast<CfnResource*>(bucket.node().try_find_child(id));
    dependency = existing != nullptr ? existing : &lambda::detail::add_cdk_permission(bucket, id, fn_, props);
  } else {
    const std::string id = bucket_id + "Permission";
    auto* permission = dynamic_cast<lambda::Permission*>(fn_.node().try_find_child(id));
    if (permission == nullptr) permission = &fn_.add_permission(id, props);
    dependency = &permission->resource();
  }
  return {.type = s3::NotificationDestinationType::Lambda,
          .arn = fn_.function_arn(),
          .dependency = dependency,
          .name = fn_.node().id()};
}

}  // namespace formwork::s3_notifications
