#include "constructs/sqs/queue.hpp"

#include <algorithm>

#include "constructs/core/group.hpp"

namespace formwork::sqs {
namespace {

// The actions of each intent grant: the C++ form of CDK's grants.json for SQS.
const std::vector<std::string> kSendActions = {"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"};
const std::vector<std::string> kConsumeActions = {"sqs:ReceiveMessage", "sqs:ChangeMessageVisibility",
                                                  "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"};
const std::vector<std::string> kPurgeActions = {"sqs:PurgeQueue", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"};

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace

Queue::Queue(Construct& scope, std::string_view id, QueueProps props) : Construct(scope, id), props_(std::move(props)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::SQS::Queue"});
  CfnResource& r = *resource_;
  if (props_.queue_name) r.set_property("QueueName", *props_.queue_name);
  if (props_.fifo) r.set_property("FifoQueue", true);
  if (props_.content_based_deduplication) r.set_property("ContentBasedDeduplication", *props_.content_based_deduplication);
  if (props_.visibility_timeout) r.set_property("VisibilityTimeout", props_.visibility_timeout->to_seconds());
  if (props_.retention_period) r.set_property("MessageRetentionPeriod", props_.retention_period->to_seconds());
  if (props_.delivery_delay) r.set_property("DelaySeconds", props_.delivery_delay->to_seconds());
  if (props_.receive_message_wait_time)
    r.set_property("ReceiveMessageWaitTimeSeconds", props_.receive_message_wait_time->to_seconds());
  if (props_.max_message_size_bytes) r.set_property("MaximumMessageSize", *props_.max_message_size_bytes);
  switch (props_.encryption) {
    case QueueEncryption::Unencrypted: r.set_property("SqsManagedSseEnabled", false); break;
    case QueueEncryption::SqsManaged: r.set_property("SqsManagedSseEnabled", true); break;
    case QueueEncryption::KmsManaged: r.set_property("KmsMasterKeyId", "alias/aws/sqs"); break;
  }
  if (props_.dead_letter_queue && props_.dead_letter_queue->queue != nullptr) {
    Queue& dlq = *props_.dead_letter_queue->queue;
    r.set_property("RedrivePolicy", Value::map({{"deadLetterTargetArn", dlq.queue_arn()},
                                                {"maxReceiveCount", props_.dead_letter_queue->max_receive_count}}));
    dlq.dead_letter_for_.push_back(this);
  }
  node().add_validation([this] { return validate(); });
}

Duration Queue::visibility_timeout() const {
  return props_.visibility_timeout.value_or(Duration::seconds(30));
}

iam::Grant Queue::grant_send_messages(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "send messages to queue " + node().id();
  return grant(grantee, kSendActions, std::move(reason));
}

iam::Grant Queue::grant_consume_messages(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "consume messages from queue " + node().id();
  return grant(grantee, kConsumeActions, std::move(reason));
}

iam::Grant Queue::grant_purge(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "purge queue " + node().id();
  return grant(grantee, kPurgeActions, std::move(reason));
}

iam::Grant Queue::grant(iam::IGrantable& grantee, std::vector<std::string> actions, std::string reason) {
  if (reason.empty()) reason = "use queue " + node().id() + " (" + join(actions, ", ") + ")";
  return iam::Grant::add_to_principal(
      grantee, {.actions = std::move(actions), .resource_arns = {queue_arn()}, .reason = std::move(reason)});
}

void Queue::add_to_resource_policy(iam::PolicyStatement statement, std::string reason) {
  if (policy_ == nullptr) {
    auto& policy = add<Group>("Policy");  // so that its L1 reads `<Queue>/Policy/Resource`
    policy_ = &policy.add<CfnResource>("Resource", {.type = "AWS::SQS::QueuePolicy"});
  }
  policy_statements_.push_back(std::move(statement));
  if (!reason.empty()) policy_reasons_.push_back(std::move(reason));
}

void Queue::prepare() {
  std::string comment = std::string(props_.fifo ? "FIFO" : "Standard") + " SQS queue " + node().id();
  if (props_.dead_letter_queue && props_.dead_letter_queue->queue != nullptr)
    comment += ", which moves a message to " + props_.dead_letter_queue->queue->node().id() + " after " +
               std::to_string(props_.dead_letter_queue->max_receive_count) + " receives";
  if (!dead_letter_for_.empty()) {
    std::vector<std::string> sources;
    for (const Queue* q : dead_letter_for_) sources.push_back(q->node().id());
    comment += ", dead-letter queue of " + join(sources, ", ");
  }
  // Keep a comment someone else set (a function describes the dead-letter queue it creates).
  if (resource_->comment().empty() || resource_->comment() == auto_comment_) resource_->set_comment(comment);
  auto_comment_ = comment;

  if (policy_ != nullptr) {
    policy_->set_property("PolicyDocument", iam::policy_document(policy_statements_));
    policy_->set_property("Queues", Value::list({queue_url()}));
    policy_->set_comment(policy_reasons_.empty() ? "Resource policy of queue " + node().id()
                                                 : join(policy_reasons_, "; "));
  }
}

}  // namespace formwork::sqs
