#include "constructs/lambda/layer_version.hpp"

#include <regex>
#include <utility>

#include "constructs/lambda/detail/code_asset.hpp"

namespace formwork::lambda {

LayerVersion::LayerVersion(Construct& scope, std::string_view id, LayerVersionProps props)
    : Construct(scope, id), props_(std::move(props)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Lambda::LayerVersion"});
  std::string comment = "Layer " + std::string(id) + ": code shared by functions";
  if (!props_.compatible_runtimes.empty()) {
    Value::List runtimes;
    std::string names;
    for (const auto& runtime : props_.compatible_runtimes) {
      runtimes.emplace_back(runtime.name());
      names += (names.empty() ? "" : ", ") + runtime.name();
    }
    resource_->set_property("CompatibleRuntimes", std::move(runtimes));
    comment += " on " + names;
  }
  if (!props_.compatible_architectures.empty()) {
    Value::List architectures;
    for (const auto& architecture : props_.compatible_architectures) architectures.emplace_back(architecture.name());
    resource_->set_property("CompatibleArchitectures", std::move(architectures));
  }
  if (props_.description) resource_->set_property("Description", *props_.description);
  if (props_.license) resource_->set_property("LicenseInfo", *props_.license);
  if (props_.layer_version_name) resource_->set_property("LayerName", *props_.layer_version_name);
  resource_->set_comment(comment);
  if (props_.code.is_asset()) detail::bind_asset_code(*this, *resource_, "Content", props_.code.asset_path());
  node().add_validation([this] { return validate(); });
}

std::vector<std::string> LayerVersion::validate() const {
  std::vector<std::string> errors;
  if (props_.code.is_inline())
    errors.push_back("a layer's code must be an asset directory (Code::from_asset), got inline code");
  if (props_.compatible_runtimes.size() > 15)
    errors.push_back("a layer lists at most 15 compatible runtimes, got " +
                     std::to_string(props_.compatible_runtimes.size()));
  if (props_.compatible_architectures.size() > 2)
    errors.push_back("a layer lists at most 2 compatible architectures, got " +
                     std::to_string(props_.compatible_architectures.size()));
  if (props_.description && props_.description->size() > 256)
    errors.push_back("layer description must be at most 256 characters, got " +
                     std::to_string(props_.description->size()));
  if (props_.license && props_.license->size() > 512)
    errors.push_back("layer license must be at most 512 characters, got " + std::to_string(props_.license->size()));
  if (props_.layer_version_name) {
    static const std::regex pattern("[a-zA-Z0-9_-]{1,140}");
    const auto& name = *props_.layer_version_name;
    if (!std::regex_match(name, pattern))
      errors.push_back("layer name must be 1 to 140 characters of a-z A-Z 0-9 - _, got '" + name + "' (" +
                       std::to_string(name.size()) + " characters)");
  }
  return errors;
}

}  // namespace formwork::lambda
