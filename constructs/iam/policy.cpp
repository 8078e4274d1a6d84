#include "constructs/iam/policy.hpp"

#include "constructs/iam/role.hpp"

namespace formwork::iam {

Policy::Policy(Construct& scope, std::string_view id, PolicyProps props)
    : Construct(scope, id), statements_(std::move(props.statements)), roles_(std::move(props.roles)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::IAM::Policy"});
  resource_->set_property("PolicyName", props.policy_name.empty() ? Value(Value::LogicalIdOf{resource_})
                                                                  : Value(props.policy_name));
  node().add_validation([this]() -> std::vector<std::string> {
    std::vector<std::string> errors;
    if (statements_.empty()) errors.push_back("a policy needs at least one statement");
    if (roles_.empty()) errors.push_back("a policy must be attached to at least one role");
    return errors;
  });
}

void Policy::prepare() {
  resource_->set_property("PolicyDocument", policy_document(statements_));
  Value::List roles;
  for (Role* role : roles_) roles.push_back(role->role_name());
  resource_->set_property("Roles", std::move(roles));
}

}  // namespace formwork::iam
