#include "constructs/lambda/function.hpp"

#include <utility>

#include "constructs/logs/log_group.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::lambda {

namespace {

// "use dynamodb:GetItem, dynamodb:PutItem (initial policy)", for the policy's comment.
std::string initial_policy_reason(const iam::PolicyStatement& statement) {
  std::string actions;
  for (const auto& action : statement.actions) actions += (actions.empty() ? "" : ", ") + action;
  return std::string(statement.effect == iam::Effect::Deny ? "never use " : "use ") + actions + " (initial policy)";
}

}  // namespace

Function::Function(Construct& scope, std::string_view id, FunctionProps props)
    : Construct(scope, id), props_(std::move(props)) {
  const std::string name(id);
  if (props_.role != nullptr) {
    role_ = props_.role;
  } else {
    role_ = &add<iam::Role>("ServiceRole", {
        .assumed_by = "lambda.amazonaws.com",
        .managed_policy_arns = {iam::Role::aws_managed_policy("service-role/AWSLambdaBasicExecutionRole")},
    });
    role_->resource().set_comment("Role that function " + name + " runs as, with permission to write its logs");
  }
  // As CDK: the initial policy goes to the role first, before any grant the props imply.
  for (const auto& statement : props_.initial_policy)
    role_->add_to_principal_policy(statement, initial_policy_reason(statement));

  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Lambda::Function"});
  resource_->set_comment("Function " + name + ": runs " + props_.handler + " on " + props_.runtime.name());
  resource_->set_property("Handler", props_.handler);
  resource_->set_property("Role", role_->role_arn());
  resource_->set_property("Runtime", props_.runtime.name());
  if (props_.memory_size_mb) resource_->set_property("MemorySize", *props_.memory_size_mb);
  if (props_.timeout) resource_->set_property("Timeout", props_.timeout->to_seconds());
  if (!props_.environment.empty())
    resource_->set_property("Environment", Value::map({{"Variables", Value::map(props_.environment)}}));
  if (props_.description) resource_->set_property("Description", *props_.description);
  if (props_.function_name) resource_->set_property("FunctionName", *props_.function_name);
  if (props_.reserved_concurrent_executions)
    resource_->set_property("ReservedConcurrentExecutions", *props_.reserved_concurrent_executions);
  bind_code();
  bind_configuration();

  if (props_.log_retention_days) {
    log_group_ = &add<logs::LogGroup>("LogGroup", {.retention_days = props_.log_retention_days});
    log_group_->resource().set_comment("Keeps the logs of function " + name + " for " +
                                       std::to_string(*props_.log_retention_days) + " days");
    resource_->set_property("LoggingConfig", Value::map({{"LogGroup", log_group_->log_group_name()}}));
  }

  bind_dead_letter_target();

  if (props_.retry_attempts || props_.max_event_age || props_.on_success || props_.on_failure) {
    configure_async_invoke({.retry_attempts = props_.retry_attempts,
                            .max_event_age = props_.max_event_age,
                            .on_success = props_.on_success,
                            .on_failure = props_.on_failure});
  }

  node().add_validation([this] { return validate(); });
}

iam::Grant Function::grant_invoke(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "invoke function " + node().id();
  return iam::Grant::add_to_principal(grantee, {
      .actions = {"lambda:InvokeFunction"},
      .resource_arns = {function_arn(), Value::sub("${Arn}:*", {{"Arn", function_arn()}})},
      .reason = std::move(reason),
  });
}

Permission& Function::add_permission(std::string_view id, PermissionProps props) {
  return add<Permission>(id, std::move(props));
}

void Function::add_event_source(const IEventSource& source) { source.bind(*this); }

void Function::configure_async_invoke(EventInvokeConfigOptions options) {
  const bool first = event_invoke_config_ == nullptr;
  if (first) {
    event_invoke_config_ = &add_event_invoke_config(*this);
  }
  auto& config = *event_invoke_config_;
  std::string comment = apply_event_invoke_config(config, *this, "$LATEST", options);
  if (options.on_failure == nullptr) {
    if (dead_letter_queue_ != nullptr) comment += ", then sends the event to " + dead_letter_queue_->node().id();
    if (dead_letter_queue_ == nullptr && props_.dead_letter_topic != nullptr)
      comment += ", then sends the event to " + props_.dead_letter_topic->node().id();
  }
  config.set_comment(comment + " (function " + node().id() + ")");

  async_options_ = options;
  if (first) node().add_validation([this] { return validate_async(async_options_); });
}

FunctionUrl& Function::add_function_url(FunctionUrlOptions options) {
  const bool open = options.auth_type == FunctionUrlAuthType::None;
  auto& url = add<FunctionUrl>("FunctionUrl", std::move(options));
  if (open)
    for (auto& [id, permission] : FunctionUrl::public_permissions()) add_permission(id, std::move(permission));
  return url;
}

void Function::prepare() {
  if (iam::Policy* policy = role_->default_policy()) resource_->add_depends_on(policy->resource());
}

}  // namespace formwork::lambda
