#include "constructs/iam/role.hpp"

#include <algorithm>
#include <regex>

#include "constructs/core/stack.hpp"

namespace formwork::iam {

Role::Role(Construct& scope, std::string_view id, RoleProps props) : Construct(scope, id), props_(std::move(props)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::IAM::Role"});
  node().add_validation([this]() -> std::vector<std::string> {
    static const std::regex name_pattern("[\\w+=,.@-]{1,64}");
    std::vector<std::string> errors;
    if (props_.assumed_by.empty()) errors.push_back("a role needs assumed_by, the service principal that uses it");
    if (!props_.role_name.empty() && !std::regex_match(props_.role_name, name_pattern))
      errors.push_back("role name '" + props_.role_name +
                       "' must be 1 to 64 characters of A-Z a-z 0-9 and +=,.@_-, got " +
                       std::to_string(props_.role_name.size()) + " characters");
    if (props_.description.size() > 1000)
      errors.push_back("role description must be at most 1000 characters, got " +
                       std::to_string(props_.description.size()));
    return errors;
  });
}

void Role::add_managed_policy(Value arn) { props_.managed_policy_arns.push_back(std::move(arn)); }

bool Role::add_to_principal_policy(const PolicyStatement& statement, const std::string& reason) {
  if (default_policy_ == nullptr) default_policy_ = &add<Policy>("DefaultPolicy", {.roles = {this}});
  default_policy_->add_statement(statement);
  if (!reason.empty()) grant_reasons_.push_back(reason);
  return true;
}

Value Role::aws_managed_policy(const std::string& name) {
  return Value::sub("arn:${AWS::Partition}:iam::aws:policy/" + name);
}

void Role::prepare() {
  PolicyStatement trust{.actions = {"sts:AssumeRole"}, .principals = {Principal::service(props_.assumed_by)}};
  resource_->set_property("AssumeRolePolicyDocument", policy_document({trust}));
  if (!props_.managed_policy_arns.empty())
    resource_->set_property("ManagedPolicyArns", Value::List(props_.managed_policy_arns.begin(), props_.managed_policy_arns.end()));
  if (!props_.role_name.empty()) resource_->set_property("RoleName", props_.role_name);
  if (!props_.description.empty()) resource_->set_property("Description", props_.description);
  if (default_policy_ != nullptr && !grant_reasons_.empty()) {
    std::string text;
    for (const auto& r : grant_reasons_) text += (text.empty() ? "" : "; ") + r;
    // "Allows Echo's role to …" for a function's role, "Allows Publisher to …" for a role of its own.
    std::string stack_path = Stack::of(*this).node().path();
    auto inside = [&](const Node& n) { return n.path().substr(std::min(n.path().size(), stack_path.size() + 1)); };
    bool service_role = node().id() == "ServiceRole" && node().scope() != nullptr && node().scope() != &Stack::of(*this);
    std::string who = service_role ? inside(node().scope()->node()) + "'s role" : inside(node());
    default_policy_->resource().set_comment("Allows " + who + " to " + text);
  }
}

}  // namespace formwork::iam
