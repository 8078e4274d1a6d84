#pragma once

// Internals of the template reader (constructs/core/template_reader.cpp): its limits, the
// YAML 1.1 scalar rules and the JSON reader. Not part of the public API.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace formwork::detail {

/// Limits that keep a hostile file from taking unbounded time, memory or stack. A real
/// template is at most 1 MB (CloudFormation's limit through S3) and a few levels deep.
struct ReaderLimits {
  /// A file larger than this is refused before it is read.
  static constexpr std::size_t max_bytes = 64UL << 20;  // 64 MiB
  /// Mappings and sequences nested deeper than this are refused.
  static constexpr int max_depth = 100;
  /// Values a YAML file may expand to through aliases, beyond one per byte of the file.
  static constexpr std::size_t alias_allowance = 100'000;
};

/// The value of a plain YAML scalar under YAML 1.1 rules (PyYAML's resolver, as
/// CloudFormation and cfn-lint read it), or an error message when the scalar looks like
/// a number that no number type holds (`0x_`, `1.0e+99999`, `0x10000000000000000`).
struct ScalarResult {
  nlohmann::ordered_json value;
  std::optional<std::string> error;
};
[[nodiscard]] ScalarResult resolve_plain_scalar(const std::string& text);

/// Offset of the first byte that is not well-formed UTF-8, or npos.
[[nodiscard]] std::size_t invalid_utf8_offset(std::string_view text);

/// Offset of the first character YAML does not allow in a stream (a control character
/// other than tab and line breaks, U+FFFE, U+FFFF), or npos: PyYAML's rule, and so
/// cfn-lint's. The text must be UTF-8; `found`, when given, receives the character.
[[nodiscard]] std::size_t unprintable_offset(std::string_view text, char32_t* found = nullptr);

/// A scalar's text as yaml-cpp read it, made UTF-8 (yaml-cpp writes `\\N` and `\\_` as
/// bare bytes).
[[nodiscard]] std::string yaml_scalar_text(std::string text);

/// 1-based line and column of a byte offset.
[[nodiscard]] std::pair<int, int> position_of(std::string_view text, std::size_t offset);

/// Reads JSON in one linear pass, recording the line of each value by JSON pointer, and
/// refusing duplicate keys and nesting deeper than ReaderLimits::max_depth.
/// Throws InputError with `path:line:column`.
[[nodiscard]] nlohmann::ordered_json read_json(std::string_view text, const std::string& path,
                                               std::map<std::string, int>& lines);

}  // namespace formwork::detail
