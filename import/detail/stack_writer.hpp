#pragma once

// The constructor body of an imported stack: every parameter, mapping, condition, resource and
// output of the template as one statement each, in an order where a variable exists before
// its use.

#include <string>
#include <string_view>
#include <vector>

#include "constructs/core/template_reader.hpp"

namespace formwork::importer::detail {

struct StackCode {
  std::vector<std::string> includes;  ///< `constructs/cfn/sqs.generated.hpp`, sorted
  std::string body;                   ///< the statements, indented by two spaces
  std::vector<std::string> warnings;  ///< `file:line: …`
  int typed = 0;
  int generic = 0;
};

/// Throws InputError for a template that cannot become a stack (see import.hpp).
/// `text` is the template's text, for its comments (none when empty).
[[nodiscard]] StackCode write_stack(const TemplateFile& file, std::string_view text);

/// The YAML comment lines right above the line of `key`, whose value starts on `line`
/// (1-based), and the comment after the key, without their `#`, in order.
[[nodiscard]] std::vector<std::string> comments_at(const std::vector<std::string>& lines, int line,
                                                   const std::string& key);

}  // namespace formwork::importer::detail
