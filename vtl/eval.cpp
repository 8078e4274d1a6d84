// Renders a parsed template: references, #set, #if, #foreach, #define, operators.

#include <map>
#include <stdexcept>

#include "vtl/detail/eval.hpp"

namespace formwork::vtl::detail {

Evaluator::Evaluator(Env& env, const RenderOptions& options) : env_(env), options_(options) {}

void Evaluator::fail(Pos pos, const std::string& message) const {
  throw Error(env_.template_name, pos.line, pos.column, message);
}

void Evaluator::step(Pos pos) {
  if (++steps_ > options_.max_steps)
    fail(pos, "rendering stopped after " + std::to_string(options_.max_steps) + " evaluation steps");
}

void Evaluator::append(std::string& out, std::string_view text, Pos pos) const {
  if (out.size() + text.size() > options_.max_output_bytes)
    fail(pos, "output over the limit of " + std::to_string(options_.max_output_bytes) + " bytes");
  out.append(text);
}

std::string Evaluator::stringify(const Value& v, Pos pos) {
  if (v.kind == Kind::Block) {
    std::string out;
    if (++depth_ > options_.max_depth) fail(pos, "#define blocks nested deeper than " + std::to_string(options_.max_depth));
    render(*v.block, out);
    --depth_;
    return out;
  }
  try {
    return to_java_string(v);
  } catch (const std::invalid_argument& e) {
    fail(pos, std::string("cannot render this value: ") + e.what());
  }
}

void Evaluator::render(const Node& block, std::string& out) {
  for (const auto& child : block.children) {
    try {
      render_node(*child, out);
    } catch (const std::logic_error& e) {  // a value too deep to print or compare
      fail(child->pos, e.what());
    }
  }
}

void Evaluator::render_node(const Node& node, std::string& out) {
  {
    step(node.pos);
    switch (node.kind) {
      case NodeKind::Text: append(out, node.text, node.pos); break;
      case NodeKind::Ref: render_ref(node, out); break;
      case NodeKind::Set: run_set(node); break;
      case NodeKind::If: {
        std::size_t branch = 0;
        for (; branch < node.conditions.size(); ++branch)
          if (condition(*node.conditions[branch])) break;
        if (branch < node.children.size()) render_nested(*node.children[branch], out, node.pos);
        break;
      }
      case NodeKind::Foreach: run_foreach(node, out); break;
      case NodeKind::Define: {
        Value v;
        v.kind = Kind::Block;
        v.block = node.children.at(0).get();
        vars_[node.text] = v;
        break;
      }
      default: render_nested(node, out, node.pos); break;
    }
  }
}

void Evaluator::render_nested(const Node& block, std::string& out, Pos pos) {
  if (++depth_ > options_.max_depth) fail(pos, "directives nested deeper than " + std::to_string(options_.max_depth));
  render(block, out);
  --depth_;
}

void Evaluator::render_ref(const Node& node, std::string& out) {
  Value v = resolve(node.ref);
  std::string slashes(static_cast<std::size_t>(node.escapes), '\\');
  if (v.is_null()) {
    if (node.escapes > 0 || !node.ref.quiet) append(out, slashes + node.ref.text, node.pos);
    return;
  }
  append(out, std::string(static_cast<std::size_t>(node.escapes / 2), '\\'), node.pos);
  if (node.escapes % 2 == 1) {
    append(out, node.ref.text, node.pos);
  } else {
    append(out, stringify(v, node.pos), node.pos);
  }
}

Value Evaluator::lookup(const std::string& name) const {
  if (name == "input") {
    Value v;
    v.kind = Kind::Input;
    return v;
  }
  if (name == "util") {
    Value v;
    v.kind = Kind::Util;
    return v;
  }
  auto it = vars_.find(name);
  return it == vars_.end() ? Value::null() : it->second;
}

Value Evaluator::apply(const Value& self, const Segment& seg) {
  step(seg.pos);
  Site site{env_, seg.pos};
  if (!seg.is_method) {
    if (self.kind == Kind::Input && seg.name == "body") return Value::string(env_.input->body);
    if (self.kind == Kind::Input || self.kind == Kind::Util || self.kind == Kind::Block)
      site.fail("property ." + seg.name + " is outside the VTL subset API Gateway supports");
    return get_property(self, seg.name, site);
  }
  std::vector<Value> args;
  for (const auto& a : seg.args) args.push_back(eval(*a));
  if (self.kind == Kind::Input) return call_input(seg.name, args, site);
  if (self.kind == Kind::Util) return call_util(seg.name, args, site);
  if (self.kind == Kind::Block) {
    if (seg.name == "toString" && args.empty()) return Value::string(stringify(self, seg.pos));
    site.fail("method ." + seg.name + "() of a #define block is outside the VTL subset");
  }
  return call_method(self, seg.name, args, site);
}

Value Evaluator::resolve(const Reference& ref) {
  Value v = lookup(ref.name);
  for (const auto& seg : ref.segments) {
    if (v.is_null()) return v;
    v = apply(v, seg);
  }
  return v;
}

void Evaluator::run_set(const Node& node) {
  Value value = eval(*node.expr);
  if (value.is_null()) return;  // Velocity 1.7 leaves the left side as it was
  const Reference& ref = node.ref;
  if (ref.segments.empty()) {
    vars_[ref.name] = std::move(value);
    return;
  }
  Value target = lookup(ref.name);
  for (std::size_t k = 0; k + 1 < ref.segments.size(); ++k) {
    if (target.is_null()) return;
    target = apply(target, ref.segments[k]);
  }
  if (target.is_null()) return;
  if (target.kind != Kind::Map)
    fail(ref.segments.back().pos, "#set can only assign a property of a map, not of this value");
  target.map->put(ref.segments.back().name, std::move(value));
}

void Evaluator::run_foreach(const Node& node, std::string& out) {
  Value source = eval(*node.expr);
  std::vector<Value> items;
  if (source.kind == Kind::List) {
    items = *source.list;
  } else if (source.kind == Kind::Map) {
    for (const auto& [k, v] : source.map->entries) items.push_back(v);
  } else if (!source.is_null()) {
    fail(node.expr->pos, "#foreach can iterate a list or a map, not this value");
  }
  const std::string& var = node.text;
  std::map<std::string, Value> saved;
  for (const char* name : {var.c_str(), "foreach", "velocityCount", "velocityHasNext"}) {
    auto it = vars_.find(name);
    if (it != vars_.end()) saved[name] = it->second;
  }
  Value parent = lookup("foreach");
  std::size_t n = items.size();
  for (std::size_t k = 0; k < n && k < options_.max_foreach_iterations; ++k) {
    step(node.pos);
    if (items[k].is_null()) {
      vars_.erase(var);
    } else {
      vars_[var] = items[k];
    }
    Value scope = Value::new_map();
    scope.map->put("index", Value::integer(static_cast<std::int64_t>(k)));
    scope.map->put("count", Value::integer(static_cast<std::int64_t>(k + 1)));
    scope.map->put("hasNext", Value::boolean(k + 1 < n));
    scope.map->put("first", Value::boolean(k == 0));
    scope.map->put("last", Value::boolean(k + 1 == n));
    if (!parent.is_null()) scope.map->put("parent", parent);
    vars_["foreach"] = scope;
    vars_["velocityCount"] = Value::integer(static_cast<std::int64_t>(k + 1));
    vars_["velocityHasNext"] = Value::boolean(k + 1 < n);
    render_nested(*node.children.at(0), out, node.pos);
  }
  for (const char* name : {var.c_str(), "foreach", "velocityCount", "velocityHasNext"}) {
    auto it = saved.find(name);
    if (it != saved.end()) {
      vars_[name] = it->second;
    } else {
      vars_.erase(name);
    }
  }
}

}  // namespace formwork::vtl::detail
