#include "constructs/core/detail/resource_checks.hpp"

#include <algorithm>
#include <mutex>

#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"

namespace formwork::detail {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<ResourceCheck> checks;
  TagLookup tags = nullptr;
};

// A function-local static: registrations run from other libraries' static initializers.
Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void add_resource_check(ResourceCheck check) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  if (std::find(r.checks.begin(), r.checks.end(), check) == r.checks.end()) r.checks.push_back(check);
}

void set_tag_lookup(TagLookup lookup) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.tags = lookup;
}

TagSlot tag_slot(std::string_view type) {
  TagLookup lookup = nullptr;
  {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    lookup = r.tags;
  }
  return lookup != nullptr ? lookup(type) : TagSlot{};
}

std::vector<std::string> resource_check_problems(const SynthesizedStack& stack) {
  std::vector<ResourceCheck> checks;
  {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    checks = r.checks;
  }
  std::vector<std::string> problems;
  auto resources = stack.document.find("Resources");
  if (checks.empty() || resources == stack.document.end() || !resources->is_object()) return problems;
  static const nlohmann::ordered_json kNoProperties = nlohmann::ordered_json::object();
  const std::string prefix = stack.stack ? stack.stack->node().path() : stack.name;
  for (auto it = resources->begin(); it != resources->end(); ++it) {
    if (!it->is_object() || !it->contains("Type") || !(*it)["Type"].is_string()) continue;
    const std::string& type = (*it)["Type"].get_ref<const std::string&>();
    auto properties = it->find("Properties");
    const auto& props = properties == it->end() ? kNoProperties : *properties;
    auto path = stack.construct_paths.find(it.key());
    const std::string where = prefix + "/" + (path != stack.construct_paths.end() ? path->second : it.key());
    for (ResourceCheck check : checks)
      for (const auto& line : check(type, props)) problems.push_back("[" + where + "] " + type + " " + line);
  }
  return problems;
}

}  // namespace formwork::detail
