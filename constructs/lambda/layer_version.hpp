#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/lambda/architecture.hpp"
#include "constructs/lambda/code.hpp"
#include "constructs/lambda/runtime.hpp"

namespace formwork::lambda {

struct LayerVersionProps {
  /// The layer's files: `Code::from_asset(dir)`, zipped and uploaded as a Function's code is
  /// (a layer has no inline form). For Python, the directory holds `python/…`; for Node.js,
  /// `nodejs/node_modules/…`. Required (no default constructor).
  Code code;
  /// At most 15. Default: none (any runtime may use the layer).
  std::vector<Runtime> compatible_runtimes = {};
  /// At most 2. Default: none (CloudFormation records no architecture).
  std::vector<Architecture> compatible_architectures = {};
  /// At most 256 characters. Default: none.
  std::optional<std::string> description = std::nullopt;
  /// An SPDX identifier (`MIT`), a URL or a license text, at most 512 characters. Default: none.
  std::optional<std::string> license = std::nullopt;
  /// 1 to 140 characters of A-Z a-z 0-9 - _. Default: a name CloudFormation generates.
  std::optional<std::string> layer_version_name = std::nullopt;
};

/// A version of a Lambda layer (`AWS::Lambda::LayerVersion`): code that functions share,
/// listed in their `layers` prop.
///
///   auto& deps = stack.add<lambda::LayerVersion>("Deps", {
///       .code = lambda::Code::from_asset("layers/deps"),
///       .compatible_runtimes = {lambda::Runtime::python_3_12()},
///       .license = "MIT",
///   });
///   stack.add<lambda::Function>("Api", {..., .layers = {&deps}});
class LayerVersion : public Construct {
 public:
  using Props = LayerVersionProps;
  LayerVersion(Construct& scope, std::string_view id, LayerVersionProps props);

  /// The layer version's ARN (`!Ref`), what a function's `Layers` lists.
  [[nodiscard]] Value layer_version_arn() const { return resource_->ref(); }
  [[nodiscard]] const std::vector<Runtime>& compatible_runtimes() const { return props_.compatible_runtimes; }
  [[nodiscard]] const std::vector<Architecture>& compatible_architectures() const {
    return props_.compatible_architectures;
  }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }

 private:
  [[nodiscard]] std::vector<std::string> validate() const;

  LayerVersionProps props_;
  CfnResource* resource_;
};

}  // namespace formwork::lambda
