#pragma once

#include <string>
#include <vector>

#include "constructs/core/construct.hpp"

namespace formwork {

class App;
class CfnElement;

struct StackProps {
  /// The template's Description. Default: none.
  std::string description = {};
  /// The CloudFormation stack name. Default: the construct id.
  std::string stack_name = {};
};

/// A CloudFormation stack: one template. Everything created under it goes into its template.
///
///   auto& stack = app.add<Stack>("Orders", {.description = "Order intake"});
class Stack : public Construct {
 public:
  using Props = StackProps;
  Stack(Construct& scope, std::string_view id, StackProps props = {});

  /// The stack that `construct` belongs to; throws UsageError when it is in none.
  [[nodiscard]] static Stack& of(const Construct& construct);

  [[nodiscard]] const std::string& stack_name() const { return stack_name_; }
  [[nodiscard]] const std::string& description() const { return props_.description; }
  [[nodiscard]] App& app() const { return *app_; }

  /// Deploys `other` before this stack (dependencies through references are found alone).
  void add_dependency(Stack& other) { dependencies_.push_back(&other); }
  [[nodiscard]] const std::vector<Stack*>& dependencies() const { return dependencies_; }

  /// The logical ID `element` gets in this stack's template.
  [[nodiscard]] std::string logical_id(const CfnElement& element) const;
  /// The elements of this stack (not of stacks nested in it), in construction order.
  [[nodiscard]] std::vector<const CfnElement*> elements() const;

 private:
  StackProps props_;
  std::string stack_name_;
  App* app_;
  std::vector<Stack*> dependencies_;
};

}  // namespace formwork
