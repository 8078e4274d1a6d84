#include "constructs/s3/bucket.hpp"

#include <array>
#include <cctype>

#include "constructs/core/detail/hash.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::s3 {
namespace {

// The actions of each intent grant: the C++ form of CDK's aws-s3 perms.ts (with the
// @aws-cdk/aws-s3:grantWriteWithoutAcl behaviour that new CDK projects have).
constexpr std::array<const char*, 3> kReadActions = {"s3:GetObject*", "s3:GetBucket*", "s3:List*"};
constexpr std::array<const char*, 6> kPutActions = {"s3:PutObject",        "s3:PutObjectLegalHold",
                                                    "s3:PutObjectRetention", "s3:PutObjectTagging",
                                                    "s3:PutObjectVersionTagging", "s3:Abort*"};
constexpr std::array<const char*, 1> kDeleteActions = {"s3:DeleteObject*"};

template <std::size_t... N>
std::vector<std::string> actions(const std::array<const char*, N>&... lists) {
  std::vector<std::string> out;
  (out.insert(out.end(), lists.begin(), lists.end()), ...);
  return out;
}

// The scope of the bucket policy, so its L1 reads `<Bucket>/Policy/Resource`.
class PolicyScope : public Construct {
 public:
  PolicyScope(Construct& scope, std::string_view id) : Construct(scope, id) {}
};

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Lifecycle periods are whole days (validation rejects the rest).
std::int64_t days_of(Duration d) { return d.to_seconds() / 86400; }

const char* storage_class_name(StorageClass c) {
  switch (c) {
    case StorageClass::StandardIa: return "STANDARD_IA";
    case StorageClass::OneZoneIa: return "ONEZONE_IA";
    case StorageClass::IntelligentTiering: return "INTELLIGENT_TIERING";
    case StorageClass::GlacierInstantRetrieval: return "GLACIER_IR";
    case StorageClass::Glacier: return "GLACIER";
    case StorageClass::DeepArchive: return "DEEP_ARCHIVE";
  }
  return "STANDARD_IA";
}

Value lifecycle_rule(const LifecycleRule& rule, std::size_t index) {
  Value::Map r;
  if (rule.abort_incomplete_multipart_upload_after)
    r.emplace_back("AbortIncompleteMultipartUpload",
                   Value::map({{"DaysAfterInitiation", days_of(*rule.abort_incomplete_multipart_upload_after)}}));
  if (rule.expiration) r.emplace_back("ExpirationInDays", days_of(*rule.expiration));
  r.emplace_back("Id", rule.id.empty() ? "Rule" + std::to_string(index) : rule.id);
  if (rule.noncurrent_version_expiration)
    r.emplace_back("NoncurrentVersionExpiration",
                   Value::map({{"NoncurrentDays", days_of(*rule.noncurrent_version_expiration)}}));
  if (!rule.prefix.empty()) r.emplace_back("Prefix", rule.prefix);
  r.emplace_back("Status", rule.enabled ? "Enabled" : "Disabled");
  if (!rule.transitions.empty()) {
    Value::List transitions;
    for (const auto& t : rule.transitions)
      transitions.push_back(Value::map({{"StorageClass", storage_class_name(t.storage_class)},
                                        {"TransitionInDays", days_of(t.transition_after)}}));
    r.emplace_back("Transitions", std::move(transitions));
  }
  return Value::map(std::move(r));
}

Value string_list(const std::vector<std::string>& items) { return Value::List(items.begin(), items.end()); }

Value cors_rule(const CorsRule& rule) {
  Value::Map r;
  if (!rule.allowed_headers.empty()) r.emplace_back("AllowedHeaders", string_list(rule.allowed_headers));
  r.emplace_back("AllowedMethods", string_list(rule.allowed_methods));
  r.emplace_back("AllowedOrigins", string_list(rule.allowed_origins));
  if (!rule.exposed_headers.empty()) r.emplace_back("ExposedHeaders", string_list(rule.exposed_headers));
  if (!rule.id.empty()) r.emplace_back("Id", rule.id);
  if (rule.max_age_seconds) r.emplace_back("MaxAge", *rule.max_age_seconds);
  return Value::map(std::move(r));
}

Value notification_filter(const NotificationKeyFilter& filter) {
  Value::List rules;
  if (!filter.prefix.empty()) rules.push_back(Value::map({{"Name", "prefix"}, {"Value", filter.prefix}}));
  if (!filter.suffix.empty()) rules.push_back(Value::map({{"Name", "suffix"}, {"Value", filter.suffix}}));
  return Value::map({{"S3Key", Value::map({{"Rules", std::move(rules)}})}});
}

}  // namespace

