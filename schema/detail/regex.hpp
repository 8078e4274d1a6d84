#pragma once

#include <string>

namespace formwork::schema::detail {

/// Whether `pattern` (a registry schema pattern: Java-like, run by PCRE2 in UTF mode) finds a
/// match anywhere in `text`, as JSON Schema's `pattern` reads. Compiled patterns are cached.
/// A pattern PCRE2 cannot compile, or a text that is not UTF-8, counts as a match: the check
/// never reports what it cannot decide.
[[nodiscard]] bool pattern_matches(const std::string& pattern, const std::string& text);

/// Whether PCRE2 compiles the pattern (16 of the 2,361 patterns of the schemas it does not:
/// Java's \p{Graph}, surrogate ranges, `[\w-.]`).
[[nodiscard]] bool pattern_compiles(const std::string& pattern);

}  // namespace formwork::schema::detail
