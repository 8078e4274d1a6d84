#include "constructs/core/yaml_writer.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <regex>

namespace formwork {
namespace {

using nlohmann::ordered_json;

constexpr std::size_t kFlowWidth = 80;

// Decodes one UTF-8 code point at `i`, advancing it; the input is valid UTF-8
// (nlohmann refuses anything else when a document is built).
char32_t next_code_point(const std::string& s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

// What PyYAML's reader accepts unescaped in a stream, minus the characters YAML 1.1
// treats as line breaks (NEL, LS, PS) and the byte-order mark.
bool printable(char32_t cp) {
  if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) return false;
  return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

bool ascii_only(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// A string that a YAML 1.1 reader (PyYAML, CloudFormation) would take as something other
// than itself when plain: booleans, null, numbers, and anything that starts like a number.
bool resolves_to_non_string(const std::string& s) {
  static const std::regex special(
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
      "~|null|Null|NULL|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|<<|=");
  if (std::regex_match(s, special)) return true;
  char c = s[0];
  return (c >= '0' && c <= '9') || ((c == '-' || c == '+' || c == '.') && s.size() > 1 && ((s[1] >= '0' && s[1] <= '9') || s[1] == '.'));
}

// Plain (unquoted) is used only where every YAML reader reads back exactly the string.
bool plain_safe(const std::string& s, bool flow) {
  if (s.empty() || !ascii_only(s) || resolves_to_non_string(s)) return false;
  char first = s.front();
  bool first_ok = std::isalnum(static_cast<unsigned char>(first)) || first == '/' || first == '_' || first == '$' || first == '(';
  if (!first_ok || s.back() == ' ' || s.back() == ':') return false;
  static const char* block_chars = " _-./:${}()*@=+;?^%<>~|'\",!&";
  // No '?' in flow: yaml-cpp reads `[a?b, z]` as a mapping entry and refuses the sequence.
  static const char* flow_chars = " _-./:$()*@=+;^%<>~|'\"!&";
  const char* allowed = flow ? flow_chars : block_chars;
  for (char c : s)
    // strchr finds the terminator for '\0', so NUL is refused first.
    if (c == '\0' || (!std::isalnum(static_cast<unsigned char>(c)) && std::strchr(allowed, c) == nullptr)) return false;
  return s.find(": ") == std::string::npos && s.find(" #") == std::string::npos && s.find("  ") == std::string::npos;
}

std::string double_quoted(const std::string& s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    switch (cp) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\r': out += "\\r"; continue;
      default: break;
    }
    if (printable(cp)) {
      out.append(s, start, i - start);
    } else {
      char buffer[16];
      if (cp <= 0xFF) std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(cp));
      else if (cp <= 0xFFFF) std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(cp));
      else std::snprintf(buffer, sizeof buffer, "\\U%08X", static_cast<unsigned>(cp));
      out += buffer;
    }
  }
  return out + "\"";
}

// A literal block (`|` or `|-`) reads back exactly when no line has leading or trailing
// white space that the block would eat, and every character is printable.
bool literal_safe(const std::string& s) {
  if (s.find('\n') == std::string::npos || s.front() == ' ' || s.front() == '\n' || s.front() == '\t') return false;
  if (s.size() >= 2 && s.compare(s.size() - 2, 2, "\n\n") == 0) return false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (cp == '\r' || (!printable(cp))) return false;
  }
  for (std::size_t pos = 0; (pos = s.find('\n', pos)) != std::string::npos; ++pos) {
    if (pos > 0 && (s[pos - 1] == ' ' || s[pos - 1] == '\t')) return false;
  }
  return s.back() != ' ' && s.back() != '\t';
}

// A comment is one line: line breaks and characters a YAML reader rejects become spaces.
std::string comment_text(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (cp == '\t' || (printable(cp) && cp != '\n' && cp != '\r')) out.append(s, start, i - start);
    else out += ' ';
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

std::string scalar_text(const std::string& s, bool flow) {
  if (s.empty()) return "''";
  if (plain_safe(s, flow)) return s;
  return double_quoted(s);
}

// YAML allows a simple key (`key: value`) of at most 1,024 characters; a longer one is
// written as an explicit key (`? key` then `: value` on the next line), which every reader takes.
constexpr std::size_t kMaxSimpleKey = 1000;

std::string key_text(const std::string& key, int indent) {
  std::string text = scalar_text(key, false);
  if (text.size() <= kMaxSimpleKey) return text + ":";
  return "? " + double_quoted(key) + "\n" + std::string(indent, ' ') + ":";
}

std::string number_text(const ordered_json& v) {
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isnan(d)) return ".nan";
    if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
    std::string text = v.dump();
    // YAML 1.1 floats need a dot: 1e+20 would read back as a string.
    if (text.find('.') == std::string::npos) {
      auto e = text.find_first_of("eE");
      text.insert(e == std::string::npos ? text.size() : e, ".0");
    }
    return text;
  }
  return v.dump();
}

