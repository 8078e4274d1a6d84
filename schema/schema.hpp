#pragma once

// Checks of resource properties against the CloudFormation registry schemas that cfn-lint
// bundles (the same schemas the typed L1 constructs come from; scripts/generate_l1.py writes
// the data). Linking formwork (the `formwork` CMake target) installs them into synthesis:
// every resource, typed or a generic CfnResource, is checked, and synthesis lists every
// problem, one line each, and writes nothing. docs/l1.md, "How the checks read".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace formwork::schema {

/// Whether the data has a schema for this resource type.
[[nodiscard]] bool known_type(std::string_view type);

/// How many resource types the data has.
[[nodiscard]] std::size_t type_count();

/// The problems of a resource's properties, given as JSON text (the `Properties` of a
/// template, intrinsics in long form), one line each: `Properties.Path: message`. Empty for
/// a type outside the data. Throws std::invalid_argument when the text is not JSON.
[[nodiscard]] std::vector<std::string> check_properties(std::string_view type, std::string_view properties_json);

/// Makes synthesis run the checks (done by a static initializer of this library; calling it
/// again does nothing).
void install();

}  // namespace formwork::schema
