#include "local/apigateway/selection_pattern.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <memory>
#include <stdexcept>

namespace formwork::local::apigateway {

bool selection_matches(std::string_view pattern, std::string_view text) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  // Java's Pattern.matches: anchored at both ends; UTF-8 text as Java strings are Unicode.
  std::unique_ptr<pcre2_code, decltype(&pcre2_code_free)> code(
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                    PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error, &offset, nullptr),
      &pcre2_code_free);
  if (!code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    throw std::invalid_argument("selection pattern '" + std::string(pattern) + "' does not compile at offset " +
                                std::to_string(offset) + ": " + reinterpret_cast<const char*>(message));
  }
  std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
      pcre2_match_data_create_from_pattern(code.get(), nullptr), &pcre2_match_data_free);
  const int rc = pcre2_match(code.get(), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, data.get(), nullptr);
  return rc >= 0;
}

}  // namespace formwork::local::apigateway
