// Function::bind_configuration and its checks: architecture, tracing, ephemeral storage,
// environment encryption and layers.
#include <regex>

#include "constructs/lambda/function.hpp"
#include "constructs/lambda/layer_version.hpp"

namespace formwork::lambda {

namespace {

constexpr std::size_t kMaxLayers = 5;

const char* tracing_mode(Tracing tracing) { return tracing == Tracing::Active ? "Active" : "PassThrough"; }

template <class T>
std::string names(const std::vector<T>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item.name();
  return out;
}

}  // namespace

void Function::bind_configuration() {
  if (props_.architecture) resource_->set_property("Architectures", Value::List{props_.architecture->name()});
  if (props_.tracing != Tracing::Disabled) {
    resource_->set_property("TracingConfig", Value::map({{"Mode", tracing_mode(props_.tracing)}}));
    // CDK's statement: X-Ray takes no resource-level permissions.
    iam::Grant::add_to_principal(*this, {.actions = {"xray:PutTraceSegments", "xray:PutTelemetryRecords"},
                                         .resource_arns = {"*"},
                                         .reason = "send traces to X-Ray"});
  }
  if (props_.ephemeral_storage_mb)
    resource_->set_property("EphemeralStorage", Value::map({{"Size", *props_.ephemeral_storage_mb}}));
  if (props_.environment_encryption) resource_->set_property("KmsKeyArn", *props_.environment_encryption);
  if (!props_.layers.empty()) {
    Value::List arns;
    for (const LayerVersion* layer : props_.layers)
      if (layer != nullptr) arns.push_back(layer->layer_version_arn());
    resource_->set_property("Layers", std::move(arns));
  }
}

void Function::validate_configuration(std::vector<std::string>& errors) const {
  if (props_.environment_encryption) {
    static const std::regex key_arn("arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+");
    const std::string* literal = props_.environment_encryption->as_string();
    if (literal != nullptr && !std::regex_match(*literal, key_arn))
      errors.push_back(
          "environment encryption must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got '" +
          *literal + "'");
  }
  if (props_.layers.size() > kMaxLayers)
    errors.push_back("a function loads at most 5 layers, got " + std::to_string(props_.layers.size()));
  const std::string architecture = props_.architecture ? props_.architecture->name() : "x86_64";
  for (const LayerVersion* layer : props_.layers) {
    if (layer == nullptr) {
      errors.push_back("layers must not hold a null pointer");
      continue;
    }
    const auto& runtimes = layer->compatible_runtimes();
    if (!runtimes.empty() && std::find(runtimes.begin(), runtimes.end(), props_.runtime) == runtimes.end())
      errors.push_back("layer " + layer->node().id() + " supports " + names(runtimes) +
                       ", not the function's runtime " + props_.runtime.name());
    const auto& architectures = layer->compatible_architectures();
    if (!architectures.empty() && std::find_if(architectures.begin(), architectures.end(), [&](const Architecture& a) {
                                    return a.name() == architecture;
                                  }) == architectures.end())
      errors.push_back("layer " + layer->node().id() + " supports " + names(architectures) +
                       ", not the function's architecture " + architecture);
  }
}

}  // namespace formwork::lambda