std::string event_type_name(EventType type) {
  switch (type) {
    case EventType::ObjectCreated: return "s3:ObjectCreated:*";
    case EventType::ObjectCreatedPut: return "s3:ObjectCreated:Put";
    case EventType::ObjectCreatedPost: return "s3:ObjectCreated:Post";
    case EventType::ObjectCreatedCopy: return "s3:ObjectCreated:Copy";
    case EventType::ObjectCreatedCompleteMultipartUpload: return "s3:ObjectCreated:CompleteMultipartUpload";
    case EventType::ObjectRemoved: return "s3:ObjectRemoved:*";
    case EventType::ObjectRemovedDelete: return "s3:ObjectRemoved:Delete";
    case EventType::ObjectRemovedDeleteMarkerCreated: return "s3:ObjectRemoved:DeleteMarkerCreated";
    case EventType::ObjectRestore: return "s3:ObjectRestore:*";
    case EventType::ObjectTagging: return "s3:ObjectTagging:*";
    case EventType::LifecycleExpiration: return "s3:LifecycleExpiration:*";
    case EventType::ReducedRedundancyLostObject: return "s3:ReducedRedundancyLostObject";
    case EventType::Replication: return "s3:Replication:*";
  }
  return "s3:ObjectCreated:*";
}

Bucket::Bucket(Construct& scope, std::string_view id, BucketProps props) : Construct(scope, id), props_(std::move(props)) {
  name_text_ = known_name_text();
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::S3::Bucket"});
  CfnResource& r = *resource_;
  r.set_property("BucketName", known_bucket_name());
  Value::Map sse = {{"SSEAlgorithm", props_.encryption == BucketEncryption::KmsManaged ? "aws:kms" : "AES256"}};
  Value::Map encryption_rule = {{"ServerSideEncryptionByDefault", Value::map(std::move(sse))}};
  if (props_.encryption == BucketEncryption::KmsManaged) encryption_rule.insert(encryption_rule.begin(), {"BucketKeyEnabled", true});
  r.set_property("BucketEncryption",
                 Value::map({{"ServerSideEncryptionConfiguration", Value::list({Value::map(std::move(encryption_rule))})}}));
  if (props_.block_public_access)
    r.set_property("PublicAccessBlockConfiguration",
                   Value::map({{"BlockPublicAcls", true}, {"BlockPublicPolicy", true}, {"IgnorePublicAcls", true},
                               {"RestrictPublicBuckets", true}}));
  if (props_.versioned) r.set_property("VersioningConfiguration", Value::map({{"Status", "Enabled"}}));
  if (!props_.lifecycle_rules.empty()) {
    Value::List rules;
    for (std::size_t i = 0; i < props_.lifecycle_rules.size(); ++i) rules.push_back(lifecycle_rule(props_.lifecycle_rules[i], i));
    r.set_property("LifecycleConfiguration", Value::map({{"Rules", std::move(rules)}}));
  }
  if (!props_.cors.empty()) {
    Value::List rules;
    for (const auto& rule : props_.cors) rules.push_back(cors_rule(rule));
    r.set_property("CorsConfiguration", Value::map({{"CorsRules", std::move(rules)}}));
  }
  r.apply_removal_policy(props_.removal_policy);
  if (props_.enforce_ssl)
    add_to_resource_policy(iam::PolicyStatement{
        .effect = iam::Effect::Deny,
        .actions = {"s3:*"},
        .resources = {bucket_arn(), arn_for_objects("*")},
        .principals = {iam::Principal::anyone()},
        .conditions = {{"Bool", Value::map({{"aws:SecureTransport", "false"}})}},
    }, "Denies requests to bucket " + node().id() + " that do not use TLS");
  if (props_.auto_delete_objects && props_.removal_policy == RemovalPolicy::Delete) add_auto_delete_objects();
  node().add_validation([this] { return validate(); });
}

Value Bucket::arn_for_objects(const std::string& key_pattern) const { return Value::sub(name_text_ + "/" + key_pattern); }

std::string Bucket::known_name_text() const {
  if (props_.bucket_name) return "arn:${AWS::Partition}:s3:::" + *props_.bucket_name;
  // `<stack>-<path inside the stack>` in lower case, cut to 25 characters, then 8 hex digits of
  // the MD5 of the stack name and path (so cut names stay distinct), the account and the region:
  // at most 25 + 1 + 8 + 1 + 12 + 1 + 15 = 63 characters, S3's limit. Unique in the account
  // and region, because stack names are.
  const Stack& stack = Stack::of(*this);
  const std::string stack_path = stack.node().path();
  const std::string inside = node().path().substr(std::min(node().path().size(), stack_path.size() + 1));
  std::string prefix;
  for (char c : stack.stack_name() + "-" + inside) {
    const auto u = static_cast<unsigned char>(c);
    char out = std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
    if (out == '-' && (prefix.empty() || prefix.back() == '-')) continue;
    prefix += out;
  }
  if (prefix.size() > 25) prefix.resize(25);
  while (!prefix.empty() && prefix.back() == '-') prefix.pop_back();
  const std::string hash = formwork::detail::md5_hex(stack.stack_name() + "/" + inside).substr(0, 8);
  return stack.with_env("arn:${AWS::Partition}:s3:::" + prefix + "-" + hash + "-${AWS::AccountId}-${AWS::Region}");
}

Value Bucket::known_bucket_name() const {
  if (props_.bucket_name) return *props_.bucket_name;
  return Value::sub(name_text_.substr(std::string("arn:${AWS::Partition}:s3:::").size()));
}

