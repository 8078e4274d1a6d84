#include "constructs/iam/policy_statement.hpp"

#include <algorithm>

namespace formwork::iam {

namespace {

std::vector<std::string> sorted_unique(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

bool same_principals(const std::vector<Principal>& a, const std::vector<Principal>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].type != b[i].type || !(a[i].id == b[i].id)) return false;
  return true;
}

bool same_except_actions(const PolicyStatement& a, const PolicyStatement& b) {
  return a.effect == b.effect && a.sid == b.sid && a.resources == b.resources &&
         same_principals(a.principals, b.principals) && a.conditions == b.conditions;
}

bool same_except_resources(const PolicyStatement& a, const PolicyStatement& b) {
  return a.effect == b.effect && a.sid == b.sid && sorted_unique(a.actions) == sorted_unique(b.actions) &&
         same_principals(a.principals, b.principals) && a.conditions == b.conditions;
}

void append_unique(std::vector<Value>& to, const std::vector<Value>& from) {
  for (const auto& v : from)
    if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
}

}  // namespace

Value PolicyStatement::to_value() const {
  Value::Map out;
  if (!sid.empty()) out.emplace_back("Sid", sid);
  out.emplace_back("Effect", effect == Effect::Allow ? "Allow" : "Deny");
  if (!principals.empty()) {
    Value::Map by_type;
    for (const auto& p : principals) {
      const Value* existing = find_entry(by_type, p.type);
      if (existing == nullptr) {
        set_entry(by_type, p.type, p.id);
      } else if (const auto* list = existing->get_if<Value::List>()) {
        Value::List items = *list;
        items.push_back(p.id);
        set_entry(by_type, p.type, std::move(items));
      } else {
        set_entry(by_type, p.type, Value::List{*existing, p.id});
      }
    }
    out.emplace_back("Principal", std::move(by_type));
  }
  auto actions_sorted = sorted_unique(actions);
  if (actions_sorted.size() == 1) {
    out.emplace_back("Action", actions_sorted.front());
  } else {
    Value::List list(actions_sorted.begin(), actions_sorted.end());
    out.emplace_back("Action", std::move(list));
  }
  if (resources.size() == 1) out.emplace_back("Resource", resources.front());
  else if (!resources.empty()) out.emplace_back("Resource", Value::List(resources.begin(), resources.end()));
  if (!conditions.empty()) out.emplace_back("Condition", conditions);
  return out;
}

std::vector<PolicyStatement> merge_statements(const std::vector<PolicyStatement>& statements) {
  std::vector<PolicyStatement> by_resources;
  for (const auto& s : statements) {
    auto it = std::find_if(by_resources.begin(), by_resources.end(),
                           [&](const PolicyStatement& m) { return same_except_actions(m, s); });
    if (it == by_resources.end()) {
      by_resources.push_back(s);
    } else {
      it->actions.insert(it->actions.end(), s.actions.begin(), s.actions.end());
      it->actions = sorted_unique(it->actions);
    }
  }
  std::vector<PolicyStatement> merged;
  for (const auto& s : by_resources) {
    auto it = std::find_if(merged.begin(), merged.end(),
                           [&](const PolicyStatement& m) { return same_except_resources(m, s); });
    if (it == merged.end()) merged.push_back(s);
    else append_unique(it->resources, s.resources);
  }
  return merged;
}

Value policy_document(const std::vector<PolicyStatement>& statements) {
  Value::List list;
  for (const auto& s : merge_statements(statements)) list.push_back(s.to_value());
  return Value::Map{{"Version", "2012-10-17"}, {"Statement", std::move(list)}};
}

}  // namespace formwork::iam
