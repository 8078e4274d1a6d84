#include "diff/diff_engine.hpp"
#include "diff/format.hpp"
#include "diff/update_behaviour.hpp"

namespace formwork::diff {
namespace {

using Out = nlohmann::ordered_json;

Out summary_json(const Summary& s) {
  return Out{{"add", s.add},         {"change", s.change},     {"replace", s.replace},
             {"may_replace", s.may_replace}, {"replacement_unknown", s.unknown}, {"remove", s.remove},
             {"other", s.other},     {"security", s.security}, {"widening", s.widening},
             {"text", s.text()}};
}

Out change_json(const Change& c) {
  Out out{{"change", to_string(c.kind)}, {"path", c.path_text()}, {"display_path", display_path(c)}};
  if (c.old_value) out["old"] = *c.old_value;
  if (c.new_value) out["new"] = *c.new_value;
  return out;
}

Out changes_json(const std::vector<Change>& changes) {
  Out out = Out::array();
  for (const auto& c : changes) out.push_back(change_json(c));
  return out;
}

Out resource_json(const ResourceDiff& r) {
  Out out{{"logical_id", r.logical_id}, {"type", r.type}, {"change", to_string(r.kind)}};
  if (!r.old_type.empty() && r.old_type != r.type) out["old_type"] = r.old_type;
  if (!r.renamed_from.empty()) out["renamed_from"] = r.renamed_from;
  if (r.kind == ChangeKind::Modified) {
    out["replacement"] = to_string(r.replacement);
    out["replacement_reasons"] = r.replacement_reasons;
    out["changes"] = changes_json(r.changes);
  }
  return out;
}

Out security_json(const SecurityChange& c) {
  Out out{{"kind", c.kind == SecurityKind::IamStatement ? "iam-statement" : "lambda-permission"},
          {"change", to_string(c.change)},
          {"resource", c.resource},
          {"resource_type", c.resource_type}};
  if (c.kind == SecurityKind::IamStatement) out["location"] = c.location;
  out["effect"] = c.effect;
  if (c.not_action) out["not_action"] = true;
  out["actions"] = c.actions;
  out["resources"] = c.resources;
  out["principals"] = c.principals;
  out["condition"] = c.condition.is_null() ? Out::object() : Out(c.condition);
  out["widening"] = c.widening;
  return out;
}

}  // namespace

std::string format_json(const DiffResult& result) {
  Out out{{"summary", summary_json(result.summary())},
          {"has_differences", result.has_differences()},
          {"update_behaviour_source", update_behaviour_source()},
          {"stacks", Out::array()}};
  for (const auto& stack : result.stacks) {
    const char* status = stack.status() == StackStatus::New       ? "new"
                         : stack.status() == StackStatus::Changed ? "changed"
                                                                  : "unchanged";
    Out s{{"name", stack.name}, {"status", status}, {"old_source", stack.old_source},
          {"new_source", stack.new_source}, {"summary", summary_json(stack.summary())}};
    s["resources"] = Out::array();
    for (const auto& r : stack.resources) s["resources"].push_back(resource_json(r));
    for (const char* section : {"Parameters", "Outputs", "Conditions", "Mappings", "Template"}) {
      std::string key = section;
      key[0] = static_cast<char>(key[0] - 'A' + 'a');
      s[key] = Out::array();
      for (const auto& e : stack.elements) {
        if (e.section != section) continue;
        Out element{{"name", e.name}, {"change", to_string(e.kind)}};
        if (e.old_value) element["old"] = *e.old_value;
        if (e.new_value) element["new"] = *e.new_value;
        if (e.kind == ChangeKind::Modified) element["changes"] = changes_json(e.changes);
        s[key].push_back(std::move(element));
      }
    }
    s["security"] = Out::array();
    for (const auto& c : stack.security) s["security"].push_back(security_json(c));
    out["stacks"].push_back(std::move(s));
  }
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace formwork::diff
