#include "lint/template_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

namespace formwork::lint {
namespace {

const Json& empty_object() {
  static const Json empty = Json::object();
  return empty;
}

void add_unique(std::vector<std::string>& list, const std::string& name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
}

}  // namespace

const Json& TemplateModel::section(const std::string& name) const {
  auto it = document().find(name);
  if (it == document().end() || !it->is_object()) return empty_object();
  return *it;
}

const Json* TemplateModel::resource(const std::string& logical_id) const {
  const Json& resources = section("Resources");
  auto it = resources.find(logical_id);
  if (it == resources.end() || !it->is_object()) return nullptr;
  return &*it;
}

const Json& TemplateModel::properties(const std::string& logical_id) const {
  const Json* r = resource(logical_id);
  if (r == nullptr) return empty_object();
  auto it = r->find("Properties");
  if (it == r->end() || !it->is_object()) return empty_object();
  return *it;
}

std::string TemplateModel::type_of(const std::string& logical_id) const {
  const Json* r = resource(logical_id);
  if (r == nullptr) return "";
  auto it = r->find("Type");
  return it != r->end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> TemplateModel::resources_of_type(std::string_view type) const {
  std::vector<std::string> out;
  for (const auto& [id, definition] : section("Resources").items())
    if (definition.is_object() && definition.value("Type", Json()).is_string() &&
        definition["Type"].get<std::string>() == type)
      out.push_back(id);
  return out;
}

bool TemplateModel::is_resource(const std::string& name) const { return resource(name) != nullptr; }

bool TemplateModel::is_parameter(const std::string& name) const { return section("Parameters").contains(name); }

bool TemplateModel::is_pseudo_parameter(const std::string& name) {
  static const std::array<std::string_view, 8> pseudo = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
                                                         "AWS::Partition", "AWS::Region",           "AWS::StackId",
                                                         "AWS::StackName", "AWS::URLSuffix"};
  return std::find(pseudo.begin(), pseudo.end(), name) != pseudo.end();
}

std::vector<std::string> TemplateModel::referenced_resources(const Json& value) const {
  std::vector<std::string> out;
  walk(value, "", [&](const std::string&, const Json& v) {
    if (!v.is_object() || v.size() != 1) return;
    const std::string& key = v.begin().key();
    const Json& arg = v.begin().value();
    if (key == "Ref" && arg.is_string()) {
      if (is_resource(arg.get<std::string>())) add_unique(out, arg.get<std::string>());
    } else if (key == "Fn::GetAtt") {
      std::string target;
      if (arg.is_array() && !arg.empty() && arg[0].is_string()) target = arg[0].get<std::string>();
      if (arg.is_string()) target = arg.get<std::string>().substr(0, arg.get<std::string>().find('.'));
      if (is_resource(target)) add_unique(out, target);
    } else if (key == "Fn::Sub") {
      const Json& text = arg.is_array() && !arg.empty() ? arg[0] : arg;
      if (!text.is_string()) return;
      for (const auto& variable : sub_variables(text.get<std::string>())) {
        std::string target = variable.substr(0, variable.find('.'));
        if (is_resource(target)) add_unique(out, target);
      }
    }
  });
  return out;
}

std::vector<std::string> TemplateModel::functions_in(const Json& value) const {
  std::vector<std::string> out;
  for (const auto& id : referenced_resources(value)) {
    std::string type = type_of(id);
    if (type == "AWS::Lambda::Function") {
      add_unique(out, id);
    } else if (type == "AWS::Lambda::Alias" || type == "AWS::Lambda::Version") {
      // An alias or version invokes the function it names; one level is all CloudFormation allows.
      auto name = properties(id).find("FunctionName");
      if (name == properties(id).end()) continue;
      for (const auto& target : referenced_resources(*name))
        if (type_of(target) == "AWS::Lambda::Function") add_unique(out, target);
    }
  }
  return out;
}

std::vector<std::string> TemplateModel::queues_in(const Json& value) const {
  std::vector<std::string> out;
  for (const auto& id : referenced_resources(value))
    if (type_of(id) == "AWS::SQS::Queue") out.push_back(id);
  return out;
}

std::string TemplateModel::resource_pointer(const std::string& logical_id, const std::string& suffix) {
  return "/Resources/" + json_pointer_escape(logical_id) + suffix;
}

std::vector<std::string> sub_variables(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = text.find("${", at)) != std::string_view::npos) {
    auto end = text.find('}', at + 2);
    if (end == std::string_view::npos) break;
    if (text.size() > at + 2 && text[at + 2] != '!') out.emplace_back(text.substr(at + 2, end - at - 2));
    at = end + 1;
  }
  return out;
}

std::optional<double> as_number(const Json& value) {
  // Only finite numbers: a "nan" or "inf" is no timeout a rule can compare.
  if (value.is_number()) {
    double d = value.get<double>();
    return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
  }
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(d)) return d;
  }
  return std::nullopt;
}

void walk(const Json& value, const std::string& pointer,
          const std::function<void(const std::string& pointer, const Json& value)>& visit) {
  visit(pointer, value);
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) walk(child, pointer + "/" + json_pointer_escape(key), visit);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) walk(value[i], pointer + "/" + std::to_string(i), visit);
  }
}

}  // namespace formwork::lint
