#include "diff/format.hpp"

#include "diff/value_diff.hpp"

namespace formwork::diff {
namespace {

std::string join(const std::vector<Json>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + render_value(v, 80);
  return out;
}

}  // namespace

const char* marker(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added: return "+";
    case ChangeKind::Removed: return "-";
    case ChangeKind::Modified: return "~";
  }
  return "~";
}

std::string element_noun(const std::string& section) {
  if (section == "Template") return "template entry";
  std::string out = section.substr(0, section.size() - 1);  // Outputs -> Output
  out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

std::string holder(const SecurityChange& change) {
  if (change.kind == SecurityKind::LambdaPermission) return "Lambda permission " + change.resource;
  std::string out = "IAM statement in " + change.resource;
  if (!change.location.empty()) out += " (" + change.location + ")";
  return out;
}

std::string describe(const SecurityChange& c) {
  std::string out = c.effect;
  if (c.kind == SecurityKind::LambdaPermission) {
    out += " " + (c.principals.empty() ? std::string("?") : join(c.principals)) + " to " + join(c.actions) + " on " +
           (c.resources.empty() ? std::string("?") : join(c.resources));
    std::string conditions;
    for (auto it = c.condition.begin(); it != c.condition.end(); ++it)
      conditions += (conditions.empty() ? "" : ", ") + it.key() + " " + render_value(it.value(), 80);
    return conditions.empty() ? out : out + " when " + conditions;
  }
  out += (c.not_action ? " all but " : " ") + (c.actions.empty() ? std::string("(no action)") : join(c.actions));
  if (!c.resources.empty()) out += " on " + join(c.resources);
  if (!c.principals.empty()) out += " for " + join(c.principals);
  if (!c.condition.is_null() && !c.condition.empty()) out += " when " + render_value(c.condition, 100);
  return out;
}

}  // namespace formwork::diff
