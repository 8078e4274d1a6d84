#include "import/detail/values.hpp"

#include <array>
#include <cstdint>

namespace formwork::importer::detail {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kPseudo = {{
    {"AWS::Region", "Value::aws_region()"},
    {"AWS::AccountId", "Value::aws_account_id()"},
    {"AWS::Partition", "Value::aws_partition()"},
    {"AWS::URLSuffix", "Value::aws_url_suffix()"},
    {"AWS::StackName", "Value::aws_stack_name()"},
    {"AWS::StackId", "Value::aws_stack_id()"},
    {"AWS::NoValue", "Value::aws_no_value()"},
}};

Expr call(std::string head, std::vector<Expr> items) {
  return {.head = std::move(head), .items = std::move(items), .tail = ")"};
}

Expr braced(std::string head, std::vector<Expr> items, std::string tail) {
  return {.head = std::move(head), .items = std::move(items), .tail = std::move(tail), .braces = true};
}

Expr labelled(Expr e, std::string label, std::string suffix = {}) {
  e.label = std::move(label) + e.label;
  e.suffix += suffix;
  return e;
}

const Element* find(const std::map<std::string, Element>& elements, const Json& name) {
  if (!name.is_string()) return nullptr;
  auto it = elements.find(name.get<std::string>());
  return it == elements.end() ? nullptr : &it->second;
}

// `List<Tag>` -> ("List", "Tag"); `String` -> ("String", "").
std::pair<std::string, std::string> split_type(const std::string& type) {
  const auto open = type.find('<');
  if (open == std::string::npos || type.back() != '>') return {type, ""};
  return {type.substr(0, open), type.substr(open + 1, type.size() - open - 2)};
}

bool is_scalar_type(const std::string& t) {
  return t == "String" || t == "Integer" || t == "Number" || t == "Boolean" || t == "Json";
}

std::string path_key(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '.' ? std::string("\\.") : std::string(1, c);
  return out;
}

}  // namespace

bool is_intrinsic(const Json& value, bool condition_context) {
  if (!value.is_object() || value.size() != 1) return false;
  const std::string& key = value.begin().key();
  return key == "Ref" || key.rfind("Fn::", 0) == 0 || (condition_context && key == "Condition");
}

Expr ValueWriter::generic(const Json& value, bool condition_context) {
  if (value.is_null()) return Expr::atom("Value()");
  if (value.is_string()) return Expr::atom(cpp_string(value.get<std::string>()));
  if (value.is_primitive()) {
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
      return Expr::atom(cpp_string(value.dump()));
    return Expr::atom(cpp_scalar(value));
  }
  if (value.is_array()) {
    std::vector<Expr> items;
    for (const auto& item : value) items.push_back(generic(item, condition_context));
    return braced("Value::list({", std::move(items), "})");
  }
  if (is_intrinsic(value, condition_context))
    if (auto token = intrinsic(value, condition_context)) return *token;
  std::vector<Expr> items;
  for (const auto& [key, item] : value.items())
    items.push_back(labelled(generic(item, condition_context), "{" + cpp_string(key) + ", ", "}"));
  return braced("Value::map({", std::move(items), "})");
}

Expr ValueWriter::as_value(const Json& value) {
  Expr e = generic(value);
  if (value.is_primitive() && !value.is_null()) return call("Value(", {std::move(e)});
  return e;
}

