#include "local/model_resolver.hpp"

#include <algorithm>
#include <cctype>

#include "constructs/core/detail/hash.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/template_reader.hpp"
#include "local/ids.hpp"

namespace formwork::local::detail {
namespace {

using json = nlohmann::ordered_json;

const char* const kNoValue = "__formwork_local_no_value__";

json no_value() { return json{{kNoValue, true}}; }
bool is_no_value(const json& v) { return v.is_object() && v.size() == 1 && v.contains(kNoValue); }

std::string pointer_join(const std::string& pointer, const std::string& key) {
  return pointer + "/" + json_pointer_escape(key);
}

}  // namespace

std::string uuid_from(std::string_view text) {
  std::string hex = formwork::detail::sha256_hex(text);
  hex[12] = '4';
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

Resolver::Resolver(const std::vector<TemplateSource>& sources, std::string endpoint_url)
    : endpoint_(std::move(endpoint_url)) {
  while (!endpoint_.empty() && endpoint_.back() == '/') endpoint_.pop_back();
  for (const auto& source : sources) {
    Stack stack{&source, {}, {}, {}, {}, {}};
    const auto& document = source.document;
    if (document.contains("Parameters") && document["Parameters"].is_object()) {
      for (const auto& [name, parameter] : document["Parameters"].items()) {
        std::string value;
        auto given = source.parameters.find(name);
        if (given != source.parameters.end()) {
          value = given->second;
        } else if (parameter.is_object() && parameter.contains("Default")) {
          value = to_text(parameter["Default"]);
        } else {
          value = name;
          int line = 0;
          auto found = source.lines.find("/Parameters/" + json_pointer_escape(name));
          if (found != source.lines.end()) line = found->second;
          warnings_.push_back(source.file + (line > 0 ? ":" + std::to_string(line) : "") + ": parameter " + name +
                              " has no value and no Default; it resolves to \"" + name + "\"");
        }
        std::string type = parameter.is_object() ? parameter.value("Type", "String") : "String";
        if (type.find("List") != std::string::npos) {
          json list = json::array();
          std::size_t start = 0;
          while (start <= value.size()) {
            auto comma = value.find(',', start);
            list.push_back(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
          }
          stack.parameters[name] = list;
        } else {
          stack.parameters[name] = value;
        }
      }
    }
    stacks_.push_back(std::move(stack));
  }
}

std::map<std::string, std::string> Resolver::parameters(std::size_t stack) const {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : stacks_[stack].parameters) out[name] = to_text(value);
  return out;
}

void Resolver::fail(std::size_t stack, const std::string& pointer, const std::string& message) const {
  const auto& source = *stacks_[stack].source;
  std::string p = pointer;
  int line = 0;
  for (;;) {
    auto found = source.lines.find(p);
    if (found != source.lines.end()) {
      line = found->second;
      break;
    }
    auto slash = p.rfind('/');
    if (slash == std::string::npos || p.empty()) break;
    p = p.substr(0, slash);
  }
  throw InputError(source.file, line, 0, message);
}

std::string Resolver::to_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) out += (out.empty() ? "" : ",") + to_text(item);
    return out;
  }
  if (value.is_null()) return "";
  return value.dump();
}

std::string Resolver::resolve_string(std::size_t stack, const json& value, const std::string& pointer) {
  json resolved = resolve(stack, value, pointer);
  if (resolved.is_object() || resolved.is_array()) fail(stack, pointer, "expected a string, got " + resolved.dump());
  return to_text(resolved);
}

std::string Resolver::rewrite_api_urls(std::string text) const {
  const std::string host_tail = ".execute-api." + std::string(kRegion) + ".amazonaws.com/";
  for (const auto& id : api_ids_) {
    const std::string from = "https://" + id + host_tail;
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      auto stage_end = text.find('/', at + from.size());
      std::string stage = text.substr(at + from.size(), stage_end == std::string::npos ? std::string::npos
                                                                                       : stage_end - at - from.size());
      std::string to = endpoint_ + "/restapis/" + id + "/" + stage + "/_user_request_";
      std::size_t replaced = from.size() + stage.size();
      text.replace(at, replaced, to);
      at += to.size();
    }
  }
  return text;
}

bool Resolver::included(std::size_t stack, const std::string& logical_id) {
  const auto& resource = stacks_[stack].source->document["Resources"][logical_id];
  if (!resource.is_object() || !resource.contains("Condition")) return true;
  const auto pointer = "/Resources/" + json_pointer_escape(logical_id) + "/Condition";
  if (!resource["Condition"].is_string()) fail(stack, pointer, "Condition must be the name of a condition");
  return condition(stack, resource["Condition"].get<std::string>(), pointer);
}

