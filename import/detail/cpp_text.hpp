#pragma once

// C++ text for generated code: literals, names, and expressions that break over lines only
// when they do not fit.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork::importer::detail {

/// A C++ string literal for `text`: escaped, or a raw string for text of several lines.
[[nodiscard]] std::string cpp_string(std::string_view text);
/// A C++ literal for a JSON number or boolean; a double always reads as a double (`1.0`).
[[nodiscard]] std::string cpp_scalar(const nlohmann::ordered_json& value);
/// `MyQueue` -> `my_queue`, `S3Bucket` -> `s3_bucket`; a C++ keyword gets a trailing `_`.
[[nodiscard]] std::string snake_name(std::string_view logical_id);

/// An expression: `head item, item tail`, written on one line when it fits and otherwise
/// with one item a line. `label` comes first (`.delay_seconds = `), `suffix` last.
struct Expr {
  std::string head;
  std::vector<Expr> items = {};
  std::string tail = {};
  std::string label = {};
  std::string suffix = {};
  bool braces = false;  ///< a braced list: a broken one ends every item with a comma

  [[nodiscard]] static Expr atom(std::string text) { return {.head = std::move(text)}; }
  [[nodiscard]] bool is_atom() const { return items.empty() && tail.empty(); }
};

/// `expr` at `indent` spaces (the first line's indent is the caller's).
[[nodiscard]] std::string render(const Expr& expr, std::size_t indent);

}  // namespace formwork::importer::detail
