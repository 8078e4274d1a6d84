#include "constructs/sns/topic.hpp"

#include <regex>

#include "constructs/core/group.hpp"

namespace formwork::sns {

Topic::Topic(Construct& scope, std::string_view id, TopicProps props) : Construct(scope, id), props_(std::move(props)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::SNS::Topic"});
  CfnResource& r = *resource_;
  if (props_.topic_name) r.set_property("TopicName", *props_.topic_name);
  if (props_.display_name) r.set_property("DisplayName", *props_.display_name);
  if (props_.fifo) r.set_property("FifoTopic", true);
  if (props_.content_based_deduplication) r.set_property("ContentBasedDeduplication", *props_.content_based_deduplication);
  node().add_validation([this] { return validate(); });
}

iam::Grant Topic::grant_publish(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "publish to topic " + node().id();
  return iam::Grant::add_to_principal(
      grantee, {.actions = {"sns:Publish"}, .resource_arns = {topic_arn()}, .reason = std::move(reason)});
}

void Topic::add_subscription(const ITopicSubscription& subscription) { subscription.bind(*this); }

void Topic::add_to_resource_policy(iam::PolicyStatement statement, std::string reason) {
  if (policy_ == nullptr) {
    auto& policy = add<Group>("Policy");  // so that its L1 reads `<Topic>/Policy/Resource`
    policy_ = &policy.add<CfnResource>("Resource", {.type = "AWS::SNS::TopicPolicy"});
  }
  policy_statements_.push_back(std::move(statement));
  if (!reason.empty()) policy_reasons_.push_back(std::move(reason));
}

void Topic::prepare() {
  if (resource_->comment().empty())
    resource_->set_comment(std::string(props_.fifo ? "FIFO" : "Standard") + " SNS topic " + node().id());
  if (policy_ != nullptr) {
    policy_->set_property("PolicyDocument", iam::policy_document(policy_statements_));
    policy_->set_property("Topics", Value::list({topic_arn()}));
    std::string comment;
    for (const auto& r : policy_reasons_) comment += (comment.empty() ? "" : "; ") + r;
    policy_->set_comment(comment.empty() ? "Resource policy of topic " + node().id() : comment);
  }
}

std::vector<std::string> Topic::validate() const {
  std::vector<std::string> errors;
  if (props_.topic_name) {
    const std::string& name = *props_.topic_name;
    const bool has_suffix = name.size() >= 5 && name.compare(name.size() - 5, 5, ".fifo") == 0;
    if (props_.fifo && !has_suffix) errors.push_back("a FIFO topic name must end in .fifo, got '" + name + "'");
    if (!props_.fifo && has_suffix)
      errors.push_back("topic name '" + name + "' ends in .fifo but the topic is not FIFO (set fifo = true)");
    static const std::regex pattern("[A-Za-z0-9_-]+");
    const std::string base = has_suffix ? name.substr(0, name.size() - 5) : name;
    if (name.empty() || name.size() > 256 || !std::regex_match(base, pattern))
      errors.push_back("topic name must be 1 to 256 characters of A-Z a-z 0-9 - _ (256 including .fifo), got '" +
                       name + "' (" + std::to_string(name.size()) + " characters)");
  }
  if (props_.display_name && props_.display_name->size() > 100)
    errors.push_back("topic display name must be at most 100 characters, got " +
                     std::to_string(props_.display_name->size()));
  if (props_.content_based_deduplication && !props_.fifo)
    errors.push_back("content-based deduplication applies only to FIFO topics (set fifo = true)");
  return errors;
}

}  // namespace formwork::sns
