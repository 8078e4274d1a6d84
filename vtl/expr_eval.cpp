// Expressions: literals, references, lists, maps, ranges and Velocity 1.7's operators.

#include <cmath>

#include "vtl/detail/eval.hpp"

namespace formwork::vtl::detail {

namespace {
constexpr std::int64_t kMaxRange = 100000;
}

bool Evaluator::condition(const Expr& e) {
  step(e.pos);
  switch (e.kind) {
    case ExprKind::Ref: return truthy(resolve(e.ref));
    case ExprKind::Literal: return e.literal.kind == Kind::Bool && e.literal.b;
    case ExprKind::Not: return !condition(*e.items.at(0));
    case ExprKind::Binary: {
      if (e.op == "&&") return condition(*e.left) && condition(*e.right);
      if (e.op == "||") return condition(*e.left) || condition(*e.right);
      if (e.op == "+" || e.op == "-" || e.op == "*" || e.op == "/" || e.op == "%") {
        eval(e);
        return false;
      }
      return truthy(eval(e));
    }
    default: return false;
  }
}

Value Evaluator::eval(const Expr& e) {
  step(e.pos);
  switch (e.kind) {
    case ExprKind::Literal: return e.literal;
    case ExprKind::Interpolated: {
      std::string out;
      render_nested(*e.body, out, e.pos);
      return Value::string(std::move(out));
    }
    case ExprKind::Ref: return resolve(e.ref);
    case ExprKind::List: {
      std::vector<Value> items;
      for (const auto& item : e.items) items.push_back(eval(*item));
      return Value::new_list(std::move(items));
    }
    case ExprKind::Map: {
      Value m = Value::new_map();
      for (std::size_t k = 0; k + 1 < e.items.size(); k += 2) {
        Value key = eval(*e.items[k]);
        if (key.kind != Kind::String) fail(e.items[k]->pos, "map keys other than strings are outside the VTL subset");
        m.map->put(key.s, eval(*e.items[k + 1]));
      }
      return m;
    }
    case ExprKind::Range: {
      Value from = eval(*e.items.at(0));
      Value to = eval(*e.items.at(1));
      if (from.kind != Kind::Int || to.kind != Kind::Int) fail(e.pos, "a range [a..b] needs two integers");
      if (std::llabs(to.i - from.i) >= kMaxRange)
        fail(e.pos, "range of " + std::to_string(std::llabs(to.i - from.i) + 1) + " elements, over the limit of 100000");
      std::vector<Value> items;
      std::int64_t stride = from.i <= to.i ? 1 : -1;
      for (std::int64_t v = from.i;; v += stride) {
        items.push_back(Value::integer(v));
        if (v == to.i) break;
      }
      return Value::new_list(std::move(items));
    }
    case ExprKind::Not: return Value::boolean(!condition(*e.items.at(0)));
    case ExprKind::Binary: break;
  }
  if (e.op == "&&" || e.op == "||") return Value::boolean(condition(e));
  Value a = eval(*e.left);
  Value b = eval(*e.right);
  if (e.op == "==") return Value::boolean(velocity_equals(a, b));
  if (e.op == "!=") return Value::boolean(!velocity_equals(a, b));
  if (e.op == "<" || e.op == ">" || e.op == "<=" || e.op == ">=") {
    if (!a.is_number() || !b.is_number()) fail(e.pos, "'" + e.op + "' compares numbers only (Velocity 1.7 gives false for other values)");
    int cmp = 0;
    if (a.kind == Kind::Int && b.kind == Kind::Int) {
      cmp = a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
    } else {
      cmp = a.as_double() < b.as_double() ? -1 : (a.as_double() > b.as_double() ? 1 : 0);
    }
    if (e.op == "<") return Value::boolean(cmp < 0);
    if (e.op == ">") return Value::boolean(cmp > 0);
    if (e.op == "<=") return Value::boolean(cmp <= 0);
    return Value::boolean(cmp >= 0);
  }
  if (e.op == "+" && (a.kind == Kind::String || b.kind == Kind::String)) {
    // Velocity 1.7 joins a null reference as the text it was written with.
    if (a.is_null() && e.left->kind == ExprKind::Ref) a = Value::string(e.left->ref.text);
    if (b.is_null() && e.right->kind == ExprKind::Ref) b = Value::string(e.right->ref.text);
  }
  return arithmetic(e.op, a, b, e.pos);
}

Value Evaluator::arithmetic(const std::string& op, const Value& a, const Value& b, Pos pos) {
  if (op == "+" && (a.kind == Kind::String || b.kind == Kind::String)) {
    if (a.is_null() || b.is_null()) return Value::null();
    std::string text = stringify(a, pos) + stringify(b, pos);
    if (text.size() > options_.max_output_bytes) fail(pos, "string over the output limit");
    return Value::string(std::move(text));
  }
  if (!a.is_number() || !b.is_number()) return Value::null();  // Velocity 1.7: null, the #set does nothing
  if (a.kind == Kind::Int && b.kind == Kind::Int) {
    std::int64_t r = 0;
    bool overflow = false;
    if (op == "+") overflow = __builtin_add_overflow(a.i, b.i, &r);
    else if (op == "-") overflow = __builtin_sub_overflow(a.i, b.i, &r);
    else if (op == "*") overflow = __builtin_mul_overflow(a.i, b.i, &r);
    else if (op == "/" || op == "%") {
      if (b.i == 0) return Value::null();
      if (a.i == INT64_MIN && b.i == -1) overflow = true;
      else r = op == "/" ? a.i / b.i : a.i % b.i;
    }
    if (overflow) fail(pos, "integer overflow beyond a Java long (Velocity would switch to BigInteger)");
    return Value::integer(r);
  }
  double x = a.as_double(), y = b.as_double();
  if (op == "+") return Value::real(x + y);
  if (op == "-") return Value::real(x - y);
  if (op == "*") return Value::real(x * y);
  if (y == 0) return Value::null();
  if (op == "/") return Value::real(x / y);
  return Value::real(std::fmod(x, y));
}

}  // namespace formwork::vtl::detail
