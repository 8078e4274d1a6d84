#pragma once

// What the fuzz targets share: the input as a template, read as formwork reads any file.
// InputError is the reader's answer to bad input (exit 2 in the CLI); anything else that
// escapes — another exception, a crash, a sanitizer report, a hang — is a finding.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "constructs/core/errors.hpp"
#include "constructs/core/template_reader.hpp"

namespace formwork::fuzz {

inline std::optional<TemplateFile> read(std::string_view text, const char* name) {
  try {
    return parse_template(text, name);
  } catch (const InputError&) {
    return std::nullopt;
  }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace formwork::fuzz
