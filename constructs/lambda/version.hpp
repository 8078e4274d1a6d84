#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "constructs/core/cfn_resource.hpp"

namespace formwork::lambda {

class Function;

struct VersionProps {
  /// The function whose current code and configuration the version publishes. Required.
  Function& function;
  /// At most 256 characters. Default: none.
  std::optional<std::string> description = std::nullopt;
};

/// A published, immutable version of a function (`AWS::Lambda::Version`). CloudFormation
/// publishes it once, when the resource is created: to publish the code of a later deploy,
/// add another Version (a new construct id, so a new resource), as a template written by hand
/// does. CDK's `currentVersion`, which renames the resource by a hash of the function, has no
/// counterpart here: formwork's logical IDs carry no hash.
///
///   auto& v1 = stack.add<lambda::Version>("ApiV1", {.function = api, .description = "first release"});
///   stack.add<lambda::Alias>("Live", {.alias_name = "live", .version = v1});
class Version : public Construct {
 public:
  using Props = VersionProps;
  Version(Construct& scope, std::string_view id, VersionProps props);

  /// The version's number (`!GetAtt X.Version`), such as `1`.
  [[nodiscard]] Value version() const { return resource_->get_att("Version"); }
  /// The version's ARN, the function's ARN with the number as qualifier (`!Ref`).
  [[nodiscard]] Value version_arn() const { return resource_->ref(); }
  [[nodiscard]] Function& function() const { return function_; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }

 private:
  Function& function_;
  std::optional<std::string> description_;
  CfnResource* resource_;
};

}  // namespace formwork::lambda
