#include "constructs/core/cfn_resource.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "constructs/core/cfn_condition.hpp"
#include "constructs/core/detail/resource_checks.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/resolver.hpp"
#include "constructs/core/stack.hpp"

namespace formwork {

using nlohmann::ordered_json;

namespace {

// The order a person writes a resource's keys in; anything else follows, as added.
constexpr std::array<std::string_view, 7> kResourceKeyOrder = {
    "Type", "Condition", "DependsOn", "Properties", "DeletionPolicy", "UpdateReplacePolicy", "Metadata"};

const char* policy_name(RemovalPolicy policy) {
  switch (policy) {
    case RemovalPolicy::Delete: return "Delete";
    case RemovalPolicy::Retain: return "Retain";
    case RemovalPolicy::Snapshot: return "Snapshot";
    case RemovalPolicy::RetainExceptOnDelete: return "RetainExceptOnDelete";
  }
  return "Delete";
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '\\' && i + 1 < path.size() && path[i + 1] == '.') {
      parts.back() += '.';
      ++i;
    } else if (path[i] == '.') {
      parts.emplace_back();
    } else {
      parts.back() += path[i];
    }
  }
  return parts;
}

bool is_index(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void apply_override(ordered_json& root, const std::vector<std::string>& parts, const ordered_json* value) {
  ordered_json* node = &root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const auto& part = parts[i];
    if (node->is_array() && is_index(part)) {
      auto index = std::stoul(part);
      if (index >= node->size()) {
        if (!value) return;
        node->push_back(ordered_json::object());
        index = node->size() - 1;
      }
      node = &(*node)[index];
      continue;
    }
    if (!node->is_object()) {
      if (!value) return;
      *node = ordered_json::object();
    }
    if (!node->contains(part)) {
      if (!value) return;
      (*node)[part] = ordered_json::object();
    }
    node = &(*node)[part];
  }
  const auto& last = parts.back();
  if (node->is_array() && is_index(last)) {
    auto index = std::stoul(last);
    if (!value) {
      if (index < node->size()) node->erase(index);
    } else if (index < node->size()) {
      (*node)[index] = *value;
    } else {
      node->push_back(*value);
    }
    return;
  }
  if (!value) {
    if (node->is_object()) node->erase(last);
    return;
  }
  if (!node->is_object()) *node = ordered_json::object();
  (*node)[last] = *value;
}

ordered_json sorted_object(const ordered_json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  ordered_json out = ordered_json::object();
  for (const auto& k : keys) out[k] = object[k];
  return out;
}

}  // namespace

CfnResource::CfnResource(Construct& scope, std::string_view id, CfnResourceProps props)
    : CfnElement(scope, id), type_(std::move(props.type)), properties_(std::move(props.properties)) {
  node().add_validation([this]() -> std::vector<std::string> {
    auto colons = std::count(type_.begin(), type_.end(), ':');
    if (type_.empty() || (colons != 4 && type_.rfind("Custom::", 0) != 0))
      return {"resource type must look like 'AWS::Service::Resource', got '" + type_ + "'"};
    return {};
  });
}

void CfnResource::add_depends_on(const CfnResource& other) {
  if (&other == this) return;
  if (std::find(depends_on_.begin(), depends_on_.end(), &other) == depends_on_.end()) depends_on_.push_back(&other);
}

void CfnResource::apply_removal_policy(RemovalPolicy policy) {
  deletion_policy_ = policy;
  update_replace_policy_ = policy == RemovalPolicy::RetainExceptOnDelete ? RemovalPolicy::Retain : policy;
}

void CfnResource::add_override(std::string path, Value value) { overrides_.push_back({std::move(path), std::move(value)}); }

void CfnResource::add_deletion_override(std::string path) { overrides_.push_back({std::move(path), std::nullopt}); }

CfnResource::TagFormat CfnResource::tag_format() const {
  switch (detail::tag_slot(type_).shape) {
    case detail::TagShape::KeyValueList: return TagFormat::KeyValueList;
    case detail::TagShape::Map: return TagFormat::Map;
    case detail::TagShape::None: break;
  }
  return TagFormat::None;
}

