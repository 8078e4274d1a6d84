#pragma once

#include <optional>
#include <string>

#include "constructs/core/cfn_resource.hpp"

namespace formwork::lambda {

class Function;

struct PermissionProps {
  /// Who may invoke: a service principal (`sns.amazonaws.com`), an account ID or an ARN. Required.
  std::string principal;
  /// The ARN of the resource allowed to invoke (a topic, a rule). Default: any resource of the principal.
  std::optional<Value> source_arn = std::nullopt;
  /// The account that owns source_arn. Default: any account.
  std::optional<Value> source_account = std::nullopt;
  /// Default: `lambda:InvokeFunction`.
  std::string action = "lambda:InvokeFunction";
  /// `FunctionUrlAuthType`: with action `lambda:InvokeFunctionUrl`, the auth type of the URL
  /// the statement applies to (`NONE` or `AWS_IAM`). Default: none.
  std::optional<std::string> function_url_auth_type = std::nullopt;
  /// `InvokedViaFunctionUrl`: the statement allows `lambda:InvokeFunction` only through a
  /// function URL. Default: false (not written).
  bool invoked_via_function_url = false;
  /// What the invocation is for, in plain words, appended to the comment ("GET /square/{number}").
  /// Default: none.
  std::string reason = {};
};

/// A statement of a function's resource policy (`AWS::Lambda::Permission`). Create it with
/// `fn.add_permission(id, props)` or `alias.add_permission(id, props)`: its scope must be the
/// Function or the Alias. With LogicalIdStyle::CdkCompatible its resource takes the logical ID
/// of CDK's `fn.addPermission(id)`, a bare CfnPermission at `<function>/<id>`.
///
///   fn.add_permission("AllowS3", {.principal = "s3.amazonaws.com", .source_arn = bucket_arn});
class Permission : public Construct {
 public:
  using Props = PermissionProps;
  Permission(Construct& scope, std::string_view id, PermissionProps props);

  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const PermissionProps& props() const { return props_; }

 private:
  PermissionProps props_;
  CfnResource* resource_;
};

/// A readable name for a service principal ("sns.amazonaws.com" -> "SNS"), for comments.
[[nodiscard]] std::string principal_label(const std::string& principal);

}  // namespace formwork::lambda