bool is_intrinsic_name(const std::string& key) {
  static const char* names[] = {"Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",
                                "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub",
                                "Fn::Transform", "Fn::And", "Fn::Equals", "Fn::If", "Fn::Not", "Fn::Or",
                                "Fn::ToJsonString", "Fn::Length"};
  for (const char* name : names)
    if (key == name) return true;
  return false;
}

// The short-form tag of a single-key intrinsic object, or "" when it is not one.
std::string tag_of(const ordered_json& v) {
  if (!v.is_object() || v.size() != 1) return "";
  const std::string& key = v.begin().key();
  const ordered_json& arg = v.begin().value();
  if (key == "Ref" || key == "Condition") return arg.is_string() ? key : "";
  if (!is_intrinsic_name(key)) return "";
  // A tagged scalar reads back as a string, so `!Base64 12` would not be `{"Fn::Base64": 12}`.
  if (arg.is_null() || arg.is_boolean() || arg.is_number()) return "";
  // `!Base64 !Sub x` is not YAML: a node has one tag, so the outer one stays long.
  if (!tag_of(arg).empty()) return "";
  return key.substr(4);
}

bool get_att_dotted(const ordered_json& arg) {
  return arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_string();
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  // Text for `v` when it fits on the current line, or nullopt when it needs a block.
  std::optional<std::string> inline_text(const ordered_json& v, bool flow) {
    switch (v.type()) {
      case ordered_json::value_t::null: return std::string("null");
      case ordered_json::value_t::boolean: return std::string(v.get<bool>() ? "true" : "false");
      case ordered_json::value_t::number_integer:
      case ordered_json::value_t::number_unsigned:
      case ordered_json::value_t::number_float: return number_text(v);
      case ordered_json::value_t::string: {
        const auto& s = v.get_ref<const std::string&>();
        if (!flow && literal_safe(s)) return std::nullopt;
        return scalar_text(s, flow);
      }
      case ordered_json::value_t::array:
        if (v.empty()) return std::string("[]");
        if (!flow) return std::nullopt;
        return flow_sequence(v);
      case ordered_json::value_t::object: {
        if (v.empty()) return std::string("{}");
        std::string tag = tag_of(v);
        if (tag.empty()) return std::nullopt;
        const ordered_json& arg = v.begin().value();
        if (tag == "GetAtt" && get_att_dotted(arg)) {
          std::string dotted = arg[0].get<std::string>() + "." + arg[1].get<std::string>();
          return "!GetAtt " + scalar_text(dotted, flow);
        }
        if (arg.is_array() && !arg.empty()) {
          auto seq = flow_sequence(arg);
          if (!seq) return std::nullopt;
          return "!" + tag + " " + *seq;
        }
        if (arg.is_object() && !arg.empty()) return std::nullopt;
        auto inner = inline_text(arg, flow);
        if (!inner) return std::nullopt;
        return "!" + tag + " " + *inner;
      }
      default: return std::nullopt;
    }
  }

  // A mapping's entries at `indent`; the first entry goes on the current line when `continue_line`.
  void mapping(const ordered_json& map, int indent, bool continue_line, bool blank_lines_between = false,
               const std::map<std::string, std::string>* comments = nullptr) {
    bool first = true;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!first && blank_lines_between) out_ += "\n";
      if (comments) {
        auto c = comments->find(it.key());
        if (c != comments->end()) {
          if (first && continue_line) out_ += "\n", continue_line = false;  // comments need a line of their own
          out_ += std::string(indent, ' ') + "# " + comment_text(c->second) + "\n";
        }
      }
      if (!(first && continue_line)) out_ += std::string(indent, ' ');
      first = false;
      out_ += key_text(it.key(), indent);
      value_after_key(it.value(), indent);
    }
  }

  void document(const ordered_json& doc, const YamlOptions& options) {
    for (const auto& line : options.header) out_ += "# " + comment_text(line) + "\n";
    if (!options.header.empty()) out_ += "\n";
    bool first = true;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      if (!first) out_ += "\n";
      first = false;
      out_ += key_text(it.key(), 0);
      bool spaced = (it.key() == "Resources" || it.key() == "Outputs" || it.key() == "Parameters") &&
                    it.value().is_object() && !it.value().empty();
      if (spaced) {
        out_ += "\n";
        mapping(it.value(), 2, false, true, it.key() == "Resources" ? &options.resource_comments : nullptr);
      } else {
        value_after_key(it.value(), 0);
      }
    }
  }

 private:
  std::optional<std::string> flow_sequence(const ordered_json& seq) {
    std::string text = "[";
    for (std::size_t i = 0; i < seq.size(); ++i) {
      auto item = inline_text(seq[i], true);
      if (!item) return std::nullopt;
      if (i) text += ", ";
      text += *item;
      if (text.size() > kFlowWidth) return std::nullopt;
    }
    return text + "]";
  }

  void value_after_key(const ordered_json& v, int indent) {
    if (auto text = inline_text(v, false)) {
      out_ += " " + *text + "\n";
      return;
    }
    block(v, indent + 2, indent, " ");
  }

  // Writes `v`, which needs a block, after a key or `- ` already on the line. `indent` is the
  // column of nested content; `seq_indent` where a sequence under a key starts its dashes.
  void block(const ordered_json& v, int indent, int seq_indent, const std::string& lead) {
    if (v.is_string()) {
      const auto& s = v.get_ref<const std::string&>();
      out_ += lead + (s.back() == '\n' ? "|" : "|-") + "\n";
      std::size_t start = 0;
      std::string body = s.back() == '\n' ? s.substr(0, s.size() - 1) : s;
      while (start <= body.size()) {
        auto end = body.find('\n', start);
        std::string line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        out_ += line.empty() ? "\n" : std::string(indent, ' ') + line + "\n";
        if (end == std::string::npos) break;
        start = end + 1;
      }
      return;
    }
    std::string tag = tag_of(v);
    if (!tag.empty()) {
      const ordered_json& arg = v.begin().value();
      // A multi-line string argument goes on as `!Sub |`: a block scalar must follow its tag.
      if (arg.is_string()) {
        out_ += lead + "!" + tag;
        block(arg, indent, indent, " ");
        return;
      }
      out_ += lead + "!" + tag + "\n";
      if (arg.is_array()) sequence(arg, indent);
      else if (arg.is_object()) mapping(arg, indent, false);
      else block(arg, indent, indent, "");
      return;
    }
    if (v.is_array()) {
      out_ += "\n";
      sequence(v, seq_indent + 2);
    } else {
      out_ += "\n";
      mapping(v, indent, false);
    }
  }

  // Items at `indent`; the first one goes on the current line when `continue_line` (`- - a`).
  void sequence(const ordered_json& seq, int indent, bool continue_line = false) {
    for (const auto& item : seq) {
      if (!continue_line) out_ += std::string(indent, ' ');
      continue_line = false;
      out_ += "-";
      if (auto text = inline_text(item, false)) {
        out_ += " " + *text + "\n";
      } else if (item.is_object() && tag_of(item).empty()) {
        out_ += " ";
        mapping(item, indent + 2, true);
      } else if (item.is_array()) {
        out_ += " ";
        sequence(item, indent + 2, true);
      } else {
        // yaml-cpp reads a tagged block scalar in an entry (`- !Sub |`) only when its text is
        // indented past the entry's content column; PyYAML reads both.
        bool tagged_text = !tag_of(item).empty() && item.begin().value().is_string();
        block(item, indent + (tagged_text ? 4 : 2), indent + 2, " ");
      }
    }
  }

  std::string& out_;
};

}  // namespace

std::string to_yaml(const ordered_json& document, const YamlOptions& options) {
  std::string out;
  Writer writer(out);
  if (document.is_object()) writer.document(document, options);
  // An empty template is `{}`: nothing at all would read back as no document.
  if (document.is_object() && document.empty()) out += "{}\n";
  return out;
}

std::string to_json_text(const ordered_json& document) {
  return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace formwork
