#include "constructs/events/rule_target_input.hpp"

#include <nlohmann/json.hpp>

namespace formwork::events {
namespace {

nlohmann::ordered_json literal_json(const Value& value) {
  if (const auto* s = value.as_string()) return *s;
  if (const auto* i = value.as_int()) return *i;
  if (const auto* b = value.get_if<bool>()) return *b;
  if (const auto* d = value.get_if<double>()) return *d;
  if (const auto* list = value.get_if<Value::List>()) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& item : *list) out.push_back(literal_json(item));
    return out;
  }
  if (const auto* map = value.get_if<Value::Map>()) {
    auto out = nlohmann::ordered_json::object();
    for (const auto& [key, item] : *map) out[key] = literal_json(item);
    return out;
  }
  return nullptr;
}

bool json_path(const std::string& path) { return !path.empty() && path[0] == '$'; }

}  // namespace

RuleTargetInput RuleTargetInput::from_text(const std::string& text) {
  RuleTargetInput in;
  in.entries_ = {{"Input", nlohmann::json(text).dump()}};
  return in;
}

RuleTargetInput RuleTargetInput::from_object(const Value& object) {
  RuleTargetInput in;
  if (object.is_unresolved()) {
    in.errors_.push_back("a target input object must be literal (tokens need from_template)");
    return in;
  }
  in.entries_ = {{"Input", literal_json(object).dump()}};
  return in;
}

RuleTargetInput RuleTargetInput::from_event_path(std::string path) {
  RuleTargetInput in;
  if (!json_path(path)) in.errors_.push_back("target input path must be a JSONPath starting with $, got '" + path + "'");
  in.entries_ = {{"InputPath", std::move(path)}};
  return in;
}

RuleTargetInput RuleTargetInput::from_template(std::string input_template, Value::Map paths) {
  RuleTargetInput in;
  if (paths.size() > 100)
    in.errors_.push_back("an input transformer takes at most 100 paths, got " + std::to_string(paths.size()));
  for (const auto& [name, path] : paths) {
    const std::string* text = path.as_string();
    if (text == nullptr || !json_path(*text))
      in.errors_.push_back("input transformer path '" + name + "' must be a JSONPath starting with $");
    if (input_template.find("<" + name + ">") == std::string::npos)
      in.errors_.push_back("input transformer path '" + name + "' is not used in the template as <" + name + ">");
  }
  in.entries_ = {{"InputTransformer",
                  Value::map({{"InputPathsMap", Value::map(std::move(paths))}, {"InputTemplate", std::move(input_template)}})}};
  return in;
}

}  // namespace formwork::events
