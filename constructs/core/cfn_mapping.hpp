#pragma once

#include <string>
#include <utility>
#include <vector>

#include "constructs/core/cfn_element.hpp"

namespace formwork {

struct CfnMappingProps {
  /// Top-level keys, each with its second-level keys and values. Required.
  std::vector<std::pair<std::string, Value::Map>> mapping;
};

/// A template mapping, read with `find_in_map`.
class CfnMapping : public CfnElement {
 public:
  using Props = CfnMappingProps;
  CfnMapping(Construct& scope, std::string_view id, CfnMappingProps props);

  /// `!FindInMap [Mapping, top_key, second_key]`.
  [[nodiscard]] Value find_in_map(Value top_key, Value second_key) const;

  [[nodiscard]] Section section() const override { return Section::Mappings; }
  [[nodiscard]] detail::Json render(Resolver& resolver) const override;

 private:
  CfnMappingProps props_;
};

}  // namespace formwork
