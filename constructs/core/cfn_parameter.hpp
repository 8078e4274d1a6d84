#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/core/cfn_element.hpp"

namespace formwork {

struct CfnParameterProps {
  /// Default: `String`.
  std::string type = "String";
  /// Default: none (the value must be given at deploy time).
  std::optional<Value> default_value = std::nullopt;
  /// Default: none.
  std::string description = {};
  /// Default: any value.
  std::vector<std::string> allowed_values = {};
  /// Default: any value.
  std::string allowed_pattern = {};
  /// Shown when a value breaks a constraint. Default: CloudFormation's own message.
  std::string constraint_description = {};
  /// Default: no limit.
  std::optional<int> min_length = std::nullopt;
  /// Default: no limit.
  std::optional<int> max_length = std::nullopt;
  /// Default: no limit.
  std::optional<double> min_value = std::nullopt;
  /// Default: no limit.
  std::optional<double> max_value = std::nullopt;
  /// Masks the value in the console and API. Default: false.
  bool no_echo = false;
};

/// A template parameter: `stack.add<CfnParameter>("Stage", {.default_value = "dev"})`.
class CfnParameter : public CfnElement {
 public:
  using Props = CfnParameterProps;
  CfnParameter(Construct& scope, std::string_view id, CfnParameterProps props = {});

  /// `!Ref` to the parameter: its value at deploy time.
  [[nodiscard]] Value value() const { return Value::ref(*this); }
  [[nodiscard]] const CfnParameterProps& props() const { return props_; }

  [[nodiscard]] Section section() const override { return Section::Parameters; }
  [[nodiscard]] detail::Json render(Resolver& resolver) const override;

 private:
  CfnParameterProps props_;
};

}  // namespace formwork