iam::Grant Bucket::grant_read(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "read bucket " + node().id();
  return grant(grantee, actions(kReadActions), {bucket_arn(), arn_for_objects("*")}, std::move(reason));
}

iam::Grant Bucket::grant_write(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "write to bucket " + node().id();
  return grant(grantee, actions(kDeleteActions, kPutActions), {bucket_arn(), arn_for_objects("*")}, std::move(reason));
}

iam::Grant Bucket::grant_read_write(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "read and write bucket " + node().id();
  return grant(grantee, actions(kReadActions, kDeleteActions, kPutActions), {bucket_arn(), arn_for_objects("*")},
               std::move(reason));
}

iam::Grant Bucket::grant_put(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "put objects into bucket " + node().id();
  return grant(grantee, actions(kPutActions), {arn_for_objects("*")}, std::move(reason));
}

iam::Grant Bucket::grant_delete(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "delete objects of bucket " + node().id();
  return grant(grantee, actions(kDeleteActions), {arn_for_objects("*")}, std::move(reason));
}

iam::Grant Bucket::grant(iam::IGrantable& grantee, std::vector<std::string> action_list, std::vector<Value> resources,
                         std::string reason) {
  if (reason.empty()) reason = "use bucket " + node().id() + " (" + join(action_list, ", ") + ")";
  return iam::Grant::add_to_principal(
      grantee, {.actions = std::move(action_list), .resource_arns = std::move(resources), .reason = std::move(reason)});
}

void Bucket::add_event_notification(EventType event, const IBucketNotificationDestination& destination,
                                    NotificationKeyFilter filter) {
  BucketNotificationDestinationConfig config = destination.bind(*this);
  if (config.dependency != nullptr) resource_->add_depends_on(*config.dependency);
  notifications_.push_back({event, std::move(config), std::move(filter)});
}

void Bucket::add_object_created_notification(const IBucketNotificationDestination& destination,
                                             NotificationKeyFilter filter) {
  add_event_notification(EventType::ObjectCreated, destination, std::move(filter));
}

void Bucket::add_object_removed_notification(const IBucketNotificationDestination& destination,
                                             NotificationKeyFilter filter) {
  add_event_notification(EventType::ObjectRemoved, destination, std::move(filter));
}

void Bucket::add_to_resource_policy(iam::PolicyStatement statement, std::string reason) {
  if (policy_ == nullptr) {
    auto& policy = add<PolicyScope>("Policy");
    policy_ = &policy.add<CfnResource>("Resource", {.type = "AWS::S3::BucketPolicy"});
  }
  policy_statements_.push_back(std::move(statement));
  if (!reason.empty()) policy_reasons_.push_back(std::move(reason));
}

void Bucket::prepare() {
  Value::List lambdas, queues, topics;
  std::vector<std::string> targets;
  for (const auto& n : notifications_) {
    Value::Map entry = {{"Event", event_type_name(n.event)}};
    if (!n.filter.prefix.empty() || !n.filter.suffix.empty()) entry.emplace_back("Filter", notification_filter(n.filter));
    switch (n.destination.type) {
      case NotificationDestinationType::Lambda:
        entry.emplace_back("Function", n.destination.arn);
        lambdas.push_back(Value::map(std::move(entry)));
        targets.push_back("function " + n.destination.name);
        break;
      case NotificationDestinationType::Queue:
        entry.emplace_back("Queue", n.destination.arn);
        queues.push_back(Value::map(std::move(entry)));
        targets.push_back("queue " + n.destination.name);
        break;
      case NotificationDestinationType::Topic:
        entry.emplace_back("Topic", n.destination.arn);
        topics.push_back(Value::map(std::move(entry)));
        targets.push_back("topic " + n.destination.name);
        break;
    }
  }
  Value::Map config;
  if (props_.event_bridge_enabled) config.emplace_back("EventBridgeConfiguration", Value::map({{"EventBridgeEnabled", true}}));
  if (!lambdas.empty()) config.emplace_back("LambdaConfigurations", std::move(lambdas));
  if (!queues.empty()) config.emplace_back("QueueConfigurations", std::move(queues));
  if (!topics.empty()) config.emplace_back("TopicConfigurations", std::move(topics));
  if (!config.empty()) resource_->set_property("NotificationConfiguration", Value::map(std::move(config)));

  std::string comment = "S3 bucket " + node().id() + (props_.versioned ? ", versioned" : "") +
                        (props_.block_public_access ? ", closed to the public" : ", NOT blocking public access");
  if (!targets.empty()) comment += ", notifies " + join(targets, ", ");
  if (props_.event_bridge_enabled) comment += ", sends its events to EventBridge";
  if (resource_->comment().empty() || resource_->comment().rfind("S3 bucket ", 0) == 0) resource_->set_comment(comment);

  if (policy_ != nullptr) {
    policy_->set_property("Bucket", bucket_name());
    policy_->set_property("PolicyDocument", iam::policy_document(policy_statements_));
    policy_->set_comment(policy_reasons_.empty() ? "Policy of bucket " + node().id() : join(policy_reasons_, "; "));
  }
}

}  // namespace formwork::s3