std::optional<Expr> ValueWriter::intrinsic(const Json& value, bool condition_context) {
  const std::string& name = value.begin().key();
  const Json& arg = value.begin().value();
  const bool cond = condition_context || name == "Fn::Not" || name == "Fn::And" || name == "Fn::Or" ||
                    name == "Fn::Equals";
  auto var = [this](const Element& e) {
    use(e.variable);
    return e.variable;
  };
  if (name == "Ref" && arg.is_string()) {
    if (const Element* r = find(resources_, arg)) return Expr::atom(var(*r) + ".ref()");
    if (const Element* p = find(parameters_, arg)) return Expr::atom(var(*p) + ".value()");
    for (const auto& [pseudo, code] : kPseudo)
      if (arg.get<std::string>() == pseudo) return Expr::atom(std::string(code));
    if (arg.get<std::string>().rfind("AWS::", 0) == 0)
      return Expr::atom("Value(Value::PseudoRef{" + cpp_string(arg.get<std::string>()) + "})");
  }
  if (name == "Fn::GetAtt") {
    Json target, attribute;
    if (arg.is_array() && arg.size() == 2) {
      target = arg[0], attribute = arg[1];
    } else if (arg.is_string() && arg.get<std::string>().find('.') != std::string::npos) {
      const auto& s = arg.get<std::string>();
      target = s.substr(0, s.find('.')), attribute = s.substr(s.find('.') + 1);
    }
    if (const Element* r = find(resources_, target); r && attribute.is_string()) {
      const auto& a = attribute.get<std::string>();
      if (r->l1 != nullptr)
        if (auto accessor = r->l1->attributes.find(a); accessor != r->l1->attributes.end())
          return Expr::atom(var(*r) + "." + accessor->second + "()");
      return call(var(*r) + ".get_att(", {Expr::atom(cpp_string(a))});
    }
  }
  if (name == "Fn::Sub" && arg.is_string()) return call("Value::sub(", {Expr::atom(cpp_string(arg.get<std::string>()))});
  if (name == "Fn::If" && arg.is_array() && arg.size() == 3)
    if (const Element* c = find(conditions_, arg[0]))
      return call("Value::if_(", {Expr::atom(var(*c)), generic(arg[1]), generic(arg[2])});
  if (name == "Condition" && condition_context)
    if (const Element* c = find(conditions_, arg)) return call("Value::condition(", {Expr::atom(var(*c))});
  if (name == "Fn::Equals" && arg.is_array() && arg.size() == 2)
    return call("Value::equals(", {generic(arg[0], true), generic(arg[1], true)});
  if (name == "Fn::Not" && arg.is_array() && arg.size() == 1) return call("Value::not_(", {generic(arg[0], true)});
  if ((name == "Fn::And" || name == "Fn::Or") && arg.is_array()) {
    std::vector<Expr> items;
    for (const auto& item : arg) items.push_back(generic(item, true));
    return call(name == "Fn::And" ? "Value::and_(" : "Value::or_(", {braced("{", std::move(items), "}")});
  }
  if (name == "Fn::Join" && arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_array()) {
    std::vector<Expr> items;
    for (const auto& item : arg[1]) items.push_back(generic(item));
    return call("Value::join(", {Expr::atom(cpp_string(arg[0].get<std::string>())), braced("{", std::move(items), "}")});
  }
  if (name == "Fn::Select" && arg.is_array() && arg.size() == 2 && arg[0].is_number_integer() &&
      arg[0].get<std::int64_t>() >= 0 && arg[0].get<std::int64_t>() < 1000000)
    return call("Value::select(", {Expr::atom(arg[0].dump()), generic(arg[1])});
  if (name == "Fn::Split" && arg.is_array() && arg.size() == 2 && arg[0].is_string())
    return call("Value::split(", {Expr::atom(cpp_string(arg[0].get<std::string>())), generic(arg[1])});
  if (name == "Fn::ImportValue") return call("Value::import_value(", {generic(arg)});
  if (name == "Fn::GetAZs") {
    if (arg.is_string() && arg.get<std::string>().empty()) return Expr::atom("Value::get_azs()");
    return call("Value::get_azs(", {generic(arg)});
  }
  if (name == "Fn::Base64") return call("Value::base64(", {generic(arg)});
  if (name == "Fn::FindInMap" && arg.is_array() && arg.size() == 3) {
    if (const Element* m = find(mappings_, arg[0]))
      return call(var(*m) + ".find_in_map(", {generic(arg[1]), generic(arg[2])});
  }
  if (name == "Ref" || name == "Condition" || name.rfind("Fn::", 0) == 0)
    return call("Value::intrinsic(", {Expr::atom(cpp_string(name)), generic(arg, cond)});
  return std::nullopt;
}

