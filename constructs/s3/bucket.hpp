#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/duration.hpp"
#include "constructs/iam/grant.hpp"
#include "constructs/iam/policy_statement.hpp"
#include "constructs/s3/notification_destination.hpp"

namespace formwork::s3 {

/// How objects are encrypted at rest (S3 encrypts every new object since January 2023).
enum class BucketEncryption {
  /// SSE-S3, keys managed by S3 (`AES256`).
  S3Managed,
  /// SSE-KMS with the AWS managed key `aws/s3` (`aws:kms`), with an S3 bucket key.
  KmsManaged,
};

/// Storage classes a lifecycle rule can move objects to.
enum class StorageClass { StandardIa, OneZoneIa, IntelligentTiering, GlacierInstantRetrieval, Glacier, DeepArchive };

/// Moves objects to another storage class after some time.
struct Transition {
  /// Required.
  StorageClass storage_class;
  /// Days after creation (S3 counts whole days). Required.
  Duration transition_after;
};

/// One lifecycle rule (`LifecycleConfiguration.Rules[]`); it needs at least one action.
struct LifecycleRule {
  /// Default: a generated id.
  std::string id = {};
  /// Default: true.
  bool enabled = true;
  /// Only objects whose key starts with this. Default: every object.
  std::string prefix = {};
  /// Delete current objects this many days after creation. Default: never.
  std::optional<Duration> expiration = std::nullopt;
  /// Delete noncurrent versions this many days after they became noncurrent (versioned buckets).
  /// Default: never.
  std::optional<Duration> noncurrent_version_expiration = std::nullopt;
  /// Abort multipart uploads not finished after this many days. Default: never.
  std::optional<Duration> abort_incomplete_multipart_upload_after = std::nullopt;
  /// Default: none.
  std::vector<Transition> transitions = {};
};

/// One CORS rule (`CorsConfiguration.CorsRules[]`).
struct CorsRule {
  /// `GET`, `PUT`, `HEAD`, `POST` or `DELETE`; at least one. Required.
  std::vector<std::string> allowed_methods;
  /// Origins (`https://example.com`, `*`); at least one. Required.
  std::vector<std::string> allowed_origins;
  /// Default: none.
  std::vector<std::string> allowed_headers = {};
  /// Default: none.
  std::vector<std::string> exposed_headers = {};
  /// How long browsers cache the preflight response, 0 or more seconds. Default: not set.
  std::optional<int> max_age_seconds = std::nullopt;
  /// Default: none.
  std::string id = {};
};

struct BucketProps {
  /// 3 to 63 characters of a-z 0-9 . -, starting and ending with a letter or digit.
  /// Default: `<stack>-<path>-<hash>-${AWS::AccountId}-${AWS::Region}` (lower case, 63 at
  /// most), known before the bucket exists, so that its ARN needs no reference to it.
  std::optional<std::string> bucket_name = std::nullopt;
  /// Default: SSE-S3.
  BucketEncryption encryption = BucketEncryption::S3Managed;
  /// Blocks public ACLs and public policies (all four settings of PublicAccessBlockConfiguration).
  /// Default: true. Set false only for a bucket that must be public.
  bool block_public_access = true;
  /// Keeps every version of every object. Default: false.
  bool versioned = false;
  /// Adds a bucket policy that denies requests without TLS. Default: false.
  bool enforce_ssl = false;
  /// Sends every object event to EventBridge's default bus. Default: false.
  bool event_bridge_enabled = false;
  /// Default: none.
  std::vector<LifecycleRule> lifecycle_rules = {};
  /// Default: none (browsers may not call the bucket from other origins).
  std::vector<CorsRule> cors = {};
  /// What CloudFormation does with the bucket when it leaves the stack. Default: Retain (a
  /// bucket with objects cannot be deleted, so Delete fails unless it is empty).
  RemovalPolicy removal_policy = RemovalPolicy::Retain;
  /// Empties the bucket when the stack deletes it: a custom resource `AutoDeleteObjects`
  /// backed by a small inline function. Needs removal_policy Delete. Default: false.
  bool auto_delete_objects = false;
};

/// A notification the bucket sends, as added with add_event_notification.
struct BucketNotification {
  EventType event;
  BucketNotificationDestinationConfig destination;
  NotificationKeyFilter filter;
};

/// An S3 bucket (`AWS::S3::Bucket`), encrypted and closed to the public by default.
///
///   auto& uploads = stack.add<s3::Bucket>("Uploads", {.versioned = true});
///   uploads.grant_read_write(api_function);
///   uploads.add_event_notification(s3::EventType::ObjectCreated,
///       s3_notifications::LambdaDestination(resize), {.prefix = "images/"});
class Bucket : public Construct {
 public:
  using Props = BucketProps;
  Bucket(Construct& scope, std::string_view id, BucketProps props = {});

