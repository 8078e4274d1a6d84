#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "constructs/core/detail/json.hpp"
#include "constructs/core/value.hpp"

namespace formwork {

class CfnElement;
class Stack;

/// What one stack imports from another: synthesis adds the Output with its Export to the
/// producer, and deploys the producer first.
struct CrossStackExport {
  const Stack* producer;
  std::string output_id;    ///< logical ID of the Output in the producer
  std::string export_name;  ///< `Producer:LogicalId` or `Producer:LogicalId-Attribute`
  nlohmann::ordered_json value;
};

/// Collects the exports and stack dependencies that references between stacks need.
class CrossStackReferences {
 public:
  /// The export name for `target` (and `attribute`, empty for a Ref), registering it once.
  std::string export_for(const CfnElement& target, const std::string& attribute, const Stack& consumer);
  void add_dependency(const Stack& consumer, const Stack& producer);

  [[nodiscard]] const std::vector<CrossStackExport>& exports() const { return exports_; }
  [[nodiscard]] const std::vector<std::pair<const Stack*, const Stack*>>& dependencies() const { return dependencies_; }

 private:
  std::vector<CrossStackExport> exports_;
  std::vector<std::pair<const Stack*, const Stack*>> dependencies_;  // consumer, producer
};

/// Turns Values into template JSON for one stack: `{"Ref": "Queue"}`, `{"Fn::GetAtt": […]}`,
/// `{"Fn::Sub": …}`; a reference into another stack becomes `{"Fn::ImportValue": …}`.
/// Null entries of maps are left out.
class Resolver {
 public:
  Resolver(const Stack& stack, CrossStackReferences* references) : stack_(stack), references_(references) {}

  [[nodiscard]] nlohmann::ordered_json resolve(const Value& value);
  [[nodiscard]] const Stack& stack() const { return stack_; }
  /// Throws SynthError when `element` is in another stack (used for DependsOn and conditions).
  [[nodiscard]] std::string local_logical_id(const CfnElement& element, std::string_view what);
  /// Records that this stack must be deployed after `other`.
  void depend_on_stack(const Stack& other);

 private:
  nlohmann::ordered_json resolve_sub(const Value::Sub& sub);
  nlohmann::ordered_json import(const CfnElement& target, const std::string& attribute);

  const Stack& stack_;
  CrossStackReferences* references_;
};

}  // namespace formwork
