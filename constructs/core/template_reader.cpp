#include "constructs/core/template_reader.hpp"

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace formwork {
namespace {

using nlohmann::ordered_json;

// Plain scalars resolve as YAML 1.1 (PyYAML's resolver), which is what CloudFormation
// and cfn-lint use: `yes` is true, `012` is 10, `1e3` stays a string.
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

ordered_json resolve_int(const std::string& text) {
  std::string s = without_underscores(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.erase(0, 1);
  }
  long double value = 0;
  if (s.rfind("0b", 0) == 0) {
    for (char c : s.substr(2)) value = value * 2 + (c - '0');
  } else if (s.rfind("0x", 0) == 0) {
    value = static_cast<long double>(std::stoull(s.substr(2), nullptr, 16));
  } else if (s.find(':') != std::string::npos) {
    std::stringstream parts(s);
    std::string part;
    while (std::getline(parts, part, ':')) value = value * 60 + std::stoll(part);
  } else if (s.size() > 1 && s[0] == '0') {
    for (char c : s.substr(1)) value = value * 8 + (c - '0');
  } else {
    for (char c : s) value = value * 10 + (c - '0');
  }
  if (negative) value = -value;
  if (value >= -9.2e18L && value <= 9.2e18L) return static_cast<std::int64_t>(value);
  return static_cast<double>(value);
}

ordered_json resolve_float(const std::string& text) {
  std::string s = without_underscores(text);
  if (s.find("inf") != std::string::npos || s.find("Inf") != std::string::npos ||
      s.find("INF") != std::string::npos)
    return s[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  if (s.find("nan") != std::string::npos || s.find("NaN") != std::string::npos ||
      s.find("NAN") != std::string::npos)
    return std::nan("");
  if (s.find(':') != std::string::npos) {
    bool negative = s[0] == '-';
    if (s[0] == '-' || s[0] == '+') s.erase(0, 1);
    double value = 0;
    std::stringstream parts(s);
    std::string part;
    while (std::getline(parts, part, ':')) value = value * 60 + std::stod(part);
    return negative ? -value : value;
  }
  return std::stod(s);
}

ordered_json resolve_plain(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (std::regex_match(s, bool_pattern())) {
    char c = s[0];
    return c == 'y' || c == 'Y' || c == 't' || c == 'T' || s == "on" || s == "On" || s == "ON";
  }
  if (std::regex_match(s, int_pattern())) return resolve_int(s);
  if (std::regex_match(s, float_pattern())) return resolve_float(s);
  return s;
}

class Converter {
 public:
  Converter(const std::string& path, std::map<std::string, int>& lines) : path_(path), lines_(lines) {}

  ordered_json convert(const YAML::Node& node, const std::string& pointer) {
    lines_.emplace(pointer, node.Mark().line + 1);
    const std::string& tag = node.Tag();
    if (tag.size() > 1 && tag[0] == '!' && tag != "tag:yaml.org,2002:str") return intrinsic(node, tag.substr(1), pointer);
    return untagged(node, pointer);
  }

 private:
  ordered_json untagged(const YAML::Node& node, const std::string& pointer) {
    switch (node.Type()) {
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        // yaml-cpp tags plain scalars "?" and quoted ones "!".
        return node.Tag() == "?" ? resolve_plain(node.Scalar()) : ordered_json(node.Scalar());
      case YAML::NodeType::Sequence: {
        ordered_json out = ordered_json::array();
        for (std::size_t i = 0; i < node.size(); ++i)
          out.push_back(convert(node[i], pointer + "/" + std::to_string(i)));
        return out;
      }
      case YAML::NodeType::Map: {
        ordered_json out = ordered_json::object();
        for (const auto& entry : node) {
          if (!entry.first.IsScalar())
            fail(entry.first, "mapping keys must be scalars");
          std::string key = entry.first.Scalar();
          if (out.contains(key)) fail(entry.first, "duplicate key '" + key + "'");
          out[key] = convert(entry.second, pointer + "/" + json_pointer_escape(key));
        }
        return out;
      }
      case YAML::NodeType::Undefined:
        break;
    }
    return nullptr;
  }

  ordered_json intrinsic(const YAML::Node& node, const std::string& name, const std::string& pointer) {
    std::string key = (name == "Ref" || name == "Condition") ? name : "Fn::" + name;
    std::string inner = pointer + "/" + json_pointer_escape(key);
    ordered_json value;
    if (node.IsScalar()) {
      value = node.Scalar();  // a tagged scalar is always a string
      lines_.emplace(inner, node.Mark().line + 1);
    } else {
      value = untagged(node, inner);
    }
    if (name == "GetAtt" && value.is_string()) {
      std::string s = value.get<std::string>();
      auto dot = s.find('.');
      if (dot == std::string::npos) fail(node, "!GetAtt needs LogicalId.Attribute, got '" + s + "'");
      value = ordered_json::array({s.substr(0, dot), s.substr(dot + 1)});
    }
    return ordered_json::object({{key, std::move(value)}});
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) {
    throw InputError(path_, node.Mark().line + 1, node.Mark().column + 1, message);
  }

  const std::string& path_;
  std::map<std::string, int>& lines_;
};

bool looks_like_json(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

// Line and column of a byte offset, both 1-based.
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

}  // namespace

std::string json_pointer_escape(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

int TemplateFile::line_of(std::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    auto it = lines.find(p);
    if (it != lines.end()) return it->second;
    if (p.empty()) return 0;
    p.erase(p.rfind('/'));
  }
}

TemplateFile parse_template(std::string_view text, std::string path) {
  TemplateFile file{.path = std::move(path), .document = {}, .lines = {}};
  if (looks_like_json(text)) {
    // JSON goes through nlohmann for exact JSON semantics; yaml-cpp only adds line numbers.
    try {
      file.document = ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      auto [line, column] = position_of(text, e.byte > 0 ? e.byte - 1 : 0);
      std::string what = e.what();
      auto colon = what.find(": ", what.find("parse error"));
      throw InputError(file.path, line, column, "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
    }
    try {
      YAML::Node root = YAML::Load(std::string(text));
      std::map<std::string, int> lines;
      Converter(file.path, lines).convert(root, "");
      file.lines = std::move(lines);
    } catch (const std::exception&) {
      // JSON that YAML does not accept (rare escapes): keep the document, lose line numbers.
    }
  } else {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      throw InputError(file.path, e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg);
    }
    file.document = Converter(file.path, file.lines).convert(root, "");
  }
  if (!file.document.is_object())
    throw InputError(file.path, 1, 1, "a CloudFormation template must be a mapping at the top level");
  return file;
}

TemplateFile read_template(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot read file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_template(buffer.str(), path);
}

}  // namespace formwork