bool Resolver::condition(std::size_t stack, const std::string& name, const std::string& pointer) {
  auto& s = stacks_[stack];
  if (auto found = s.conditions.find(name); found != s.conditions.end()) return found->second;
  const auto& document = s.source->document;
  if (!document.contains("Conditions") || !document["Conditions"].contains(name))
    fail(stack, pointer, "unknown condition '" + name + "'");
  if (!s.conditions_in_progress.insert(name).second) fail(stack, pointer, "condition '" + name + "' refers to itself");
  bool value = evaluate_condition(stack, document["Conditions"][name], "/Conditions/" + json_pointer_escape(name));
  s.conditions_in_progress.erase(name);
  s.conditions[name] = value;
  return value;
}

bool Resolver::evaluate_condition(std::size_t stack, const json& value, const std::string& pointer) {
  if (value.is_boolean()) return value.get<bool>();
  if (!value.is_object() || value.size() != 1) fail(stack, pointer, "a condition must be one Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
  const std::string key = value.begin().key();
      const json& args = value.begin().value();
  const std::string child = pointer_join(pointer, key);
  if (key == "Condition" && args.is_string()) return condition(stack, args.get<std::string>(), child);
  if (key == "Fn::Equals" && args.is_array() && args.size() == 2)
    return to_text(resolve(stack, args[0], child + "/0")) == to_text(resolve(stack, args[1], child + "/1"));
  if (key == "Fn::Not" && args.is_array() && args.size() == 1) return !evaluate_condition(stack, args[0], child + "/0");
  if ((key == "Fn::And" || key == "Fn::Or") && args.is_array() && !args.empty()) {
    bool all = true;
    bool any = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
      bool v = evaluate_condition(stack, args[i], child + "/" + std::to_string(i));
      all = all && v;
      any = any || v;
    }
    return key == "Fn::And" ? all : any;
  }
  fail(stack, child, "cannot evaluate condition " + key + " with " + args.dump());
}