std::vector<Expr> ValueWriter::props(const L1Type& type, const Json& properties, std::vector<Override>& overrides,
                                     std::vector<std::string>& missing) {
  return *members(type, type.props, properties, "", &overrides, missing);
}

std::optional<std::vector<Expr>> ValueWriter::members(const L1Type& type, const std::vector<Member>& list,
                                                      const Json& value, const std::string& path,
                                                      std::vector<Override>* overrides,
                                                      std::vector<std::string>& missing) {
  std::vector<Expr> items;
  auto at = [&path](const std::string& key) { return path + (path.empty() ? "" : ".") + path_key(key); };
  for (const Member& m : list) {
    auto found = value.find(m.cfn_name);
    if (found == value.end()) {
      if (m.required) {
        items.push_back(labelled(Expr::atom("Value()"), "." + m.name + " = "));
        missing.push_back(at(m.cfn_name));
      }
      continue;
    }
    if (auto e = typed(type, m.type, *found, at(m.cfn_name), overrides, missing)) {
      items.push_back(labelled(std::move(*e), "." + m.name + " = "));
    } else if (overrides != nullptr && !m.required) {
      overrides->push_back({at(m.cfn_name), as_value(*found)});
    } else {
      items.push_back(labelled(as_value(*found), "." + m.name + " = "));
    }
  }
  for (const auto& [key, item] : value.items()) {
    bool known = false;
    for (const Member& m : list) known = known || m.cfn_name == key;
    if (known) continue;
    if (overrides == nullptr) return std::nullopt;
    overrides->push_back({at(key), as_value(item)});
  }
  return items;
}

std::optional<Expr> ValueWriter::typed(const L1Type& type, const std::string& member_type, const Json& value,
                                       const std::string& path, std::vector<Override>* overrides,
                                       std::vector<std::string>& missing) {
  const auto [kind, inner] = split_type(member_type);
  const bool bare_struct = inner.empty() && !is_scalar_type(kind);
  if (is_intrinsic(value)) return bare_struct ? std::nullopt : std::optional<Expr>(generic(value));
  if (kind == "String" && value.is_string()) return Expr::atom(cpp_string(value.get<std::string>()));
  if (kind == "Integer" && value.is_number_integer() &&
      !(value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
    return Expr::atom(cpp_scalar(value));
  if (kind == "Number" && value.is_number() &&
      !(value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
    return Expr::atom(cpp_scalar(value));
  if (kind == "Boolean" && value.is_boolean()) return Expr::atom(cpp_scalar(value));
  if (kind == "Json") return generic(value);
  if ((kind == "Object" || bare_struct) && value.is_object()) {
    const std::string name = bare_struct ? kind : inner;
    auto s = type.structs.find(name);
    if (s == type.structs.end()) return std::nullopt;
    auto items = members(type, s->second, value, path, bare_struct ? nullptr : overrides, missing);
    if (!items) return std::nullopt;
    return braced(bare_struct ? "{" : type.qualified() + "::" + name + "{", std::move(*items), "}");
  }
  if (kind == "List" && value.is_array()) {
    if (value.empty()) return Expr::atom("Value::list({})");
    std::vector<Expr> items;
    for (const auto& item : value) {
      auto e = typed(type, inner, item, path, nullptr, missing);
      if (!e) return std::nullopt;
      items.push_back(std::move(*e));
    }
    return braced("{", std::move(items), "}");
  }
  if (kind == "Map" && value.is_object()) {
    if (value.empty()) return Expr::atom("Value::map({})");
    std::vector<Expr> items;
    for (const auto& [key, item] : value.items()) {
      auto e = typed(type, inner, item, path, nullptr, missing);
      if (!e) return std::nullopt;
      items.push_back(labelled(std::move(*e), "{" + cpp_string(key) + ", ", "}"));
    }
    return braced("{", std::move(items), "}");
  }
  return std::nullopt;
}

}  // namespace formwork::importer::detail
