#pragma once

// The evaluator: eval.cpp renders nodes, expr_eval.cpp evaluates expressions.

#include <map>
#include <string>

#include "vtl/detail/runtime.hpp"

namespace formwork::vtl::detail {

class Evaluator {
 public:
  Evaluator(Env& env, const RenderOptions& options);
  void render(const Node& block, std::string& out);
  std::map<std::string, Value>& vars() { return vars_; }

 private:
  void render_node(const Node& node, std::string& out);
  void render_nested(const Node& block, std::string& out, Pos pos);
  void render_ref(const Node& node, std::string& out);
  void run_set(const Node& node);
  void run_foreach(const Node& node, std::string& out);
  Value eval(const Expr& e);
  /// Velocity 1.7's truth of an expression node: a reference by its value, a literal other
  /// than true/false is false (`#if("a")` and `#if(1)` are false), operators by their result.
  bool condition(const Expr& e);
  Value arithmetic(const std::string& op, const Value& a, const Value& b, Pos pos);
  Value resolve(const Reference& ref);
  Value apply(const Value& self, const Segment& seg);
  [[nodiscard]] Value lookup(const std::string& name) const;
  std::string stringify(const Value& v, Pos pos);
  void step(Pos pos);
  void append(std::string& out, std::string_view text, Pos pos) const;
  [[noreturn]] void fail(Pos pos, const std::string& message) const;

  Env& env_;
  const RenderOptions& options_;
  std::map<std::string, Value> vars_;
  std::size_t steps_ = 0;
  std::size_t depth_ = 0;
};

}  // namespace formwork::vtl::detail
