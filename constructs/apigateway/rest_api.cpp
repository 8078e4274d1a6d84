#include "constructs/apigateway/rest_api.hpp"

#include <algorithm>

#include "constructs/apigateway/deployment.hpp"
#include "constructs/apigateway/stage.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/logical_ids.hpp"
#include "constructs/iam/role.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::apigateway {

namespace {

constexpr std::size_t kMaxNameLength = 1024;

// The Stage construct's id, `DeploymentStage.prod`, without characters a construct id refuses
// (a bad stage name is reported by the Stage's validation instead).
std::string stage_id(const std::string& stage_name) {
  std::string id = "DeploymentStage.";
  for (char c : stage_name)
    if (c != '/') id += c;
  return id;
}

}  // namespace

const char* to_string(EndpointType type) {
  switch (type) {
    case EndpointType::Regional: return "REGIONAL";
    case EndpointType::Edge: return "EDGE";
    case EndpointType::Private: return "PRIVATE";
  }
  return "REGIONAL";
}

RestApi::RestApi(Construct& scope, std::string_view id, RestApiProps props)
    : Construct(scope, id), props_(std::move(props)) {
  Value::Map properties;
  if (!props_.binary_media_types.empty()) {
    Value::List types(props_.binary_media_types.begin(), props_.binary_media_types.end());
    properties.emplace_back("BinaryMediaTypes", Value::list(std::move(types)));
  }
  if (props_.description) properties.emplace_back("Description", *props_.description);
  properties.emplace_back("EndpointConfiguration",
                          Value::map({{"Types", Value::list({to_string(props_.endpoint_type)})}}));
  properties.emplace_back("Name", props_.rest_api_name.value_or(std::string(id)));
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::ApiGateway::RestApi", .properties = std::move(properties)});
  resource_->set_comment("REST API " + std::string(id));
  root_ = &add<RootResource>("Default");

  if (props_.cloud_watch_role) {
    auto& role = add<iam::Role>(
        "CloudWatchRole",
        {.assumed_by = "apigateway.amazonaws.com",
         .managed_policy_arns = {iam::Role::aws_managed_policy("service-role/AmazonAPIGatewayPushToCloudWatchLogs")}});
    role.resource().apply_removal_policy(RemovalPolicy::Retain);
    role.resource().set_comment("Role API Gateway uses to write the logs of API " + std::string(id) +
                                " (kept on delete: the account setting still points at it)");
    account_ = &add<CfnResource>("Account", {.type = "AWS::ApiGateway::Account",
                                             .properties = {{"CloudWatchRoleArn", role.role_arn()}}});
    account_->add_depends_on(*resource_);
    account_->apply_removal_policy(RemovalPolicy::Retain);
    account_->set_comment("Sets CloudWatchRole as API Gateway's logging role for the whole account and region");
  }
  if (props_.deploy) {
    deployment_ = &add<Deployment>("Deployment", {.api = *this});
    stage_ = &add<Stage>(stage_id(props_.stage_name), {.deployment = *deployment_, .stage_name = props_.stage_name});
    if (account_ != nullptr) stage_->resource().add_depends_on(*account_);
  }
  node().add_validation([this] { return validate(); });
}

void RestApi::register_method(Method& method) {
  methods_.push_back(&method);
  // A deployment of an API without its methods fails; CloudFormation must create them first.
  if (deployment_ != nullptr) deployment_->resource().add_depends_on(method.resource());
}

Value RestApi::url() const {
  if (stage_ == nullptr)
    throw UsageError("NoStage", node().path(), "the API has no stage (deploy = false), so it has no URL");
  return Value::sub(Stack::of(*this).with_env("https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}/"),
                    {{"Api", rest_api_id()}, {"Stage", stage_->stage_ref()}});
}

Value RestApi::url_for(const std::string& path) const {
  if (stage_ == nullptr)
    throw UsageError("NoStage", node().path(), "the API has no stage (deploy = false), so it has no URL");
  std::string rest = path.empty() || path.front() != '/' ? "/" + path : path;
  return Value::sub(Stack::of(*this).with_env("https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}" + rest),
                    {{"Api", rest_api_id()}, {"Stage", stage_->stage_ref()}});
}

void RestApi::add_invoke_permission(lambda::Function& function, Method& method, bool test_invoke) {
  invoke_grants_.push_back({&function, &method, test_invoke});
}

