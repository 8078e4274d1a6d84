#pragma once

// The order the C++ declares a section's elements in: the template's, except that an element
// comes after those it refers to (a variable exists before its use).

#include <map>
#include <string>
#include <vector>

#include "constructs/core/template_reader.hpp"
#include "import/detail/values.hpp"

namespace formwork::importer::detail {

/// `/Resources/Queue`: the JSON pointer of an element, for TemplateFile::line_of.
[[nodiscard]] std::string element_pointer(const char* section_name, const std::string& id);

/// The IDs of `entries` (a section of the template) in template order, each moved after the
/// elements of `names` it refers to with Ref, GetAtt or DependsOn (with Condition and Fn::If
/// when `conditions`). Throws InputError naming the first element of a cycle by file:line.
[[nodiscard]] std::vector<std::string> ordered(const TemplateFile& file, const char* section_name, const Json& entries,
                                               const std::map<std::string, Element>& names, bool conditions);

}  // namespace formwork::importer::detail
