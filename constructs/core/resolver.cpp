#include "constructs/core/resolver.hpp"

#include "constructs/core/cfn_element.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"

namespace formwork {

using nlohmann::ordered_json;

namespace {
std::string alphanumeric(const std::string& s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  return out;
}
}  // namespace

std::string CrossStackReferences::export_for(const CfnElement& target, const std::string& attribute,
                                             const Stack& consumer) {
  const Stack& producer = target.stack();
  add_dependency(consumer, producer);
  std::string id = target.logical_id();
  std::string name = producer.stack_name() + ":" + id + (attribute.empty() ? "" : "-" + attribute);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != ':' && c != '-') c = '-';
  for (const auto& e : exports_)
    if (e.producer == &producer && e.export_name == name) return name;
  ordered_json value = attribute.empty() ? ordered_json{{"Ref", id}} : ordered_json{{"Fn::GetAtt", {id, attribute}}};
  exports_.push_back({&producer, "Export" + id + (attribute.empty() ? "Ref" : alphanumeric(attribute)), name, value});
  return name;
}

void CrossStackReferences::add_dependency(const Stack& consumer, const Stack& producer) {
  if (&consumer == &producer) return;
  for (const auto& [c, p] : dependencies_)
    if (c == &consumer && p == &producer) return;
  dependencies_.emplace_back(&consumer, &producer);
}

void Resolver::depend_on_stack(const Stack& other) {
  if (references_) references_->add_dependency(stack_, other);
}

std::string Resolver::local_logical_id(const CfnElement& element, std::string_view what) {
  if (&element.stack() != &stack_)
    throw SynthError("CrossStackReference", element.node().path(),
                     std::string(what) + " cannot refer to an element of another stack (" + stack_.stack_name() + ")");
  return element.logical_id();
}

ordered_json Resolver::import(const CfnElement& target, const std::string& attribute) {
  if (references_ == nullptr)
    throw SynthError("CrossStackReference", target.node().path(), "cross-stack reference outside synthesis");
  return {{"Fn::ImportValue", references_->export_for(target, attribute, stack_)}};
}

ordered_json Resolver::resolve(const Value& value) {
  return std::visit(
      [&](const auto& v) -> ordered_json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, double> ||
                             std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, Value::List>) {
          ordered_json out = ordered_json::array();
          for (const auto& item : v) out.push_back(resolve(item));
          return out;
        } else if constexpr (std::is_same_v<T, Value::Map>) {
          ordered_json out = ordered_json::object();
          for (const auto& [key, item] : v) {
            if (item.is_null()) continue;
            out[key] = resolve(item);
          }
          return out;
        } else if constexpr (std::is_same_v<T, Value::Ref>) {
          if (&v.target->stack() != &stack_) return import(*v.target, "");
          return {{"Ref", v.target->logical_id()}};
        } else if constexpr (std::is_same_v<T, Value::PseudoRef>) {
          return {{"Ref", v.name}};
        } else if constexpr (std::is_same_v<T, Value::GetAtt>) {
          if (&v.target->stack() != &stack_) return import(*v.target, v.attribute);
          return {{"Fn::GetAtt", {v.target->logical_id(), v.attribute}}};
        } else if constexpr (std::is_same_v<T, Value::LogicalIdOf>) {
          return local_logical_id(*v.target, "a condition name");
        } else if constexpr (std::is_same_v<T, Value::Sub>) {
          return resolve_sub(v);
        } else {
          return {{v.name, resolve(*v.argument)}};
        }
      },
      value.variant());
}

// Variables that are references to this stack, pseudo parameters or literal strings are
// folded into the text (`${Queue.Arn}`, `${AWS::Region}`), as a person writes `!Sub`.
ordered_json Resolver::resolve_sub(const Value::Sub& sub) {
  std::string text = sub.text;
  ordered_json variables = ordered_json::object();
  for (const auto& [name, value] : sub.variables) {
    std::string replacement;
    bool fold = true;
    if (const auto* ref = value.get_if<Value::Ref>(); ref && &ref->target->stack() == &stack_) {
      replacement = "${" + ref->target->logical_id() + "}";
    } else if (const auto* att = value.get_if<Value::GetAtt>(); att && &att->target->stack() == &stack_) {
      replacement = "${" + att->target->logical_id() + "." + att->attribute + "}";
    } else if (const auto* pseudo = value.get_if<Value::PseudoRef>()) {
      replacement = "${" + pseudo->name + "}";
    } else if (const auto* s = value.as_string()) {
      replacement.clear();
      for (std::size_t i = 0; i < s->size(); ++i) {
        replacement += (*s)[i];
        if ((*s)[i] == '$' && i + 1 < s->size() && (*s)[i + 1] == '{') replacement += "{!", ++i;
      }
    } else {
      fold = false;
    }
    if (!fold) {
      variables[name] = resolve(value);
      continue;
    }
    std::string placeholder = "${" + name + "}";
    for (std::size_t pos = 0; (pos = text.find(placeholder, pos)) != std::string::npos;) {
      text.replace(pos, placeholder.size(), replacement);
      pos += replacement.size();
    }
  }
  if (variables.empty()) return {{"Fn::Sub", text}};
  return {{"Fn::Sub", ordered_json::array({text, variables})}};
}

}  // namespace formwork
