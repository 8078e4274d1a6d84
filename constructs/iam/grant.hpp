#pragma once

#include <string>
#include <vector>

#include "constructs/iam/policy_statement.hpp"

namespace formwork::iam {

/// Something with an identity policy that statements can be added to (a Role).
class IPrincipal {
 public:
  virtual ~IPrincipal() = default;
  /// Adds `statement` to the principal's policy; `reason` says why in plain words, for the
  /// template comment ("send to DestQueue (on-success destination)"). Returns false when the
  /// principal has no policy formwork can change.
  virtual bool add_to_principal_policy(const PolicyStatement& statement, const std::string& reason) = 0;
};

/// Something that can be granted permissions: a Role, or a Function through its role.
class IGrantable {
 public:
  virtual ~IGrantable() = default;
  [[nodiscard]] virtual IPrincipal& grant_principal() = 0;
};

struct GrantOptions {
  /// Default: none (a grant without actions grants nothing).
  std::vector<std::string> actions = {};
  /// The ARNs the actions are allowed on. Default: none.
  std::vector<Value> resource_arns = {};
  /// Why, in plain words, for the template comment. Default: none.
  std::string reason = {};
};

/// The result of granting permissions, as in CDK. The one way grants are added.
///
///   return Grant::add_to_principal(grantee, {.actions = {"sqs:SendMessage"}, .resource_arns = {queue_arn()}});
class Grant {
 public:
  static Grant add_to_principal(IGrantable& grantee, GrantOptions options);
  [[nodiscard]] bool success() const { return success_; }

 private:
  explicit Grant(bool success) : success_(success) {}
  bool success_;
};

}  // namespace formwork::iam
