#pragma once

// The hook through which a library that knows resource types (schema/: the registry schemas)
// checks every resource at synthesis; core itself knows no AWS service.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork {
struct SynthesizedStack;
}

namespace formwork::detail {

/// Checks one resource's rendered properties (tokens as `{"Ref": …}`, `{"Fn::…": …}`), given
/// its type, and returns one line a problem, `Properties.Path: message`; empty when all is
/// well or the type is unknown to it.
using ResourceCheck = std::vector<std::string> (*)(std::string_view type, const nlohmann::ordered_json& properties);

/// Adds a check that synthesis runs on every resource (a second call with the same function
/// adds nothing). Meant for static initializers: safe before main.
void add_resource_check(ResourceCheck check);

/// Where a resource type keeps the tags `Tags::of(scope)` gives it: the property, and its
/// shape (`[{Key, Value}]` or `{key: value}`); `None` when the type takes no such tags.
enum class TagShape { None, KeyValueList, Map };
struct TagSlot {
  std::string_view property = {};
  TagShape shape = TagShape::None;
};
using TagLookup = TagSlot (*)(std::string_view type);

/// Installs the lookup (the schema library's, from the registry schemas' `tagging`).
/// Meant for static initializers: safe before main.
void set_tag_lookup(TagLookup lookup);

/// The installed lookup's answer; `None` when no lookup is installed.
[[nodiscard]] TagSlot tag_slot(std::string_view type);

/// Every registered check on every resource of the stack: `[construct path] Type Properties.Path: message`.
[[nodiscard]] std::vector<std::string> resource_check_problems(const SynthesizedStack& stack);

}  // namespace formwork::detail
