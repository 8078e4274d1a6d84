#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/duration.hpp"
#include "constructs/iam/grant.hpp"
#include "constructs/iam/policy_statement.hpp"

namespace formwork::sqs {

class Queue;
class QueuePolicy;

/// How messages are encrypted at rest.
enum class QueueEncryption {
  /// No server-side encryption (`SqsManagedSseEnabled: false`).
  Unencrypted,
  /// SSE-SQS, keys owned by SQS (`SqsManagedSseEnabled: true`); what AWS does for new queues.
  SqsManaged,
  /// SSE-KMS with the AWS managed key `alias/aws/sqs`.
  KmsManaged,
};

/// Where messages go after they were received `max_receive_count` times without being deleted.
struct DeadLetterQueue {
  /// The dead-letter queue (a FIFO queue for a FIFO queue). Required.
  Queue* queue;
  /// Receives before a message moves to `queue`, 1 to 1000. Required.
  int max_receive_count;
};

struct QueueProps {
  /// Default: a name CloudFormation generates (with `.fifo` for a FIFO queue).
  std::optional<std::string> queue_name = std::nullopt;
  /// A FIFO queue: exactly-once processing, ordered per message group.
  /// Default: false (a standard queue).
  bool fifo = false;
  /// FIFO only: deduplicate on a SHA-256 of the body instead of a deduplication ID.
  /// Default: SQS's default (off).
  std::optional<bool> content_based_deduplication = std::nullopt;
  /// How long a received message stays hidden from other consumers, 0 s to 12 h.
  /// Default: 30 seconds.
  std::optional<Duration> visibility_timeout = std::nullopt;
  /// How long SQS keeps a message, 60 s to 14 days. Default: 4 days.
  std::optional<Duration> retention_period = std::nullopt;
  /// How long each new message stays invisible, 0 to 900 s. Default: 0 (delivered at once).
  std::optional<Duration> delivery_delay = std::nullopt;
  /// Long polling: how long ReceiveMessage waits for a message, 0 to 20 s. Default: 0 (short polling).
  std::optional<Duration> receive_message_wait_time = std::nullopt;
  /// Largest message accepted, 1,024 to 1,048,576 bytes. Default: SQS's default (256 KiB).
  std::optional<int> max_message_size_bytes = std::nullopt;
  /// Default: SSE-SQS (`SqsManagedSseEnabled: true`).
  QueueEncryption encryption = QueueEncryption::SqsManaged;
  /// Default: none (a message is received again until its retention period ends).
  std::optional<DeadLetterQueue> dead_letter_queue = std::nullopt;
};

/// An SQS queue (`AWS::SQS::Queue`).
///
///   auto& dlq = stack.add<sqs::Queue>("OrdersDlq", {.retention_period = Duration::days(14)});
///   auto& orders = stack.add<sqs::Queue>("Orders", {
///       .visibility_timeout = Duration::seconds(60),
///       .dead_letter_queue = sqs::DeadLetterQueue{.queue = &dlq, .max_receive_count = 3}});
///   orders.grant_send_messages(function);
class Queue : public Construct {
 public:
  using Props = QueueProps;
  Queue(Construct& scope, std::string_view id, QueueProps props = {});

  /// `!GetAtt Queue.Arn`.
  [[nodiscard]] Value queue_arn() const { return resource_->get_att("Arn"); }
  /// `!Ref Queue`: the queue URL.
  [[nodiscard]] Value queue_url() const { return resource_->ref(); }
  /// `!GetAtt Queue.QueueName`.
  [[nodiscard]] Value queue_name() const { return resource_->get_att("QueueName"); }
  [[nodiscard]] bool fifo() const { return props_.fifo; }
  /// The visibility timeout (30 seconds when not set).
  [[nodiscard]] Duration visibility_timeout() const;
  [[nodiscard]] const QueueProps& props() const { return props_; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }

  /// sqs:SendMessage, sqs:GetQueueAttributes, sqs:GetQueueUrl on this queue.
  iam::Grant grant_send_messages(iam::IGrantable& grantee, std::string reason = {});
  /// sqs:ReceiveMessage, sqs:ChangeMessageVisibility, sqs:DeleteMessage, sqs:GetQueueAttributes,
  /// sqs:GetQueueUrl on this queue.
  iam::Grant grant_consume_messages(iam::IGrantable& grantee, std::string reason = {});
  /// sqs:PurgeQueue, sqs:GetQueueAttributes, sqs:GetQueueUrl on this queue.
  iam::Grant grant_purge(iam::IGrantable& grantee, std::string reason = {});
  /// Any actions on this queue. `reason` completes "Allows <grantee> to …";
  /// Default: "use queue <id> (<actions>)".
  iam::Grant grant(iam::IGrantable& grantee, std::vector<std::string> actions, std::string reason = {});

  /// Adds a statement to the queue's resource policy (child `Policy`, an
  /// `AWS::SQS::QueuePolicy` created with the first statement).
  void add_to_resource_policy(iam::PolicyStatement statement, std::string reason = {});
  /// The resource policy, or nullptr while it has no statement.
  [[nodiscard]] CfnResource* policy_resource() const { return policy_; }

  void prepare() override;

 private:
  [[nodiscard]] std::vector<std::string> validate() const;

  QueueProps props_;
  CfnResource* resource_;
  CfnResource* policy_ = nullptr;
  std::vector<iam::PolicyStatement> policy_statements_;
  std::vector<std::string> policy_reasons_;
  std::vector<const Queue*> dead_letter_for_;  // queues whose redrive policy points here
  std::string auto_comment_;                   // the comment prepare() set last
};

}  // namespace formwork::sqs
