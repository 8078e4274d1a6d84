#include "constructs/lambda/permission.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "constructs/core/logical_ids.hpp"
#include "constructs/lambda/alias.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kPrincipalLabels = {{
    {"*", "anyone"},
    {"sns.amazonaws.com", "SNS"},
    {"sqs.amazonaws.com", "SQS"},
    {"events.amazonaws.com", "EventBridge"},
    {"apigateway.amazonaws.com", "API Gateway"},
    {"s3.amazonaws.com", "S3"},
    {"logs.amazonaws.com", "CloudWatch Logs"},
    {"lambda.amazonaws.com", "Lambda"},
    {"scheduler.amazonaws.com", "EventBridge Scheduler"},
}};

}  // namespace

std::string principal_label(const std::string& principal) {
  for (const auto& [name, label] : kPrincipalLabels)
    if (principal == name) return std::string(label);
  return principal;
}

Permission::Permission(Construct& scope, std::string_view id, PermissionProps props)
    : Construct(scope, id), props_(std::move(props)) {
  auto* alias = dynamic_cast<Alias*>(&scope);
  auto* function = alias != nullptr ? &alias->function() : dynamic_cast<Function*>(&scope);
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Lambda::Permission"});
  // CDK's `addPermission(id)` puts a bare CfnPermission at `<function>/<id>`: its logical ID.
  if (cdk_compatible(*this)) resource_->override_logical_id(cdk_logical_id(*this));
  resource_->set_property("Action", props_.action);
  resource_->set_property("Principal", props_.principal);
  if (props_.source_arn) resource_->set_property("SourceArn", *props_.source_arn);
  if (props_.source_account) resource_->set_property("SourceAccount", *props_.source_account);
  if (props_.function_url_auth_type) resource_->set_property("FunctionUrlAuthType", *props_.function_url_auth_type);
  if (props_.invoked_via_function_url) resource_->set_property("InvokedViaFunctionUrl", true);
  if (function != nullptr) {
    resource_->set_property("FunctionName", alias != nullptr ? alias->alias_arn() : function->function_arn());
    std::string target = "function " + function->node().id();
    if (alias != nullptr) target = "alias " + alias->alias_name() + " of " + target;
    std::string comment = "Lets " + principal_label(props_.principal) + " invoke " + target;
    if (!props_.reason.empty()) comment += " (" + props_.reason + ")";
    resource_->set_comment(comment);
  }
  node().add_validation([this, function]() -> std::vector<std::string> {
    std::vector<std::string> errors;
    if (function == nullptr)
      errors.push_back("a permission must be created under its function or alias, with add_permission(id, props)");
    if (props_.principal.empty()) errors.push_back("a permission needs a principal, such as sns.amazonaws.com");
    if (props_.action.empty() || props_.action.rfind("lambda:", 0) != 0)
      errors.push_back("permission action must start with 'lambda:', got '" + props_.action + "'");
    return errors;
  });
}

}  // namespace formwork::lambda
