#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "constructs/core/errors.hpp"

namespace formwork {

/// A CloudFormation template read from YAML or JSON, in long form
/// (`!Ref X` becomes `{"Ref": "X"}`, `!GetAtt A.B` becomes `{"Fn::GetAtt": ["A", "B"]}`),
/// with the line each value starts on, so that findings can point at `file:line`.
struct TemplateFile {
  std::string path;                  ///< as given by the caller, used in messages
  nlohmann::ordered_json document;   ///< the template in long form
  std::map<std::string, int> lines;  ///< JSON pointer ("/Resources/Fn/Properties") -> 1-based line

  /// The line of the value at `pointer`, or of its nearest ancestor that has one; 0 if none.
  [[nodiscard]] int line_of(std::string_view pointer) const;
};

/// Parses template text. YAML is read with YAML 1.1 scalar rules, as CloudFormation and
/// PyYAML read it (`yes` is a boolean, `012` an octal integer, quoted scalars are strings).
/// JSON is YAML, so both go through the same parser. Throws InputError with
/// `path:line:column` for malformed input or a template that is not a mapping.
[[nodiscard]] TemplateFile parse_template(std::string_view text, std::string path);

/// Reads and parses a template file. Throws InputError when it cannot be read or parsed.
[[nodiscard]] TemplateFile read_template(const std::string& path);

/// Escapes a key for use in a JSON pointer ("~" -> "~0", "/" -> "~1").
[[nodiscard]] std::string json_pointer_escape(std::string_view key);

}  // namespace formwork
