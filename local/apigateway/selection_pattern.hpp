#pragma once

// API Gateway's selectionPattern: a Java regular expression (java.util.regex.Pattern) that
// must match the WHOLE text (Pattern.matches): Lambda's errorMessage, or an HTTP/MOCK
// integration's status code. Run with PCRE2, whose syntax is Java's for what patterns use;
// like Java without flags, `.` does not match a line break.

#include <string>
#include <string_view>

namespace formwork::local::apigateway {

/// True when `pattern` matches all of `text`. Throws std::invalid_argument naming the pattern
/// and the offset for a pattern that does not compile.
[[nodiscard]] bool selection_matches(std::string_view pattern, std::string_view text);

}  // namespace formwork::local::apigateway
