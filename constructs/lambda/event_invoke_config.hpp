#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/duration.hpp"
#include "constructs/lambda/destination.hpp"

namespace formwork::lambda {

class Function;

/// How asynchronous invocations (events, SNS, EventBridge) are retried and where results go.
struct EventInvokeConfigOptions {
  /// 0 to 2. Default: Lambda's 2 retries.
  std::optional<int> retry_attempts = std::nullopt;
  /// 60 s to 6 h: how long an event may wait to be processed. Default: Lambda's 6 hours.
  std::optional<Duration> max_event_age = std::nullopt;
  /// Default: results of successful invocations are dropped.
  const IDestination* on_success = nullptr;
  /// Default: events that failed every attempt are dropped (or go to the dead-letter queue).
  const IDestination* on_failure = nullptr;

  [[nodiscard]] bool any() const { return retry_attempts || max_event_age || on_success || on_failure; }
};

/// Adds the `AWS::Lambda::EventInvokeConfig` resource of `owner` (a function or an alias):
/// `<owner>/EventInvokeConfig`, or CDK's path `<owner>/EventInvokeConfig/Resource` under
/// LogicalIdStyle::CdkCompatible, for CDK's logical ID.
CfnResource& add_event_invoke_config(Construct& owner);

/// Sets the properties of `config`, an `AWS::Lambda::EventInvokeConfig` of `fn` at `qualifier`
/// (`$LATEST`, or an alias), and binds the destinations, whose grants go to fn's role.
/// Returns the resource's comment without its subject ("Retries … twice, sends results to Q").
std::string apply_event_invoke_config(CfnResource& config, Function& fn, Value qualifier,
                                      const EventInvokeConfigOptions& options);

/// The range checks of `options` (retries 0 to 2, event age 60 to 21600 seconds).
[[nodiscard]] std::vector<std::string> validate_event_invoke_config(const EventInvokeConfigOptions& options);

}  // namespace formwork::lambda
