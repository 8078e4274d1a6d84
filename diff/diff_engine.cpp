#include "diff/diff_engine.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "diff/security.hpp"
#include "diff/update_behaviour.hpp"
#include "diff/value_diff.hpp"

namespace formwork::diff {
namespace {

constexpr const char* kSections[] = {"Parameters", "Mappings", "Conditions", "Outputs"};

const Json& section(const Json& document, const char* name) {
  static const Json kEmpty = Json::object();
  auto found = document.find(name);
  return found != document.end() && found->is_object() ? *found : kEmpty;
}

// A resource as compared: without its Type (compared on its own), DependsOn as a sorted set.
Json comparable(const Json& resource) {
  if (!resource.is_object()) return resource;
  Json out = resource;
  out.erase("Type");
  if (auto found = out.find("DependsOn"); found != out.end()) {
    std::set<std::string> names;
    for (const auto& n : found->is_array() ? *found : Json::array({*found}))
      if (n.is_string()) names.insert(n.get<std::string>());
    *found = Json(names);
  }
  return out;
}

std::string type_of(const Json& resource) {
  auto found = resource.find("Type");
  return resource.is_object() && found != resource.end() && found->is_string() ? found->get<std::string>() : "";
}

const Json& properties_of(const Json& resource) {
  static const Json kEmpty = Json::object();
  auto found = resource.find("Properties");
  return resource.is_object() && found != resource.end() ? *found : kEmpty;
}

void diff_elements(const char* name, const Json& before, const Json& after, std::vector<ElementDiff>& out) {
  for (auto it = before.begin(); it != before.end(); ++it) {
    auto found = after.find(it.key());
    if (found == after.end()) {
      out.push_back({.section = name, .name = it.key(), .kind = ChangeKind::Removed, .old_value = it.value()});
    } else if (!same(it.value(), *found)) {
      ElementDiff element{.section = name, .name = it.key(), .kind = ChangeKind::Modified,
                          .old_value = it.value(), .new_value = *found};
      std::vector<std::string> path;
      compare(it.value(), *found, path, element.changes);
      out.push_back(std::move(element));
    }
  }
  for (auto it = after.begin(); it != after.end(); ++it)
    if (!before.contains(it.key()))
      out.push_back({.section = name, .name = it.key(), .kind = ChangeKind::Added, .new_value = it.value()});
}

// Top-level entries other than the sections (Description, Transform, Metadata, …).
Json top_level(const Json& document) {
  Json out = Json::object();
  for (auto it = document.begin(); it != document.end(); ++it) {
    bool known = it.key() == "Resources";
    for (const char* s : kSections) known = known || it.key() == s;
    if (!known) out[it.key()] = it.value();
  }
  return out;
}

ResourceDiff modified(const std::string& id, const std::string& old_id, const Json& before, const Json& after) {
  ResourceDiff resource{.logical_id = id, .type = type_of(after), .old_type = type_of(before),
                        .kind = ChangeKind::Modified};
  if (old_id != id) resource.renamed_from = old_id;
  std::vector<std::string> path;
  compare(comparable(before), comparable(after), path, resource.changes);
  classify_replacement(resource);
  return resource;
}

// Pairs removed and added resources of one type that are alike enough to be one resource
// under a new logical ID. Returns (old, new) pairs.
std::vector<std::pair<std::string, std::string>> find_renames(const Json& before, const Json& after,
                                                              const std::vector<std::string>& removed,
                                                              const std::vector<std::string>& added,
                                                              double threshold) {
  std::vector<std::pair<std::string, std::string>> out;
  if (threshold > 1.0) return out;
  std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> by_type;
  for (const auto& id : removed) by_type[type_of(before[id])].first.push_back(id);
  for (const auto& id : added) by_type[type_of(after[id])].second.push_back(id);
  constexpr std::size_t kMaxPairs = 250'000;  // beyond this, renames are not looked for
  for (auto& [type, sides] : by_type) {
    auto& [olds, news] = sides;
    if (olds.empty() || news.empty() || olds.size() * news.size() > kMaxPairs) continue;
    std::vector<std::vector<std::string>> old_leaves, new_leaves;
    for (const auto& id : olds) old_leaves.push_back(leaves(properties_of(before[id])));
    for (const auto& id : news) new_leaves.push_back(leaves(properties_of(after[id])));
    struct Candidate {
      double score;
      std::size_t i, j;
    };
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < olds.size(); ++i)
      for (std::size_t j = 0; j < news.size(); ++j)
        if (double score = similarity(old_leaves[i], new_leaves[j]); score >= threshold)
          candidates.push_back({score, i, j});
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    std::vector<bool> old_used(olds.size()), new_used(news.size());
    for (const auto& c : candidates) {
      if (old_used[c.i] || new_used[c.j]) continue;
      old_used[c.i] = new_used[c.j] = true;
      out.emplace_back(olds[c.i], news[c.j]);
    }
  }
  return out;
}

}  // namespace

