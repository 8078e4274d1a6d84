#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/duration.hpp"
#include "constructs/iam/grant.hpp"
#include "constructs/iam/role.hpp"
#include "constructs/lambda/architecture.hpp"
#include "constructs/lambda/code.hpp"
#include "constructs/lambda/destination.hpp"
#include "constructs/lambda/event_invoke_config.hpp"
#include "constructs/lambda/event_source.hpp"
#include "constructs/lambda/function_url.hpp"
#include "constructs/lambda/permission.hpp"
#include "constructs/lambda/runtime.hpp"

namespace formwork::sqs {
class Queue;
}
namespace formwork::sns {
class Topic;
}
namespace formwork::logs {
class LogGroup;
}

namespace formwork::lambda {

class LayerVersion;

struct FunctionProps {
  /// Required (no default constructor).
  Runtime runtime;
  /// `file.function` for Python, `index.handler` for Node.js. Required.
  std::string handler;
  /// Required (no default constructor).
  Code code;
  /// 128 to 10240. Default: Lambda's 128 MB.
  std::optional<int> memory_size_mb = std::nullopt;
  /// 1 s to 15 min. Default: Lambda's 3 seconds.
  std::optional<Duration> timeout = std::nullopt;
  /// Environment variables (values may be tokens). Default: none.
  Value::Map environment = {};
  /// At most 256 characters. Default: none.
  std::optional<std::string> description = std::nullopt;
  /// At most 64 characters of A-Z a-z 0-9 - _. Default: a name CloudFormation generates.
  std::optional<std::string> function_name = std::nullopt;
  /// Concurrency set aside for this function (and its limit), 0 to 1000: Lambda's default
  /// account quota of concurrent executions (0 stops the function). Default: the function
  /// uses the account's unreserved concurrency.
  std::optional<int> reserved_concurrent_executions = std::nullopt;
  /// `Architectures`: x86_64 or arm64 (Graviton). Default: not written, Lambda's x86_64.
  std::optional<Architecture> architecture = std::nullopt;
  /// X-Ray tracing (`TracingConfig`); Active and PassThrough also grant the role
  /// `xray:PutTraceSegments` and `xray:PutTelemetryRecords`. Default: Disabled.
  Tracing tracing = Tracing::Disabled;
  /// Size of `/tmp`, 512 to 10240 MB (`EphemeralStorage.Size`). Default: Lambda's 512 MB.
  std::optional<int> ephemeral_storage_mb = std::nullopt;
  /// The ARN of the KMS key that encrypts the environment variables at rest (`KmsKeyArn`):
  /// a key ARN, `arn:<partition>:kms:<region>:<account>:key/<id>`, or a token. As in CDK, the
  /// role gets no grant on the key. Default: Lambda's AWS managed key.
  std::optional<Value> environment_encryption = std::nullopt;
  /// Layers the function loads, at most 5 (`Layers`); each must list the function's runtime
  /// and architecture when it lists any. Default: none.
  std::vector<const LayerVersion*> layers = {};
  /// The role the function runs as. Default: a new role `ServiceRole` with
  /// AWSLambdaBasicExecutionRole (permission to write its logs).
  iam::Role* role = nullptr;
  /// Statements added to the role's policy (`ServiceRoleDefaultPolicy`), as CDK's
  /// `initialPolicy`: each needs an action and a resource, and names no principal.
  /// Default: none.
  std::vector<iam::PolicyStatement> initial_policy = {};
  /// Creates a log group `LogGroup` that keeps logs this many days (1, 3, 5, 7, 14, 30, …).
  /// Default: Lambda's own log group, kept forever.
  std::optional<int> log_retention_days = std::nullopt;
  /// Where asynchronous events that failed every attempt go (`DeadLetterConfig`).
  /// Default: none, unless dead_letter_queue_enabled.
  sqs::Queue* dead_letter_queue = nullptr;
  /// Like dead_letter_queue, but an SNS topic. Default: none.
  sns::Topic* dead_letter_topic = nullptr;
  /// Creates a queue `DeadLetterQueue` (14 days retention) when dead_letter_queue is not set.
  /// Default: false.
  bool dead_letter_queue_enabled = false;
  /// See EventInvokeConfigOptions. Default: Lambda's 2 retries.
  std::optional<int> retry_attempts = std::nullopt;
  /// See EventInvokeConfigOptions. Default: Lambda's 6 hours.
  std::optional<Duration> max_event_age = std::nullopt;
  /// See EventInvokeConfigOptions. Default: none.
  const IDestination* on_success = nullptr;
  /// See EventInvokeConfigOptions. Default: none.
  const IDestination* on_failure = nullptr;
};

/// A Lambda function (`AWS::Lambda::Function`) with the role it runs as.
///
///   auto& fn = stack.add<lambda::Function>("Square", {
///       .runtime = lambda::Runtime::python_3_12(),
///       .handler = "index.handler",
///       .code = lambda::Code::from_inline("def handler(event, context):\n    return event\n"),
///       .timeout = Duration::seconds(10),
///   });
///   queue.grant_send_messages(fn);
class Function : public Construct, public iam::IGrantable {
 public:
  using Props = FunctionProps;
  Function(Construct& scope, std::string_view id, FunctionProps props);

