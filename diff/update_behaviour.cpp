#include "diff/update_behaviour.hpp"

#include <algorithm>
#include <map>

namespace formwork::diff {
namespace {

const detail::TypeBehaviour* find_type(std::string_view type) {
  static const auto index = [] {
    std::map<std::string, const detail::TypeBehaviour*, std::less<>> out;
    for (const auto& entry : detail::update_behaviour_table()) out.emplace(entry.type, &entry);
    return out;
  }();
  auto found = index.find(type);
  return found == index.end() ? nullptr : found->second;
}

// "/properties/A/*/B" -> {"A", "*", "B"}
std::vector<std::string> schema_segments(std::string_view pointer) {
  constexpr std::string_view kPrefix = "/properties/";
  if (pointer.rfind(kPrefix, 0) == 0) pointer.remove_prefix(kPrefix.size());
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= pointer.size()) {
    auto end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    out.emplace_back(pointer.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A change at `path` (after "Properties") touches the schema property `segments` when one
// is a prefix of the other: changing Tags[1].Key touches /Tags/*/Key, and so does removing Tags.
bool touches(const std::vector<std::string>& path, const std::vector<std::string>& segments) {
  std::size_t n = std::min(path.size() - 1, segments.size());
  for (std::size_t k = 0; k < n; ++k) {
    const auto& step = path[k + 1];
    const auto& pattern = segments[k];
    bool index = !step.empty() && step.front() == '[';
    if (pattern == "*" ? !index : pattern != step) return false;
  }
  return true;
}

std::string display(const std::vector<std::string>& segments) {
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : (s == "*" ? "" : ".")) + (s == "*" ? "[*]" : s);
  return out;
}

void add_reason(ResourceDiff& resource, const std::string& reason) {
  if (std::find(resource.replacement_reasons.begin(), resource.replacement_reasons.end(), reason) ==
      resource.replacement_reasons.end())
    resource.replacement_reasons.push_back(reason);
}

}  // namespace

std::string update_behaviour_source() { return detail::kUpdateBehaviourSource; }

bool knows_type(std::string_view type) { return find_type(type) != nullptr; }

void classify_replacement(ResourceDiff& resource) {
  if (resource.kind != ChangeKind::Modified) return;
  auto raise = [&](Replacement level) {
    auto rank = [](Replacement r) {
      switch (r) {
        case Replacement::None: return 0;
        case Replacement::Unknown: return 1;
        case Replacement::MayReplace: return 2;
        case Replacement::Replaces: return 3;
      }
      return 0;
    };
    if (rank(level) > rank(resource.replacement)) resource.replacement = level;
  };
  if (!resource.renamed_from.empty()) {
    raise(Replacement::Replaces);
    add_reason(resource, "logical ID changed from " + resource.renamed_from);
  }
  if (!resource.old_type.empty() && resource.old_type != resource.type) {
    raise(Replacement::Replaces);
    add_reason(resource, "type changed from " + resource.old_type);
  }
  const auto* behaviour = find_type(resource.type);
  for (const auto& change : resource.changes) {
    if (change.path.empty() || change.path.front() != "Properties") continue;
    if (behaviour == nullptr) {
      raise(Replacement::Unknown);
      continue;
    }
    if (change.path.size() == 1) {  // the whole Properties block appeared or went
      auto present = [&](const char* pointer) {
        auto name = schema_segments(pointer).front();
        return (change.old_value && change.old_value->is_object() && change.old_value->contains(name)) ||
               (change.new_value && change.new_value->is_object() && change.new_value->contains(name));
      };
      for (const char* pointer : behaviour->create_only)
        if (present(pointer)) {
          raise(Replacement::Replaces);
          add_reason(resource, display(schema_segments(pointer)) + " is create-only");
        }
      continue;
    }
    for (const char* pointer : behaviour->create_only)
      if (touches(change.path, schema_segments(pointer))) {
        raise(Replacement::Replaces);
        add_reason(resource, display(schema_segments(pointer)) + " is create-only");
      }
    for (const char* pointer : behaviour->conditional_create_only)
      if (touches(change.path, schema_segments(pointer))) {
        raise(Replacement::MayReplace);
        add_reason(resource, display(schema_segments(pointer)) + " may require replacement");
      }
  }
  if (resource.replacement == Replacement::Unknown)
    add_reason(resource, "replacement unknown: " + resource.type + " is not in the update-behaviour data");
}

}  // namespace formwork::diff
