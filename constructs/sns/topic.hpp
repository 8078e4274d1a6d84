#pragma once

#include <optional>
#include <string>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/iam/grant.hpp"
#include "constructs/iam/policy_statement.hpp"
#include "constructs/sns/topic_subscription.hpp"

namespace formwork::sns {

struct TopicProps {
  /// 1 to 256 characters of A-Z a-z 0-9 - _, ending in `.fifo` for a FIFO topic.
  /// Default: a name CloudFormation generates.
  std::optional<std::string> topic_name = std::nullopt;
  /// The sender name of SMS and e-mail notifications, at most 100 characters.
  /// Default: none.
  std::optional<std::string> display_name = std::nullopt;
  /// A FIFO topic: ordered, deduplicated delivery to FIFO queues.
  /// Default: false (a standard topic).
  bool fifo = false;
  /// FIFO only: deduplicate on a SHA-256 of the body instead of a deduplication ID.
  /// Default: SNS's default (off).
  std::optional<bool> content_based_deduplication = std::nullopt;
};

/// An SNS topic (`AWS::SNS::Topic`).
///
///   auto& events = stack.add<sns::Topic>("OrderEvents", {.display_name = "Order events"});
///   events.add_subscription(sns_subscriptions::LambdaSubscription(process));
///   events.grant_publish(create_order);
class Topic : public Construct {
 public:
  using Props = TopicProps;
  Topic(Construct& scope, std::string_view id, TopicProps props = {});

  /// `!Ref Topic`: the topic ARN.
  [[nodiscard]] Value topic_arn() const { return resource_->ref(); }
  /// `!GetAtt Topic.TopicName`.
  [[nodiscard]] Value topic_name() const { return resource_->get_att("TopicName"); }
  [[nodiscard]] bool fifo() const { return props_.fifo; }
  [[nodiscard]] const TopicProps& props() const { return props_; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }

  /// sns:Publish on this topic.
  iam::Grant grant_publish(iam::IGrantable& grantee, std::string reason = {});
  /// Subscribes an endpoint: calls `subscription.bind(*this)`.
  void add_subscription(const ITopicSubscription& subscription);

  /// Adds a statement to the topic's resource policy (child `Policy`, an
  /// `AWS::SNS::TopicPolicy` created with the first statement).
  void add_to_resource_policy(iam::PolicyStatement statement, std::string reason = {});
  /// The resource policy, or nullptr while it has no statement.
  [[nodiscard]] CfnResource* policy_resource() const { return policy_; }

  void prepare() override;

 private:
  [[nodiscard]] std::vector<std::string> validate() const;

  TopicProps props_;
  CfnResource* resource_;
  CfnResource* policy_ = nullptr;
  std::vector<iam::PolicyStatement> policy_statements_;
  std::vector<std::string> policy_reasons_;
};

}  // namespace formwork::sns
