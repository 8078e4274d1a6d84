#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace formwork {

/// Options for turning a template document into YAML text.
struct YamlOptions {
  /// Lines written as `# …` comments at the top of the file.
  /// Default: none.
  std::vector<std::string> header = {};
  /// One-line comment written above each resource, keyed by logical ID.
  /// Default: none.
  std::map<std::string, std::string> resource_comments = {};
};

/// Writes a CloudFormation template (long form JSON) as YAML a person would write:
/// block style, indent 2, short-form intrinsic tags (`!Ref`, `!GetAtt A.B`, `!Sub`),
/// strings quoted only where YAML 1.1 would read them as something else, multi-line
/// strings as literal blocks. The same input always gives the same bytes.
[[nodiscard]] std::string to_yaml(const nlohmann::ordered_json& document, const YamlOptions& options = {});

/// Writes the same document as JSON with long-form intrinsics, indent 2, a final newline.
[[nodiscard]] std::string to_json_text(const nlohmann::ordered_json& document);

}  // namespace formwork