std::vector<std::pair<std::string, std::string>> CfnResource::effective_tags() const {
  std::vector<const Node*> chain;
  for (const Node* n = &node(); n != nullptr; n = n->scope() ? &n->scope()->node() : nullptr) chain.push_back(n);
  std::vector<std::pair<std::string, std::string>> tags;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& key : (*it)->removed_tags())
      std::erase_if(tags, [&](const auto& t) { return t.first == key; });
    for (const auto& [key, value] : (*it)->tags()) {
      std::erase_if(tags, [&k = key](const auto& t) { return t.first == k; });  // clang 14 cannot capture a binding
      tags.emplace_back(key, value);
    }
  }
  std::sort(tags.begin(), tags.end());
  return tags;
}

detail::Json CfnResource::render(Resolver& resolver) const {
  ordered_json out = ordered_json::object();
  out["Type"] = type_;
  if (condition_) out["Condition"] = resolver.local_logical_id(*condition_, "a resource condition");

  std::vector<std::string> depends;
  for (const CfnResource* other : depends_on_) {
    if (&other->stack() != &stack()) {
      resolver.depend_on_stack(other->stack());
      continue;
    }
    depends.push_back(other->logical_id());
  }
  std::sort(depends.begin(), depends.end());
  depends.erase(std::unique(depends.begin(), depends.end()), depends.end());
  if (!depends.empty()) out["DependsOn"] = depends;

  ordered_json properties = resolver.resolve(Value(properties_));
  auto tags = effective_tags();
  const detail::TagSlot slot = tags.empty() ? detail::TagSlot{} : detail::tag_slot(type_);
  const std::string tag_property(slot.property);
  if (slot.shape != detail::TagShape::None) {
    if (slot.shape == detail::TagShape::Map) {
      ordered_json map = properties.contains(tag_property) ? properties[tag_property] : ordered_json::object();
      for (const auto& [key, value] : tags)
        if (!map.contains(key)) map[key] = value;
      properties[tag_property] = sorted_object(map);
    } else {
      ordered_json list = properties.contains(tag_property) ? properties[tag_property] : ordered_json::array();
      for (const auto& [key, value] : tags) {
        bool present = std::any_of(list.begin(), list.end(), [&k = key](const ordered_json& t) {
          return t.is_object() && t.contains("Key") && t["Key"] == k;
        });
        if (!present) list.push_back({{"Key", key}, {"Value", value}});
      }
      std::stable_sort(list.begin(), list.end(), [](const ordered_json& a, const ordered_json& b) {
        return a.value("Key", ordered_json()).dump() < b.value("Key", ordered_json()).dump();
      });
      properties[tag_property] = list;
    }
  }
  if (!properties.empty()) out["Properties"] = properties;
  if (deletion_policy_) out["DeletionPolicy"] = policy_name(*deletion_policy_);
  if (update_replace_policy_) out["UpdateReplacePolicy"] = policy_name(*update_replace_policy_);
  if (!metadata_.empty()) out["Metadata"] = resolver.resolve(Value(metadata_));

  for (const auto& o : overrides_) {
    auto parts = split_path(o.path);
    if (o.value) {
      ordered_json resolved = resolver.resolve(*o.value);
      apply_override(out, parts, &resolved);
    } else {
      apply_override(out, parts, nullptr);
    }
  }

  if (out.contains("Properties") && out["Properties"].is_object()) out["Properties"] = sorted_object(out["Properties"]);
  ordered_json ordered = ordered_json::object();
  for (auto key : kResourceKeyOrder)
    if (out.contains(key)) ordered[std::string(key)] = out[std::string(key)];
  for (auto it = out.begin(); it != out.end(); ++it)
    if (!ordered.contains(it.key())) ordered[it.key()] = it.value();
  return {ordered};
}

}  // namespace formwork
