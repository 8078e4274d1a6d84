#pragma once

#include <string>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/iam/policy_statement.hpp"

namespace formwork::iam {

class Role;

struct PolicyProps {
  /// Roles the policy is attached to. Default: none (attach with attach_to_role).
  std::vector<Role*> roles = {};
  /// Default: none (add with add_statement; a policy must end up with one).
  std::vector<PolicyStatement> statements = {};
  /// Default: the policy's logical ID.
  std::string policy_name = {};
};

/// An inline IAM policy (`AWS::IAM::Policy`) attached to roles. Statements are merged and
/// their actions sorted when the template is written.
class Policy : public Construct {
 public:
  using Props = PolicyProps;
  Policy(Construct& scope, std::string_view id, PolicyProps props = {});

  void add_statement(PolicyStatement statement) { statements_.push_back(std::move(statement)); }
  void attach_to_role(Role& role) { roles_.push_back(&role); }
  [[nodiscard]] const std::vector<PolicyStatement>& statements() const { return statements_; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }

  void prepare() override;

 private:
  std::vector<PolicyStatement> statements_;
  std::vector<Role*> roles_;
  CfnResource* resource_;
};

}  // namespace formwork::iam
