#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "constructs/core/construct.hpp"
#include "constructs/core/value.hpp"

namespace formwork {

class Stack;
class Resolver;
namespace detail {
struct Json;  // constructs/core/detail/json.hpp
}  // namespace detail

/// The section of the template an element goes to, in the order they are written.
enum class Section { Parameters, Mappings, Conditions, Resources, Outputs };

/// Anything with a logical ID in a template: resources, parameters, outputs, conditions,
/// mappings. Its logical ID comes from its path inside the stack (readable PascalCase, or
/// CDK's hashed form when the app asks for it) unless overridden.
class CfnElement : public Construct {
 public:
  /// The stack this element belongs to (its nearest enclosing Stack).
  [[nodiscard]] Stack& stack() const { return *stack_; }
  [[nodiscard]] std::string logical_id() const;
  /// Fixes the logical ID, for example to keep one from an existing template.
  void override_logical_id(std::string logical_id) { logical_id_override_ = std::move(logical_id); }
  [[nodiscard]] const std::optional<std::string>& logical_id_override() const { return logical_id_override_; }

  [[nodiscard]] virtual Section section() const = 0;
  /// The element's entry in its template section, with tokens resolved (used by synthesis).
  [[nodiscard]] virtual detail::Json render(Resolver& resolver) const = 0;

  /// Why this element exists, in plain words; written as a comment above it in YAML.
  [[nodiscard]] const std::string& comment() const { return comment_; }
  void set_comment(std::string comment) { comment_ = std::move(comment); }

 protected:
  CfnElement(Construct& scope, std::string_view id);

 private:
  Stack* stack_;
  std::optional<std::string> logical_id_override_;
  std::string comment_;
};

}  // namespace formwork