StackDiff diff_templates(std::string name, const nlohmann::ordered_json* before_doc,
                         const nlohmann::ordered_json* after_doc, const DiffOptions& options) {
  StackDiff out{.name = std::move(name), .new_stack = before_doc == nullptr};
  const Json before = before_doc ? canonical(*before_doc) : Json::object();
  const Json after = after_doc ? canonical(*after_doc) : Json::object();
  const Json& old_resources = section(before, "Resources");
  const Json& new_resources = section(after, "Resources");

  // Template order for reading: the new template's resources, then the removed ones.
  std::vector<std::string> removed, added;
  auto order = [](const nlohmann::ordered_json* doc) {
    std::vector<std::string> ids;
    if (doc && doc->contains("Resources") && (*doc)["Resources"].is_object())
      for (const auto& item : (*doc)["Resources"].items()) ids.push_back(item.key());
    return ids;
  };
  auto new_order = order(after_doc);
  auto old_order = order(before_doc);
  for (const auto& id : new_order)
    if (!old_resources.contains(id)) added.push_back(id);
  for (const auto& id : old_order)
    if (!new_resources.contains(id)) removed.push_back(id);
  std::map<std::string, std::string> renamed_from;  // new ID -> old ID
  std::set<std::string> renamed_old;
  if (before_doc && after_doc)
    for (auto& [old_id, new_id] : find_renames(old_resources, new_resources, removed, added, options.rename_similarity)) {
      renamed_from[new_id] = old_id;
      renamed_old.insert(old_id);
    }

  for (const auto& id : new_order) {
    const Json& resource = new_resources[id];
    if (auto rename = renamed_from.find(id); rename != renamed_from.end()) {
      out.resources.push_back(modified(id, rename->second, old_resources[rename->second], resource));
    } else if (!old_resources.contains(id)) {
      out.resources.push_back({.logical_id = id, .type = type_of(resource), .kind = ChangeKind::Added});
    } else if (!same(old_resources[id], resource)) {
      auto diff = modified(id, id, old_resources[id], resource);
      if (!diff.changes.empty() || diff.type != diff.old_type) out.resources.push_back(std::move(diff));
    }
  }
  for (const auto& id : removed)
    if (!renamed_old.count(id))
      out.resources.push_back({.logical_id = id, .type = type_of(old_resources[id]), .kind = ChangeKind::Removed});

  for (const char* key : kSections) diff_elements(key, section(before, key), section(after, key), out.elements);
  diff_elements("Template", top_level(before), top_level(after), out.elements);
  out.security = security_changes(old_resources, new_resources);
  return out;
}

std::string display_path(const Change& change) {
  std::size_t start = !change.path.empty() && change.path.front() == "Properties" && change.path.size() > 1 ? 1 : 0;
  std::string out;
  for (std::size_t k = start; k < change.path.size(); ++k) {
    const auto& s = change.path[k];
    out += (out.empty() || s.front() == '[' ? "" : ".") + s;
  }
  return out;
}

}  // namespace formwork::diff
