#pragma once

#include <optional>
#include <string>

#include "constructs/core/cfn_resource.hpp"

namespace formwork::logs {

struct LogGroupProps {
  /// Default: a name CloudFormation generates.
  std::optional<std::string> log_group_name = std::nullopt;
  /// One of the values CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
  /// 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. Default: logs are kept forever.
  std::optional<int> retention_days = std::nullopt;
  /// Default: Retain (the logs outlive the stack).
  RemovalPolicy removal_policy = RemovalPolicy::Retain;
};

/// A CloudWatch Logs log group (`AWS::Logs::LogGroup`).
///
///   auto& logs = stack.add<logs::LogGroup>("AppLogs", {.retention_days = 14});
class LogGroup : public Construct {
 public:
  using Props = LogGroupProps;
  LogGroup(Construct& scope, std::string_view id, LogGroupProps props = {});

  [[nodiscard]] Value log_group_name() const { return resource_->ref(); }
  [[nodiscard]] Value log_group_arn() const { return resource_->get_att("Arn"); }
  [[nodiscard]] CfnResource& resource() { return *resource_; }

 private:
  LogGroupProps props_;
  CfnResource* resource_;
};

}  // namespace formwork::logs
