#pragma once

#include <string>

namespace formwork::lambda {

/// The instruction set a function (or a layer) runs on: `Architectures` in the template.
///
///   .architecture = lambda::Architecture::arm64()
class Architecture {
 public:
  /// Intel and AMD processors: Lambda's default.
  [[nodiscard]] static Architecture x86_64() { return Architecture("x86_64"); }
  /// AWS Graviton processors.
  [[nodiscard]] static Architecture arm64() { return Architecture("arm64"); }

  /// `x86_64` or `arm64`, as the template writes it.
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] bool operator==(const Architecture& other) const { return name_ == other.name_; }

 private:
  explicit Architecture(std::string name) : name_(std::move(name)) {}
  std::string name_;
};

/// X-Ray tracing of a function (`TracingConfig.Mode`). Active and PassThrough also give the
/// role `xray:PutTraceSegments` and `xray:PutTelemetryRecords`, as CDK does.
enum class Tracing {
  /// Samples requests that carry no trace header, and traces them.
  Active,
  /// Traces only requests that arrive with a sampled trace header.
  PassThrough,
  /// No `TracingConfig` (Lambda's default).
  Disabled,
};

}  // namespace formwork::lambda
