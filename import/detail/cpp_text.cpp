#include "import/detail/cpp_text.hpp"

#include <array>
#include <cctype>

namespace formwork::importer::detail {
namespace {

constexpr std::size_t kWidth = 110;

constexpr std::array<std::string_view, 98> kKeywords = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
    "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
    "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
    "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq", "final",
    "override", "import", "module", "linux", "unix"};

std::string flat(const Expr& e) {
  std::string out = e.label + e.head;
  for (std::size_t i = 0; i < e.items.size(); ++i) out += (i ? ", " : "") + flat(e.items[i]);
  return out + e.tail + e.suffix;
}

bool raw_ok(std::string_view text) {
  if (text.find('\n') == std::string_view::npos || text.size() < 40) return false;
  for (char c : text)
    if (static_cast<unsigned char>(c) < 32 && c != '\n' && c != '\t') return false;
  return text.back() != '\\';
}

}  // namespace

std::string cpp_string(std::string_view text) {
  if (raw_ok(text)) {
    std::string delimiter;
    for (int n = 0; std::string(text).find(")" + delimiter + "\"") != std::string::npos; ++n)
      delimiter = "x" + std::to_string(n);
    return "R\"" + delimiter + "(" + std::string(text) + ")" + delimiter + "\"";
  }
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 32 || u == 127) {
      const char digits[] = {'\\', static_cast<char>('0' + (u >> 6)), static_cast<char>('0' + ((u >> 3) & 7)),
                             static_cast<char>('0' + (u & 7)), 0};
      out += digits;
    } else if (c == '?' && !out.empty() && out.back() == '?') {
      out += "\\?";  // no trigraph-like text for old compilers' warnings
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string cpp_scalar(const nlohmann::ordered_json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_float()) {
    std::string text = value.dump();
    if (text.find_first_of(".eE") == std::string::npos) text += ".0";
    return text;
  }
  if (value.is_number_integer() && value.get<std::int64_t>() == INT64_MIN) return "(-9223372036854775807 - 1)";
  return value.dump();
}

std::string snake_name(std::string_view id) {
  std::string out;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const auto c = static_cast<unsigned char>(id[i]);
    if (!std::isalnum(c)) {
      if (!out.empty() && out.back() != '_') out += '_';
      continue;
    }
    if (std::isupper(c) && i > 0 && !out.empty() && out.back() != '_') {
      const auto before = static_cast<unsigned char>(id[i - 1]);
      const bool next_lower = i + 1 < id.size() && std::islower(static_cast<unsigned char>(id[i + 1]));
      if (std::islower(before) || std::isdigit(before) || (std::isupper(before) && next_lower)) out += '_';
    }
    out += static_cast<char>(std::tolower(c));
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) out = "resource";
  if (std::isdigit(static_cast<unsigned char>(out.front()))) out = "n" + out;
  for (auto keyword : kKeywords)
    if (out == keyword) return out + "_";
  return out;
}

std::string render(const Expr& e, std::size_t indent) {
  std::string one = flat(e);
  if (e.items.empty() || indent + one.size() <= kWidth) return one;
  std::string out = e.label + e.head + "\n";
  const std::string inner(indent + 4, ' ');
  for (std::size_t i = 0; i < e.items.size(); ++i) {
    out += inner + render(e.items[i], indent + 4);
    if (e.braces || i + 1 < e.items.size()) out += ",";
    out += "\n";
  }
  return out + std::string(indent, ' ') + e.tail + e.suffix;
}

}  // namespace formwork::importer::detail