void RestApi::prepare() { make_invoke_permissions(); }

// Made here rather than when each method is added, because only the finished API tells
// whether a function serves enough methods for its permissions to be folded into one.
// They are resource policies of the functions, not grants to a role, so no policy that
// prepare() already finalised changes.
namespace {

/// For CDK's logical IDs, the tail of CDK's permission ids (`LambdaIntegration.bind`):
/// `<api's unique id>.<METHOD>.<path with '.' for '/'>`; empty for formwork's own IDs.
std::string cdk_permission_name(const Method& m) {
  if (!cdk_compatible(m)) return {};
  std::string path = m.api_resource().path();
  std::replace(path.begin(), path.end(), '/', '.');
  return cdk_unique_id(m.api()) + "." + m.http_method() + "." + path;
}

}  // namespace

void RestApi::make_invoke_permissions() {
  std::vector<lambda::Function*> functions;
  for (const auto& grant : invoke_grants_)
    if (std::find(functions.begin(), functions.end(), grant.function) == functions.end())
      functions.push_back(grant.function);
  const std::string stage = stage_ != nullptr ? props_.stage_name : "*";
  const std::string api_id = node().id();
  for (lambda::Function* fn : functions) {
    std::vector<const InvokeGrant*> grants;
    for (const auto& grant : invoke_grants_)
      if (grant.function == fn) grants.push_back(&grant);
    const std::string fn_id = fn->node().id();
    auto permission = [&](Construct& scope, const std::string& id, Value source_arn, std::string comment) {
      if (scope.node().try_find_child(id) != nullptr) return;  // prepared twice: already made
      auto& p = scope.add<CfnResource>(id, {.type = "AWS::Lambda::Permission",
                                            .properties = {{"Action", "lambda:InvokeFunction"},
                                                           {"FunctionName", fn->function_arn()},
                                                           {"Principal", "apigateway.amazonaws.com"},
                                                           {"SourceArn", std::move(source_arn)}}});
      p.set_comment(std::move(comment));
    };
    if (grants.size() >= kPermissionConsolidationThreshold) {
      // CDK's form of it (`scopePermissionToMethod: false`): `ApiPermission.ApiScoped.<fn's unique id>.<API's>`.
      permission(*this,
                 cdk_compatible(*this) ? "ApiPermission.ApiScoped." + cdk_unique_id(*fn) + "." + cdk_unique_id(*this)
                                       : "Invoke" + fn_id,
                 Value::sub(Stack::of(*this).with_env("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"),
                            {{"Api", rest_api_id()}}),
                 "Lets API Gateway invoke " + fn_id + " from any method of API " + api_id + " (one permission for " +
                     std::to_string(grants.size()) + " methods keeps its policy under 20,480 bytes)");
      continue;
    }
    for (const InvokeGrant* grant : grants) {
      Method& m = *grant->method;
      const std::string cdk_name = cdk_permission_name(m);
      permission(m, cdk_name.empty() ? "Permission" : "ApiPermission." + cdk_name, m.execute_api_arn(stage),
                 "Lets API Gateway invoke " + fn_id + " (" + m.description() + ")");
      if (grant->test_invoke)
        permission(m, cdk_name.empty() ? "TestPermission" : "ApiPermission.Test." + cdk_name,
                   m.execute_api_arn("test-invoke-stage"),
                   "Lets the API Gateway console's Test button invoke " + fn_id + " (" + m.description() + ")");
    }
  }
}

std::vector<std::string> RestApi::validate() const {
  std::vector<std::string> errors;
  std::string name = props_.rest_api_name.value_or(node().id());
  if (name.empty() || name.size() > kMaxNameLength)
    errors.push_back("API name must be 1 to 1024 characters, got " + std::to_string(name.size()));
  for (const auto& type : props_.binary_media_types) {
    auto slash = type.find('/');
    if (slash == 0 || slash == std::string::npos || slash + 1 == type.size() || type.find('/', slash + 1) != std::string::npos)
      errors.push_back("binary media type must be type/subtype (image/png, image/*, */*), got '" + type + "'");
  }
  if (props_.deploy && methods_.empty())
    errors.push_back("a deployed API needs at least one method (API Gateway refuses to deploy an empty API), got none");
  return errors;
}

}  // namespace formwork::apigateway
