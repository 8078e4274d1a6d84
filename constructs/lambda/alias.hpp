#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/lambda/event_invoke_config.hpp"
#include "constructs/lambda/function_url.hpp"
#include "constructs/lambda/permission.hpp"

namespace formwork::lambda {

class Function;
class Version;

struct AliasProps {
  /// 1 to 128 characters of A-Z a-z 0-9 - _, not only digits (`live`, `prod`). Required.
  std::string alias_name;
  /// The version the alias points to. Required.
  Version& version;
  /// At most 256 characters. Default: none.
  std::optional<std::string> description = std::nullopt;
  /// Async invocations of the alias: 0 to 2 retries (child `EventInvokeConfig`, as on a
  /// Function). Default: Lambda's 2 retries.
  std::optional<int> retry_attempts = std::nullopt;
  /// 60 s to 6 h. Default: Lambda's 6 hours.
  std::optional<Duration> max_event_age = std::nullopt;
  /// Default: none.
  const IDestination* on_success = nullptr;
  /// Default: none.
  const IDestination* on_failure = nullptr;
};

/// A name that points at a version of a function (`AWS::Lambda::Alias`): callers and event
/// sources use the alias's ARN, and a release moves the alias to a new version.
///
///   auto& v1 = stack.add<lambda::Version>("ApiV1", {.function = api});
///   auto& live = stack.add<lambda::Alias>("Live", {.alias_name = "live", .version = v1,
///                                                  .retry_attempts = 0});
///   live.add_function_url({.auth_type = lambda::FunctionUrlAuthType::AwsIam});
class Alias : public Construct {
 public:
  using Props = AliasProps;
  Alias(Construct& scope, std::string_view id, AliasProps props);

  /// The alias's ARN, the function's ARN with the alias name as qualifier (`!Ref`).
  [[nodiscard]] Value alias_arn() const { return resource_->ref(); }
  [[nodiscard]] const std::string& alias_name() const { return props_.alias_name; }
  [[nodiscard]] Function& function() const;
  [[nodiscard]] Version& version() const { return props_.version; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }
  /// The `EventInvokeConfig` resource; nullptr until configure_async_invoke.
  [[nodiscard]] CfnResource* event_invoke_config() const { return event_invoke_config_; }

  /// Adds (or replaces the settings of) child `EventInvokeConfig`, whose `Qualifier` is the
  /// alias name taken from its ARN, as CDK writes it; destination grants go to the function's role.
  void configure_async_invoke(EventInvokeConfigOptions options);
  /// Adds a statement to the alias's resource policy, as child `id` (`FunctionName` is the alias ARN).
  Permission& add_permission(std::string_view id, PermissionProps props);
  /// Adds child `FunctionUrl` (with `Qualifier` the alias name) and, for auth type None, the
  /// two permissions that let anyone call it.
  FunctionUrl& add_function_url(FunctionUrlOptions options = {});

 private:
  [[nodiscard]] std::vector<std::string> validate() const;

  AliasProps props_;
  CfnResource* resource_;
  CfnResource* event_invoke_config_ = nullptr;
  EventInvokeConfigOptions async_options_;
};

}  // namespace formwork::lambda
