#pragma once

#include <string>

namespace formwork::lambda {

/// The language runtime a function runs on. Only runtimes that AWS has not deprecated (and
/// cfn-lint does not flag) are offered; there is no default, so `runtime` is a required prop.
///
///   .runtime = lambda::Runtime::python_3_12()
class Runtime {
 public:
  [[nodiscard]] static Runtime python_3_12() { return Runtime("python3.12", Family::Python); }
  [[nodiscard]] static Runtime python_3_13() { return Runtime("python3.13", Family::Python); }
  [[nodiscard]] static Runtime python_3_14() { return Runtime("python3.14", Family::Python); }
  [[nodiscard]] static Runtime nodejs_22_x() { return Runtime("nodejs22.x", Family::NodeJs); }
  [[nodiscard]] static Runtime nodejs_24_x() { return Runtime("nodejs24.x", Family::NodeJs); }
  [[nodiscard]] static Runtime java_21() { return Runtime("java21", Family::Other); }
  [[nodiscard]] static Runtime java_25() { return Runtime("java25", Family::Other); }
  [[nodiscard]] static Runtime ruby_3_4() { return Runtime("ruby3.4", Family::Other); }
  [[nodiscard]] static Runtime provided_al2023() { return Runtime("provided.al2023", Family::Other); }

  /// The `Runtime` value of the template, such as `python3.12`.
  [[nodiscard]] const std::string& name() const { return name_; }
  /// Whether CloudFormation accepts inline code (`Code.ZipFile`) for it: Python and Node.js only.
  [[nodiscard]] bool supports_inline_code() const { return family_ != Family::Other; }

  [[nodiscard]] bool operator==(const Runtime& other) const { return name_ == other.name_; }

 private:
  enum class Family { Python, NodeJs, Other };
  Runtime(std::string name, Family family) : name_(std::move(name)), family_(family) {}
  std::string name_;
  Family family_;
};

}  // namespace formwork::lambda