json Resolver::resolve(std::size_t stack, const json& value, const std::string& pointer) {
  if (value.is_object()) {
    if (value.size() == 1) {
      const std::string key = value.begin().key();
      const json& args = value.begin().value();
      if (key == "Ref" || key.rfind("Fn::", 0) == 0) return resolve_intrinsic(stack, key, args, pointer_join(pointer, key));
    }
    json out = json::object();
    for (const auto& [key, item] : value.items()) {
      json resolved = resolve(stack, item, pointer_join(pointer, key));
      if (!is_no_value(resolved)) out[key] = std::move(resolved);
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (std::size_t i = 0; i < value.size(); ++i) {
      json resolved = resolve(stack, value[i], pointer + "/" + std::to_string(i));
      if (!is_no_value(resolved)) out.push_back(std::move(resolved));
    }
    return out;
  }
  return value;
}

json Resolver::resolve_intrinsic(std::size_t stack, const std::string& name, const json& args, const std::string& pointer) {
  if (name == "Ref") {
    if (!args.is_string()) fail(stack, pointer, "Ref takes a logical ID or parameter name, got " + args.dump());
    return ref(stack, args.get<std::string>(), pointer);
  }
  if (name == "Fn::GetAtt") {
    std::string target;
    std::string attribute;
    if (args.is_string()) {
      auto dot = args.get<std::string>().find('.');
      if (dot == std::string::npos) fail(stack, pointer, "Fn::GetAtt takes LogicalId.Attribute, got " + args.dump());
      target = args.get<std::string>().substr(0, dot);
      attribute = args.get<std::string>().substr(dot + 1);
    } else if (args.is_array() && args.size() == 2 && args[0].is_string()) {
      target = args[0].get<std::string>();
      attribute = resolve_string(stack, args[1], pointer + "/1");
    } else {
      fail(stack, pointer, "Fn::GetAtt takes [LogicalId, Attribute], got " + args.dump());
    }
    return get_att(stack, target, attribute, pointer);
  }
  if (name == "Fn::Sub") return sub(stack, args, pointer);
  if (name == "Fn::Join") {
    if (!args.is_array() || args.size() != 2 || !args[0].is_string())
      fail(stack, pointer, "Fn::Join takes [delimiter, [values]], got " + args.dump());
    json list = resolve(stack, args[1], pointer + "/1");
    if (!list.is_array()) fail(stack, pointer, "Fn::Join needs a list of values, got " + list.dump());
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? args[0].get<std::string>() : "") + to_text(list[i]);
    return rewrite_api_urls(out);
  }
  if (name == "Fn::Select") {
    if (!args.is_array() || args.size() != 2) fail(stack, pointer, "Fn::Select takes [index, [values]], got " + args.dump());
    std::string index_text = to_text(resolve(stack, args[0], pointer + "/0"));
    json list = resolve(stack, args[1], pointer + "/1");
    std::size_t index = 0;
    try {
      index = std::stoul(index_text);
    } catch (...) {
      fail(stack, pointer, "Fn::Select index must be a number, got " + index_text);
    }
    if (!list.is_array() || index >= list.size())
      fail(stack, pointer, "Fn::Select index " + index_text + " is out of range for " + list.dump());
    return list[index];
  }
  if (name == "Fn::Split") {
    if (!args.is_array() || args.size() != 2 || !args[0].is_string())
      fail(stack, pointer, "Fn::Split takes [delimiter, string], got " + args.dump());
    std::string text = resolve_string(stack, args[1], pointer + "/1");
    std::string delimiter = args[0].get<std::string>();
    json out = json::array();
    std::size_t start = 0;
    for (auto at = text.find(delimiter); !delimiter.empty() && at != std::string::npos; at = text.find(delimiter, start)) {
      out.push_back(text.substr(start, at - start));
      start = at + delimiter.size();
    }
    out.push_back(text.substr(start));
    return out;
  }
  if (name == "Fn::ImportValue") return import_value(resolve_string(stack, args, pointer), stack, pointer);
  if (name == "Fn::GetAZs") {
    std::string region(kRegion);
    return json::array({region + "a", region + "b", region + "c"});
  }
  if (name == "Fn::Base64") return base64_encode(resolve_string(stack, args, pointer));
  if (name == "Fn::If") {
    if (!args.is_array() || args.size() != 3 || !args[0].is_string())
      fail(stack, pointer, "Fn::If takes [condition, then, else], got " + args.dump());
    bool holds = condition(stack, args[0].get<std::string>(), pointer + "/0");
    return resolve(stack, args[holds ? 1 : 2], pointer + (holds ? "/1" : "/2"));
  }
  if (name == "Fn::FindInMap") {
    if (!args.is_array() || args.size() < 3) fail(stack, pointer, "Fn::FindInMap takes [map, key, key], got " + args.dump());
    std::string map = resolve_string(stack, args[0], pointer + "/0");
    std::string top = resolve_string(stack, args[1], pointer + "/1");
    std::string second = resolve_string(stack, args[2], pointer + "/2");
    const auto& mappings = stacks_[stack].source->document.value("Mappings", json::object());
    if (!mappings.contains(map) || !mappings[map].contains(top) || !mappings[map][top].contains(second))
      fail(stack, pointer, "Fn::FindInMap: no value for " + map + "/" + top + "/" + second);
    return resolve(stack, mappings[map][top][second], pointer);
  }
  if (name == "Fn::Equals" || name == "Fn::Not" || name == "Fn::And" || name == "Fn::Or")
    return evaluate_condition(stack, json{{name, args}}, pointer.substr(0, pointer.rfind('/')));
  fail(stack, pointer, name + " is not supported by the local cloud");
}

json Resolver::sub(std::size_t stack, const json& args, const std::string& pointer) {
  std::string text;
  std::map<std::string, json> variables;
  if (args.is_string()) {
    text = args.get<std::string>();
  } else if (args.is_array() && args.size() == 2 && args[0].is_string() && args[1].is_object()) {
    text = args[0].get<std::string>();
    for (const auto& [key, value] : args[1].items()) variables[key] = resolve(stack, value, pointer + "/1/" + json_pointer_escape(key));
  } else {
    fail(stack, pointer, "Fn::Sub takes a string or [string, {variables}], got " + args.dump());
  }
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    auto open = text.find("${", at);
    if (open == std::string::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    auto close = text.find('}', open);
    if (close == std::string::npos) fail(stack, pointer, "Fn::Sub: unclosed ${ in \"" + text + "\"");
    std::string variable = text.substr(open + 2, close - open - 2);
    at = close + 1;
    if (!variable.empty() && variable[0] == '!') {
      out += "${" + variable.substr(1) + "}";
      continue;
    }
    if (auto found = variables.find(variable); found != variables.end()) {
      out += to_text(found->second);
    } else if (auto dot = variable.find('.'); dot != std::string::npos && variable.rfind("AWS::", 0) != 0) {
      out += to_text(get_att(stack, variable.substr(0, dot), variable.substr(dot + 1), pointer));
    } else {
      out += to_text(ref(stack, variable, pointer));
    }
  }
  return rewrite_api_urls(out);
}

