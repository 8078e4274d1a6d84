#pragma once

#include <string>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/iam/grant.hpp"
#include "constructs/iam/policy.hpp"

namespace formwork::iam {

struct RoleProps {
  /// The service principal that assumes the role, such as `lambda.amazonaws.com`. Required.
  std::string assumed_by;
  /// AWS managed policies, e.g. `Role::aws_managed_policy("service-role/AWSLambdaBasicExecutionRole")`.
  /// Default: none.
  std::vector<Value> managed_policy_arns = {};
  /// Default: a name CloudFormation generates.
  std::string role_name = {};
  /// Default: none.
  std::string description = {};
};

/// An IAM role (`AWS::IAM::Role`). Grants add statements to its `DefaultPolicy`, which is
/// created with the first grant and only then.
///
///   auto& role = stack.add<iam::Role>("Worker", {.assumed_by = "lambda.amazonaws.com"});
class Role : public Construct, public IGrantable, public IPrincipal {
 public:
  using Props = RoleProps;
  Role(Construct& scope, std::string_view id, RoleProps props);

  [[nodiscard]] Value role_arn() const { return resource_->get_att("Arn"); }
  [[nodiscard]] Value role_name() const { return resource_->ref(); }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }
  /// The policy grants go to, or nullptr while nothing was granted.
  [[nodiscard]] Policy* default_policy() const { return default_policy_; }
  /// Why each grant was made, in order ("send to DestQueue (on-success destination)").
  [[nodiscard]] const std::vector<std::string>& grant_reasons() const { return grant_reasons_; }

  void add_managed_policy(Value arn);
  bool add_to_principal_policy(const PolicyStatement& statement, const std::string& reason) override;
  [[nodiscard]] IPrincipal& grant_principal() override { return *this; }

  /// `arn:${AWS::Partition}:iam::aws:policy/<name>`.
  [[nodiscard]] static Value aws_managed_policy(const std::string& name);

  void prepare() override;

 private:
  RoleProps props_;
  CfnResource* resource_;
  Policy* default_policy_ = nullptr;
  std::vector<std::string> grant_reasons_;
};

}  // namespace formwork::iam
