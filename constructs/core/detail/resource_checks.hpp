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

/// Every registered check on every resource of the stack: `[construct path] Type Properties.Path: message`.
[[nodiscard]] std::vector<std::string> resource_check_problems(const SynthesizedStack& stack);

}  // namespace formwork::detail