  /// `!Ref Bucket`: the bucket name.
  [[nodiscard]] Value bucket_name() const { return resource_->ref(); }
  /// `!Sub arn:${AWS::Partition}:s3:::<name>`, built from the name, not `!GetAtt Bucket.Arn`:
  /// a policy that names the bucket then does not depend on it, which is what lets a bucket
  /// notify a function that was granted access to it (see add_event_notification).
  [[nodiscard]] Value bucket_arn() const { return Value::sub(name_text_); }
  /// `!GetAtt Bucket.DomainName`.
  [[nodiscard]] Value bucket_domain_name() const { return resource_->get_att("DomainName"); }
  /// `!GetAtt Bucket.RegionalDomainName`.
  [[nodiscard]] Value bucket_regional_domain_name() const { return resource_->get_att("RegionalDomainName"); }
  /// The ARN of objects matching `key_pattern`: `!Sub arn:${AWS::Partition}:s3:::<name>/<pattern>`.
  [[nodiscard]] Value arn_for_objects(const std::string& key_pattern) const;
  /// The bucket's name without a reference to the bucket: the given name, else the name
  /// formwork sets (see BucketProps::bucket_name).
  [[nodiscard]] Value known_bucket_name() const;
  /// Same as bucket_arn().
  [[nodiscard]] Value known_bucket_arn() const { return bucket_arn(); }
  [[nodiscard]] const BucketProps& props() const { return props_; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }
  [[nodiscard]] const std::vector<BucketNotification>& notifications() const { return notifications_; }

  /// s3:GetObject*, s3:GetBucket*, s3:List* on the bucket and its objects.
  iam::Grant grant_read(iam::IGrantable& grantee, std::string reason = {});
  /// s3:DeleteObject*, s3:PutObject, s3:PutObjectLegalHold, s3:PutObjectRetention,
  /// s3:PutObjectTagging, s3:PutObjectVersionTagging, s3:Abort* on the bucket and its objects.
  iam::Grant grant_write(iam::IGrantable& grantee, std::string reason = {});
  /// The read and the write actions (ten) on the bucket and its objects.
  iam::Grant grant_read_write(iam::IGrantable& grantee, std::string reason = {});
  /// The put actions (without s3:DeleteObject*) on the objects.
  iam::Grant grant_put(iam::IGrantable& grantee, std::string reason = {});
  /// s3:DeleteObject* on the objects.
  iam::Grant grant_delete(iam::IGrantable& grantee, std::string reason = {});
  /// Any actions on `resources` (the bucket ARN, arn_for_objects(...)).
  iam::Grant grant(iam::IGrantable& grantee, std::vector<std::string> actions, std::vector<Value> resources,
                   std::string reason);

  /// Sends `event` for keys matching `filter` to `destination` (a function, queue or topic).
  /// The destination's permission or policy names the bucket by bucket_arn(), which refers to
  /// no resource, and the bucket depends on it: S3 checks the destination when the bucket's
  /// notification configuration is written, so the permission must exist first.
  void add_event_notification(EventType event, const IBucketNotificationDestination& destination,
                              NotificationKeyFilter filter = {});
  /// add_event_notification(ObjectCreated, …) and (ObjectRemoved, …).
  void add_object_created_notification(const IBucketNotificationDestination& destination,
                                       NotificationKeyFilter filter = {});
  void add_object_removed_notification(const IBucketNotificationDestination& destination,
                                       NotificationKeyFilter filter = {});

  /// Adds a statement to the bucket policy (child `Policy`, created with the first statement).
  void add_to_resource_policy(iam::PolicyStatement statement, std::string reason = {});
  [[nodiscard]] CfnResource* policy_resource() const { return policy_; }

  void prepare() override;

 private:
  [[nodiscard]] std::vector<std::string> validate() const;
  void add_auto_delete_objects();

  BucketProps props_;
  CfnResource* resource_;
  CfnResource* policy_ = nullptr;
  std::vector<iam::PolicyStatement> policy_statements_;
  std::vector<std::string> policy_reasons_;
  std::vector<BucketNotification> notifications_;
  std::string name_text_;  // the ARN's !Sub text

  [[nodiscard]] std::string known_name_text() const;
};

}  // namespace formwork::s3
