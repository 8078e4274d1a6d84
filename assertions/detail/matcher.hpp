#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assertions/template.hpp"

namespace formwork::assertions::detail {

/// Matches `actual` (nullptr: the key is absent) against `pattern`. `partial`: literal objects
/// may have extra keys. Appends one line per difference ("/Runtime: expected …, got …") to
/// `failures`, each prefixed with `path` (a JSON pointer).
void match(const Match& pattern, const nlohmann::ordered_json* actual, bool partial, const std::string& path,
           std::vector<std::string>& failures);

/// The differences of `actual` from `pattern`, matched partially; empty when it matches.
[[nodiscard]] std::vector<std::string> differences(const Match& pattern, const nlohmann::ordered_json* actual);

}  // namespace formwork::assertions::detail
