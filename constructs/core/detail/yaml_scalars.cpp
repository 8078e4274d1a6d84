// YAML 1.1 plain scalars (PyYAML's resolver), the rules CloudFormation and cfn-lint apply:
// `yes` is true, `012` is 10, `1e3` stays a string. Numbers no type holds are errors.
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <regex>

#include "constructs/core/detail/template_reading.hpp"

namespace formwork::detail {
namespace {

using nlohmann::ordered_json;

const std::regex& bool_pattern() {
  static const std::regex re("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  return re;
}
const std::regex& int_pattern() {
  static const std::regex re(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  return re;
}
const std::regex& float_pattern() {
  static const std::regex re(
      "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?|"
      "[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
  return re;
}

std::string without_underscores(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != '_') out += c;
  return out;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Integers are read digit by digit into unsigned 64 bits, so that no value overflows
// unnoticed; anything outside int64 (or uint64 for positive values) is an error.
ScalarResult resolve_int(const std::string& text) {
  std::string s = without_underscores(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.erase(0, 1);
  }
  const auto out_of_range = [&] {
    return ScalarResult{nullptr, "integer '" + text + "' is out of range (-9223372036854775808 to 18446744073709551615)"};
  };
  std::uint64_t value = 0;
  auto accumulate = [&](std::string_view digits, unsigned base) {
    for (char c : digits) {
      const auto d = static_cast<std::uint64_t>(digit_value(c));
      if (value > (UINT64_MAX - d) / base) return false;
      value = value * base + d;
    }
    return true;
  };
  bool fits = true;
  if (s.rfind("0b", 0) == 0 || s.rfind("0x", 0) == 0) {
    if (s.size() == 2) return {nullptr, "'" + text + "' is not a number: no digits after '" + s.substr(0, 2) + "'"};
    fits = accumulate(std::string_view(s).substr(2), s[1] == 'b' ? 2 : 16);
  } else if (s.find(':') != std::string::npos) {  // sexagesimal, 190:20:30
    std::size_t start = 0;
    while (fits) {
      const auto colon = s.find(':', start);
      const std::string part = s.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (value > UINT64_MAX / 60) fits = false;
      else {
        value *= 60;
        std::uint64_t before = value;
        value = 0;
        fits = accumulate(part, 10) && value <= UINT64_MAX - before;
        value += before;
      }
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  } else if (s.size() > 1 && s[0] == '0') {
    fits = accumulate(std::string_view(s).substr(1), 8);
  } else {
    fits = accumulate(s, 10);
  }
  if (!fits) return out_of_range();
  if (negative) {
    if (value > static_cast<std::uint64_t>(INT64_MAX) + 1) return out_of_range();
    if (value == static_cast<std::uint64_t>(INT64_MAX) + 1) return {INT64_MIN, {}};
    return {-static_cast<std::int64_t>(value), {}};
  }
  if (value <= static_cast<std::uint64_t>(INT64_MAX)) return {static_cast<std::int64_t>(value), {}};
  return {value, {}};
}

ScalarResult resolve_float(const std::string& text) {
  std::string s = without_underscores(text);
  if (s.find("inf") != std::string::npos || s.find("Inf") != std::string::npos ||
      s.find("INF") != std::string::npos)
    return {s[0] == '-' ? -HUGE_VAL : HUGE_VAL, {}};
  if (s.find("nan") != std::string::npos || s.find("NaN") != std::string::npos ||
      s.find("NAN") != std::string::npos)
    return {std::nan(""), {}};
  const auto out_of_range = [&] {
    return ScalarResult{nullptr, "number '" + text + "' is out of range of a double (about 1.8e308)"};
  };
  if (s.find(':') != std::string::npos) {
    bool negative = s[0] == '-';
    if (s[0] == '-' || s[0] == '+') s.erase(0, 1);
    double value = 0;
    std::size_t start = 0;
    while (true) {
      const auto colon = s.find(':', start);
      const std::string part = s.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      value = value * 60 + std::strtod(part.c_str(), nullptr);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    if (!std::isfinite(value)) return out_of_range();
    return {negative ? -value : value, {}};
  }
  errno = 0;
  const double value = std::strtod(s.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(value)) return out_of_range();
  return {value, {}};
}

}  // namespace

ScalarResult resolve_plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return {nullptr, {}};
  // Every YAML 1.1 bool, int or float is under 100 characters in practice; longer scalars
  // are strings, and the regexes (which recurse per character) never see them.
  if (s.size() > 100) return {s, {}};
  if (std::regex_match(s, bool_pattern())) {
    char c = s[0];
    return {c == 'y' || c == 'Y' || c == 't' || c == 'T' || s == "on" || s == "On" || s == "ON", {}};
  }
  if (std::regex_match(s, int_pattern())) return resolve_int(s);
  if (std::regex_match(s, float_pattern())) return resolve_float(s);
  return {s, {}};
}

std::size_t invalid_utf8_offset(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // no overlong forms
      if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;  // nothing past U+10FFFF
    } else {
      return i;
    }
    if (i + length > n || p[i + 1] < low || p[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::size_t unprintable_offset(std::string_view text, char32_t* found) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = p[i];
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t code = length == 1 ? c : c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (p[i + k] & 0x3F);
    const bool printable = code == 0x09 || code == 0x0A || code == 0x0D || (code >= 0x20 && code <= 0x7E) ||
                           code == 0x85 || (code >= 0xA0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD) ||
                           code >= 0x10000;
    if (!printable) {
      if (found) *found = code;
      return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

std::string yaml_scalar_text(std::string text) {
  // yaml-cpp writes the escapes \N and \_ as the single bytes 0x85 and 0xA0 rather than as
  // U+0085 and U+00A0 in UTF-8. The file itself was checked to be UTF-8, so a byte that is
  // not comes from one of those escapes; anything else is replaced by U+FFFD.
  for (std::size_t at = invalid_utf8_offset(text); at != std::string_view::npos;) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte == 0x85 || byte == 0xA0) {
      text.insert(at, 1, '\xC2');
      at += 2;
    } else {
      text.replace(at, 1, "\xEF\xBF\xBD");
      at += 3;
    }
    const std::size_t next = invalid_utf8_offset(std::string_view(text).substr(at));
    at = next == std::string_view::npos ? next : at + next;
  }
  return text;
}

std::pair<int, int> position_of(std::string_view text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace formwork::detail
