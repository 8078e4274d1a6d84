#include "graph/references.hpp"

#include <algorithm>
#include <set>

namespace formwork::graph {
namespace {

class Collector {
 public:
  explicit Collector(const Json& resources) : resources_(resources) {}

  void visit(const Json& value, const std::set<std::string>& locals) {
    if (value.is_array()) {
      for (const auto& item : value) visit(item, locals);
      return;
    }
    if (!value.is_object()) return;
    if (value.size() == 1) {
      auto first = value.begin();
      const auto& key = first.key();
      const auto& argument = first.value();
      if (key == "Ref" && argument.is_string()) return add(argument.get<std::string>());
      if (key == "Fn::GetAtt") return get_att(argument, locals);
      if (key == "Fn::Sub") return sub(argument, locals);
    }
    for (const auto& item : value) visit(item, locals);
  }

  [[nodiscard]] std::vector<std::string> take() { return std::move(found_); }

 private:
  void add(const std::string& id) {
    if (!resources_.is_object() || !resources_.contains(id)) return;
    if (std::find(found_.begin(), found_.end(), id) == found_.end()) found_.push_back(id);
  }

  void get_att(const Json& argument, const std::set<std::string>& locals) {
    if (argument.is_array() && !argument.empty() && argument[0].is_string()) {
      add(argument[0].get<std::string>());
      for (std::size_t i = 1; i < argument.size(); ++i) visit(argument[i], locals);
    } else if (argument.is_string()) {  // "A.Arn", as some hand-written JSON has it
      auto text = argument.get<std::string>();
      add(text.substr(0, text.find('.')));
    }
  }

  // Fn::Sub: "${X}", "${X.Arn}" name resources; "${!X}" is a literal; names defined in the
  // variables map are local to the Sub, and the map's values are references like any other.
  void sub(const Json& argument, const std::set<std::string>& outer) {
    const Json* text = &argument;
    std::set<std::string> locals = outer;
    if (argument.is_array() && !argument.empty()) {
      text = &argument[0];
      if (argument.size() > 1 && argument[1].is_object()) {
        for (const auto& [name, variable] : argument[1].items()) {
          locals.insert(name);
          visit(variable, outer);
        }
      }
    }
    if (!text->is_string()) return visit(*text, outer);
    const auto& s = text->get_ref<const std::string&>();
    for (std::size_t start = s.find("${"); start != std::string::npos; start = s.find("${", start + 2)) {
      auto end = s.find('}', start);
      if (end == std::string::npos) break;
      auto name = s.substr(start + 2, end - start - 2);
      if (name.empty() || name[0] == '!') continue;
      name = name.substr(0, name.find('.'));
      if (locals.count(name) == 0) add(name);
    }
  }

  const Json& resources_;
  std::vector<std::string> found_;
};

}  // namespace

std::vector<std::string> referenced_resources(const Json& value, const Json& resources) {
  Collector collector(resources);
  collector.visit(value, {});
  return collector.take();
}

const Json* member(const Json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const Json* dig(const Json& object, std::initializer_list<const char*> keys) {
  const Json* at = &object;
  for (const char* key : keys) {
    at = member(*at, key);
    if (at == nullptr) return nullptr;
  }
  return at;
}

std::optional<std::string> scalar_text(const Json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return std::to_string(value->get<long long>());
  if (value->is_number()) return value->dump();
  return std::nullopt;
}

std::vector<const Json*> as_list(const Json* value) {
  std::vector<const Json*> out;
  if (value == nullptr || value->is_null()) return out;
  if (value->is_array()) {
    for (const auto& item : *value) out.push_back(&item);
  } else {
    out.push_back(value);
  }
  return out;
}

}  // namespace formwork::graph