  [[nodiscard]] Value function_arn() const { return resource_->get_att("Arn"); }
  [[nodiscard]] Value function_name() const { return resource_->ref(); }
  [[nodiscard]] iam::Role& role() { return *role_; }
  [[nodiscard]] Duration timeout() const { return props_.timeout.value_or(Duration::seconds(3)); }
  [[nodiscard]] const Runtime& runtime() const { return props_.runtime; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }
  /// The dead-letter queue, given or created; nullptr when there is none.
  [[nodiscard]] sqs::Queue* dead_letter_queue() const { return dead_letter_queue_; }
  /// The log group created for log_retention_days; nullptr when there is none.
  [[nodiscard]] logs::LogGroup* log_group() const { return log_group_; }
  /// The `EventInvokeConfig` resource; nullptr until configure_async_invoke.
  [[nodiscard]] CfnResource* event_invoke_config() const { return event_invoke_config_; }

  /// Lets `grantee` invoke this function (`lambda:InvokeFunction` on it and its versions).
  iam::Grant grant_invoke(iam::IGrantable& grantee, std::string reason = {});
  /// Adds a statement to the function's resource policy, as child `id`.
  Permission& add_permission(std::string_view id, PermissionProps props);
  void add_event_source(const IEventSource& source);
  /// Adds (or replaces the settings of) child `EventInvokeConfig`; destinations are bound now,
  /// so their grants go to the role at once.
  void configure_async_invoke(EventInvokeConfigOptions options);
  /// Adds child `FunctionUrl` (`AWS::Lambda::Url`) and, for auth type None, the two
  /// permissions (`invoke-function-url`, `invoke-function`) that let anyone call it.
  FunctionUrl& add_function_url(FunctionUrlOptions options = {});

  [[nodiscard]] iam::IPrincipal& grant_principal() override { return *role_; }

  void prepare() override;

 private:
  void bind_code();
  void bind_dead_letter_target();
  void bind_configuration();
  [[nodiscard]] std::vector<std::string> validate() const;
  void validate_configuration(std::vector<std::string>& errors) const;
  [[nodiscard]] std::vector<std::string> validate_async(const EventInvokeConfigOptions& options) const;

  FunctionProps props_;
  iam::Role* role_ = nullptr;
  CfnResource* resource_ = nullptr;
  sqs::Queue* dead_letter_queue_ = nullptr;
  logs::LogGroup* log_group_ = nullptr;
  CfnResource* event_invoke_config_ = nullptr;
  EventInvokeConfigOptions async_options_;
};

}  // namespace formwork::lambda
