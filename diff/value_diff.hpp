#pragma once

// Comparing two values of a template: nested objects key by key, lists element by element,
// matched by content or key first so that an insertion reads as one addition.

#include <string>
#include <vector>

#include "diff/diff_model.hpp"

namespace formwork::diff {

/// The comparable form of a template value (see `Json`): keys sorted, `Fn::GetAtt: "A.B"`
/// becomes `["A", "B"]`, `Fn::Sub: [text, {}]` becomes `text`.
[[nodiscard]] Json canonical(const nlohmann::ordered_json& value);

/// Equality as CloudFormation sees it: scalars are compared as the text they stand for
/// (`128` equals `"128"`, `true` equals `"true"`), as CloudFormation passes them on.
[[nodiscard]] bool same(const Json& a, const Json& b);

/// True for `{"Ref": …}` and `{"Fn::…": …}`: compared as one value, never key by key.
[[nodiscard]] bool is_intrinsic(const Json& value);

/// Appends the differences between `before` and `after` to `out`, each with `path` + its own.
void compare(const Json& before, const Json& after, std::vector<std::string>& path, std::vector<Change>& out);

/// Every leaf of a value as "path=value" text, sorted: for measuring how alike two values are.
[[nodiscard]] std::vector<std::string> leaves(const Json& value);

/// The share of leaves two sorted leaf lists have in common (1 when both are empty).
[[nodiscard]] double similarity(const std::vector<std::string>& a, const std::vector<std::string>& b);

/// A value on one line, intrinsics in short form (`!Ref X`, `!GetAtt A.B`, `!Sub '…'`),
/// cut to `max_length` characters with "…".
[[nodiscard]] std::string render_value(const Json& value, std::size_t max_length = 120);

}  // namespace formwork::diff
