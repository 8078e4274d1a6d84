#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "constructs/core/template_reader.hpp"

namespace formwork::lint {

using Json = nlohmann::ordered_json;

/// Read-only questions the rules ask of a template: what a name is, which resources a value
/// points at, and where (line) something is.
class TemplateModel {
 public:
  explicit TemplateModel(const TemplateFile& file) : file_(file) {}

  [[nodiscard]] const TemplateFile& file() const { return file_; }
  [[nodiscard]] const Json& document() const { return file_.document; }
  /// A top-level section (`Resources`, `Parameters` …), or an empty object.
  [[nodiscard]] const Json& section(const std::string& name) const;
  /// The resource's definition, or nullptr.
  [[nodiscard]] const Json* resource(const std::string& logical_id) const;
  /// The resource's `Properties`, or an empty object.
  [[nodiscard]] const Json& properties(const std::string& logical_id) const;
  /// The resource's `Type`, or "" when there is no such resource.
  [[nodiscard]] std::string type_of(const std::string& logical_id) const;
  /// Logical IDs of every resource of `type`, in template order.
  [[nodiscard]] std::vector<std::string> resources_of_type(std::string_view type) const;

  [[nodiscard]] bool is_resource(const std::string& name) const;
  [[nodiscard]] bool is_parameter(const std::string& name) const;
  [[nodiscard]] static bool is_pseudo_parameter(const std::string& name);

  /// The resources a value points at through `Ref`, `Fn::GetAtt` and `Fn::Sub` variables,
  /// anywhere inside it, without duplicates, in the order met.
  [[nodiscard]] std::vector<std::string> referenced_resources(const Json& value) const;
  /// The `AWS::Lambda::Function`s a value points at, following aliases and versions to
  /// their function.
  [[nodiscard]] std::vector<std::string> functions_in(const Json& value) const;
  /// The `AWS::SQS::Queue`s a value points at.
  [[nodiscard]] std::vector<std::string> queues_in(const Json& value) const;

  /// `/Resources/<id>` with the id escaped, plus `suffix` (`/Properties/Timeout`).
  [[nodiscard]] static std::string resource_pointer(const std::string& logical_id, const std::string& suffix = "");

 private:
  const TemplateFile& file_;
};

/// The `${Name}` / `${Name.Attribute}` variables of a `Fn::Sub` string, without `${!Literal}`
/// escapes.
[[nodiscard]] std::vector<std::string> sub_variables(std::string_view text);

/// A number, or a string holding one (JSON templates often quote numbers).
[[nodiscard]] std::optional<double> as_number(const Json& value);

/// Calls `visit(pointer, value)` for `value` and everything inside it, depth first.
void walk(const Json& value, const std::string& pointer,
          const std::function<void(const std::string& pointer, const Json& value)>& visit);

}  // namespace formwork::lint