json Resolver::ref(std::size_t stack, const std::string& target, const std::string& pointer) {
  auto& s = stacks_[stack];
  if (target == "AWS::AccountId") return std::string(kAccountId);
  if (target == "AWS::Region") return std::string(kRegion);
  if (target == "AWS::Partition") return "aws";
  if (target == "AWS::URLSuffix") return "amazonaws.com";
  if (target == "AWS::StackName") return s.source->stack_name;
  if (target == "AWS::StackId")
    return "arn:aws:cloudformation:" + std::string(kRegion) + ":" + std::string(kAccountId) + ":stack/" +
           s.source->stack_name + "/" + uuid_from("stack/" + s.source->stack_name);
  if (target == "AWS::NotificationARNs") return json::array();
  if (target == "AWS::NoValue") return no_value();
  if (auto found = s.parameters.find(target); found != s.parameters.end()) return found->second;
  const auto& resources = s.source->document.value("Resources", json::object());
  if (!resources.contains(target)) fail(stack, pointer, "Ref to '" + target + "', which is no resource or parameter of stack " + s.source->stack_name);
  if (!included(stack, target)) fail(stack, pointer, "Ref to '" + target + "', whose Condition is false");
  return identity(stack, target).physical_id;
}

json Resolver::get_att(std::size_t stack, const std::string& logical_id, const std::string& attribute, const std::string& pointer) {
  auto& s = stacks_[stack];
  const auto& resources = s.source->document.value("Resources", json::object());
  if (!resources.contains(logical_id)) fail(stack, pointer, "Fn::GetAtt of '" + logical_id + "', which is no resource of stack " + s.source->stack_name);
  const Identity& id = identity(stack, logical_id);
  if (!id.known) return logical_id + "." + attribute;
  auto found = id.attributes.find(attribute);
  if (found == id.attributes.end()) {
    std::string known;
    for (const auto& [name, value] : id.attributes) known += (known.empty() ? "" : ", ") + name;
    fail(stack, pointer, "Fn::GetAtt: " + resources[logical_id].value("Type", std::string("?")) + " " + logical_id +
                             " has no attribute " + attribute + " (attributes: " + (known.empty() ? "none" : known) + ")");
  }
  return found->second;
}

json Resolver::import_value(const std::string& name, std::size_t from, const std::string& pointer) {
  if (!imports_in_progress_.insert(name).second) fail(from, pointer, "Fn::ImportValue '" + name + "' depends on itself");
  for (std::size_t i = 0; i < stacks_.size(); ++i) {
    const auto& outputs = stacks_[i].source->document.value("Outputs", json::object());
    for (const auto& [key, output] : outputs.items()) {
      if (!output.is_object() || !output.contains("Export")) continue;
      std::string output_pointer = "/Outputs/" + json_pointer_escape(key);
      if (to_text(resolve(i, output["Export"].value("Name", json()), output_pointer + "/Export/Name")) != name) continue;
      json value = resolve(i, output.value("Value", json()), output_pointer + "/Value");
      imports_in_progress_.erase(name);
      return value;
    }
  }
  fail(from, pointer, "Fn::ImportValue: no loaded stack exports '" + name + "'");
}

std::string Resolver::name_property(std::size_t stack, const std::string& logical_id, const char* property) {
  const auto& resource = stacks_[stack].source->document["Resources"][logical_id];
  if (!resource.contains("Properties") || !resource["Properties"].is_object() || !resource["Properties"].contains(property))
    return logical_id;
  auto pointer = "/Resources/" + json_pointer_escape(logical_id) + "/Properties/" + property;
  json value = resolve(stack, resource["Properties"][property], pointer);
  if (is_no_value(value)) return logical_id;
  return to_text(value);
}

const Identity& Resolver::identity(std::size_t stack, const std::string& logical_id) {
  auto& s = stacks_[stack];
  if (auto found = s.identities.find(logical_id); found != s.identities.end()) return found->second;
  if (!s.in_progress.insert(logical_id).second)
    fail(stack, "/Resources/" + json_pointer_escape(logical_id), "the name of " + logical_id + " refers to itself");
  Identity id = make_identity(stack, logical_id);
  s.in_progress.erase(logical_id);
  return s.identities.emplace(logical_id, std::move(id)).first->second;
}

}  // namespace formwork::local::detail
