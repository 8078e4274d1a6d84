#include "constructs/iam/grant.hpp"

namespace formwork::iam {

Grant Grant::add_to_principal(IGrantable& grantee, GrantOptions options) {
  if (options.actions.empty() || options.resource_arns.empty()) return Grant(false);
  PolicyStatement statement{.actions = std::move(options.actions), .resources = std::move(options.resource_arns)};
  return Grant(grantee.grant_principal().add_to_principal_policy(statement, options.reason));
}

}  // namespace formwork::iam
