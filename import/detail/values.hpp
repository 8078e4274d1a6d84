#pragma once

// Template values as C++ expressions: tokens for intrinsics (`queue.attr_arn()`,
// `Value::sub(…)`, `Value::if_(…)`), literals for the rest, typed by the L1 member they go in
// where the member can hold them.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "import/detail/cpp_text.hpp"
#include "import/detail/l1_types.hpp"

namespace formwork::importer::detail {

using Json = nlohmann::ordered_json;

/// What a logical ID of the template is in the C++.
struct Element {
  enum class Kind { Parameter, Mapping, Condition, Resource, Output } kind = Kind::Resource;
  std::string variable;              ///< the C++ variable that holds it
  const L1Type* l1 = nullptr;        ///< a resource's typed class, if it has one
};

/// A property the typed member cannot hold, set with add_property_override.
struct Override {
  std::string path;  ///< `Timeout`, `RedrivePolicy.maxReceiveCount`
  Expr value;
};

class ValueWriter {
 public:
  ValueWriter(const std::map<std::string, Element>& resources, const std::map<std::string, Element>& parameters,
              const std::map<std::string, Element>& conditions, const std::map<std::string, Element>& mappings)
      : resources_(resources), parameters_(parameters), conditions_(conditions), mappings_(mappings) {}

  /// Any value, as an expression a `Value` can be made from (a literal, `Value::map(…)`, a token).
  [[nodiscard]] Expr generic(const Json& value, bool condition_context = false);
  /// The same, always of type Value (a bare literal is wrapped: `Value(30)`).
  [[nodiscard]] Expr as_value(const Json& value);
  /// The designated initializers of a typed resource's props, and the overrides for what
  /// they cannot hold. `missing` gets the required members the template lacks.
  [[nodiscard]] std::vector<Expr> props(const L1Type& type, const Json& properties, std::vector<Override>& overrides,
                                        std::vector<std::string>& missing);

  /// The variables the expressions written so far refer to.
  [[nodiscard]] const std::set<std::string>& used() const { return used_; }
  /// Marks a variable as referred to.
  void use(const std::string& variable) { used_.insert(variable); }

 private:
  std::optional<Expr> intrinsic(const Json& value, bool condition_context);
  std::optional<Expr> typed(const L1Type& type, const std::string& member_type, const Json& value,
                            const std::string& path, std::vector<Override>* overrides,
                            std::vector<std::string>& missing);
  std::optional<std::vector<Expr>> members(const L1Type& type, const std::vector<Member>& members, const Json& value,
                                           const std::string& path, std::vector<Override>* overrides,
                                           std::vector<std::string>& missing);

  const std::map<std::string, Element>& resources_;
  const std::map<std::string, Element>& parameters_;
  const std::map<std::string, Element>& conditions_;
  const std::map<std::string, Element>& mappings_;
  std::set<std::string> used_;
};

/// True for `{"Ref": …}`, `{"Fn::…": …}` (and `{"Condition": …}` where conditions are read).
[[nodiscard]] bool is_intrinsic(const Json& value, bool condition_context = false);

}  // namespace formwork::importer::detail
