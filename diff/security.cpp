#include "diff/security.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "diff/value_diff.hpp"

namespace formwork::diff {
namespace {

std::vector<Json> as_list(const Json* value) {
  if (value == nullptr || value->is_null()) return {};
  if (value->is_array()) return std::vector<Json>(value->begin(), value->end());
  return {*value};
}

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

// "*" stays "*"; {"Service": ["a", "b"]} becomes "Service:a", "Service:b".
std::vector<Json> principal_list(const Json* principal) {
  std::vector<Json> out;
  if (principal == nullptr) return out;
  if (principal->is_object() && !is_intrinsic(*principal)) {
    for (auto it = principal->begin(); it != principal->end(); ++it)
      for (const auto& p : as_list(&it.value()))
        out.emplace_back(p.is_string() ? Json(it.key() + ":" + p.get<std::string>()) : Json{{it.key(), p}});
  } else {
    out = as_list(principal);
  }
  return out;
}

struct Found {
  SecurityChange change;
  std::string identity;  ///< what makes two of them the same: holder and content
};

std::string join_path(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& s : path) out += (out.empty() || s.front() == '[' ? "" : ".") + s;
  return out;
}

// Policy documents anywhere in a resource's properties: objects with a Statement.
void find_statements(const Json& value, std::vector<std::string>& path, const std::string& logical_id,
                     const std::string& type, std::vector<Found>& out) {
  if (value.is_object() && !is_intrinsic(value)) {
    if (const Json* statements = member(value, "Statement"); statements && (statements->is_array() || statements->is_object())) {
      for (const auto& statement : as_list(statements)) {
        if (!statement.is_object()) continue;
        SecurityChange change{.kind = SecurityKind::IamStatement, .resource = logical_id, .resource_type = type,
                              .location = join_path(path)};
        const Json* effect = member(statement, "Effect");
        change.effect = effect && effect->is_string() ? effect->get<std::string>() : "Allow";
        const Json* actions = member(statement, "Action");
        if (actions == nullptr && (actions = member(statement, "NotAction"))) change.not_action = true;
        change.actions = as_list(actions);
        const Json* resources = member(statement, "Resource");
        if (resources == nullptr) resources = member(statement, "NotResource");
        change.resources = as_list(resources);
        const Json* principal = member(statement, "Principal");
        if (principal == nullptr) principal = member(statement, "NotPrincipal");
        change.principals = principal_list(principal);
        if (const Json* condition = member(statement, "Condition")) change.condition = *condition;
        out.push_back(
            {std::move(change), logical_id + "\n" + join_path(path) + "\n" +
                                    statement.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
      }
      return;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      path.push_back(it.key());
      find_statements(it.value(), path, logical_id, type, out);
      path.pop_back();
    }
  } else if (value.is_array()) {
    for (std::size_t k = 0; k < value.size(); ++k) {
      path.push_back("[" + std::to_string(k) + "]");
      find_statements(value[k], path, logical_id, type, out);
      path.pop_back();
    }
  }
}

std::vector<Found> collect(const Json& resources) {
  std::vector<Found> out;
  if (!resources.is_object()) return out;
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    const Json& resource = it.value();
    const Json* type_value = member(resource, "Type");
    std::string type = type_value && type_value->is_string() ? type_value->get<std::string>() : "";
    const Json* properties = member(resource, "Properties");
    if (properties == nullptr) continue;
    if (type == "AWS::Lambda::Permission") {
      SecurityChange change{
          .kind = SecurityKind::LambdaPermission, .resource = it.key(), .resource_type = type, .effect = "Allow"};
      change.actions = as_list(member(*properties, "Action"));
      change.resources = as_list(member(*properties, "FunctionName"));
      change.principals = as_list(member(*properties, "Principal"));
      change.condition = Json::object();
      for (const char* key :
           {"SourceArn", "SourceAccount", "PrincipalOrgID", "EventSourceToken", "FunctionUrlAuthType"})
        if (const Json* v = member(*properties, key)) change.condition[key] = *v;
      out.push_back({std::move(change),
                     it.key() + "\n" + properties->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
      continue;
    }
    std::vector<std::string> path;
    find_statements(*properties, path, it.key(), type, out);
  }
  return out;
}

bool has_wildcard(const Json& value) {
  return value.is_string() && value.get<std::string>().find('*') != std::string::npos;
}

// Wildcards an Allow grants: actions with "*", the resource "*", the principal "*".
std::vector<std::string> wildcards(const SecurityChange& c) {
  std::vector<std::string> out;
  if (c.effect != "Allow") return out;
  if (c.not_action) out.push_back("NotAction (every action but those listed)");
  for (const auto& a : c.actions)
    if (has_wildcard(a)) out.push_back("action " + a.get<std::string>());
  for (const auto& r : c.resources)
    if (r.is_string() && r.get<std::string>() == "*") out.push_back("resource *");
  for (const auto& p : c.principals)
    if (p.is_string() && (p.get<std::string>() == "*" || p.get<std::string>() == "AWS:*")) out.push_back("principal *");
  if (c.kind == SecurityKind::LambdaPermission) {
    if (c.condition.contains("SourceArn") && has_wildcard(c.condition["SourceArn"]))
      out.push_back("source ARN " + c.condition["SourceArn"].get<std::string>());
    bool service = !c.principals.empty() && c.principals.front().is_string() &&
                   c.principals.front().get<std::string>().find(".amazonaws.com") != std::string::npos;
    if (service && !c.condition.contains("SourceArn") && !c.condition.contains("SourceAccount"))
      out.push_back("no source ARN or account (any " + c.principals.front().get<std::string>() + " caller)");
  }
  return out;
}

}  // namespace

std::vector<SecurityChange> security_changes(const Json& old_resources, const Json& new_resources) {
  auto before = collect(old_resources);
  auto after = collect(new_resources);
  // Multiset difference on identity, keeping template order.
  std::map<std::string, int> old_count, new_count;
  for (const auto& f : before) ++old_count[f.identity];
  for (const auto& f : after) ++new_count[f.identity];
  // Wildcards each holder already granted: an added statement repeating one does not widen.
  std::map<std::string, std::set<std::string>> granted;
  for (const auto& f : before)
    for (auto& w : wildcards(f.change)) granted[f.change.resource].insert(w);

  std::vector<SecurityChange> out;
  for (auto& f : before)
    if (new_count[f.identity]-- <= 0) {
      f.change.change = ChangeKind::Removed;
      out.push_back(std::move(f.change));
    }
  for (auto& f : after)
    if (old_count[f.identity]-- <= 0) {
      f.change.change = ChangeKind::Added;
      for (auto& w : wildcards(f.change))
        if (!granted[f.change.resource].count(w)) f.change.widening.push_back(w);
      out.push_back(std::move(f.change));
    }
  return out;
}

}  // namespace formwork::diff
