#pragma once

#include <string>
#include <vector>

#include "constructs/core/value.hpp"

namespace formwork::iam {

enum class Effect { Allow, Deny };

/// Who a resource policy statement applies to: `Principal::service("sns.amazonaws.com")`.
struct Principal {
  std::string type;  ///< "Service", "AWS" or "Federated"
  Value id;          ///< `sns.amazonaws.com`, an account or role ARN, or `*`

  [[nodiscard]] static Principal service(std::string name) { return {"Service", std::move(name)}; }
  [[nodiscard]] static Principal aws(Value arn) { return {"AWS", std::move(arn)}; }
  [[nodiscard]] static Principal anyone() { return {"AWS", "*"}; }
};

/// One statement of an IAM policy.
///
///   iam::PolicyStatement{.actions = {"sqs:SendMessage"}, .resources = {queue.queue_arn()}}
struct PolicyStatement {
  /// Default: Allow.
  Effect effect = Effect::Allow;
  /// `service:Action` names. Default: none.
  std::vector<std::string> actions = {};
  /// ARNs. Default: none.
  std::vector<Value> resources = {};
  /// For resource-based policies. Default: none (an identity policy).
  std::vector<Principal> principals = {};
  /// `{"ArnEquals": {"aws:SourceArn": topic_arn}}`. Default: none.
  Value::Map conditions = {};
  /// Default: none.
  std::string sid = {};

  /// The statement as CloudFormation takes it: actions sorted and de-duplicated, a single
  /// action or resource written as a scalar.
  [[nodiscard]] Value to_value() const;
};

/// Statements merged as a person would write them: those that differ only in actions get
/// one statement with every action, then those that differ only in resources get one with
/// every resource. Order of first appearance is kept.
[[nodiscard]] std::vector<PolicyStatement> merge_statements(const std::vector<PolicyStatement>& statements);

/// `{Version: 2012-10-17, Statement: [...]}` with the statements merged.
[[nodiscard]] Value policy_document(const std::vector<PolicyStatement>& statements);

}  // namespace formwork::iam
