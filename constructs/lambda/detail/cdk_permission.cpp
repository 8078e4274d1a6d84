#include "constructs/lambda/detail/cdk_permission.hpp"

#include "constructs/lambda/function.hpp"

namespace formwork::lambda::detail {

CfnResource& add_cdk_permission(Construct& scope, const std::string& id, const Function& fn,
                                const PermissionProps& props) {
  auto& permission = scope.add<CfnResource>(id, {.type = "AWS::Lambda::Permission"});
  permission.set_property("Action", props.action);
  permission.set_property("FunctionName", fn.function_arn());
  permission.set_property("Principal", props.principal);
  if (props.source_arn) permission.set_property("SourceArn", *props.source_arn);
  if (props.source_account) permission.set_property("SourceAccount", *props.source_account);
  std::string comment = "Lets " + principal_label(props.principal) + " invoke function " + fn.node().id();
  if (!props.reason.empty()) comment += " (" + props.reason + ")";
  permission.set_comment(comment);
  return permission;
}

}  // namespace formwork::lambda::detail
