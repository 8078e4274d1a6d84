#include "constructs/core/template_reader.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_set>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "constructs/core/detail/template_reading.hpp"

namespace formwork {
namespace {

using detail::ReaderLimits;
using nlohmann::ordered_json;

// The short-form tags CloudFormation defines; any other `!Tag` is refused.
constexpr std::array<std::string_view, 24> kIntrinsicTags = {
    "Ref",         "Condition",   "Base64",      "Cidr",        "FindInMap",   "GetAtt",
    "GetAZs",      "ImportValue", "Join",        "Select",      "Split",       "Sub",
    "Transform",   "And",         "Equals",      "If",          "Not",         "Or",
    "Contains",    "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll"};
constexpr std::array<std::string_view, 2> kExtraTags = {"Length", "ToJsonString"};

bool known_tag(std::string_view name) {
  for (auto t : kIntrinsicTags)
    if (t == name) return true;
  for (auto t : kExtraTags)
    if (t == name) return true;
  return false;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a sequence";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Null: return "null";
    default: return "a scalar";
  }
}

class Converter {
 public:
  Converter(const std::string& path, std::map<std::string, int>& lines, std::size_t text_size)
      : path_(path), lines_(lines), budget_(text_size + ReaderLimits::alias_allowance) {}

  ordered_json convert(const YAML::Node& node, const std::string& pointer, int depth = 0) {
    // Aliases make yaml-cpp share one node between many places; every place costs a value
    // here, so a file can expand to at most about one value per byte.
    if (++values_ > budget_)
      fail(node, "aliases expand to more than " + std::to_string(budget_) +
                     " values (the reader's limit for a file of this size)");
    if (depth > ReaderLimits::max_depth)
      fail(node, "nesting deeper than " + std::to_string(ReaderLimits::max_depth) + " levels (the reader's limit)");
    lines_.emplace(pointer, node.Mark().line + 1);
    const std::string& tag = node.Tag();
    if (tag.size() > 1 && tag[0] == '!' && tag != "tag:yaml.org,2002:str") return intrinsic(node, tag.substr(1), pointer, depth);
    return untagged(node, pointer, depth);
  }

 private:
  ordered_json untagged(const YAML::Node& node, const std::string& pointer, int depth) {
    switch (node.Type()) {
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar: {
        // yaml-cpp tags plain scalars "?" and quoted ones "!".
        if (node.Tag() != "?") return detail::yaml_scalar_text(node.Scalar());
        auto resolved = detail::resolve_plain_scalar(node.Scalar());
        if (resolved.error) fail(node, *resolved.error);
        return std::move(resolved.value);
      }
      case YAML::NodeType::Sequence: {
        ordered_json out = ordered_json::array();
        auto& array = out.get_ref<ordered_json::array_t&>();
        std::size_t i = 0;
        for (const auto& element : node) array.push_back(convert(element, pointer + "/" + std::to_string(i++), depth + 1));
        return out;
      }
      case YAML::NodeType::Map: {
        // Members go to a vector and keys to a hash set: ordered_json's own insertion
        // searches its keys, which makes a large mapping quadratic.
        std::vector<std::pair<std::string, ordered_json>> members;
        std::unordered_set<std::string> keys;
        for (const auto& entry : node) {
          if (!entry.first.IsScalar()) fail(entry.first, "mapping keys must be scalars");
          const std::string key = detail::yaml_scalar_text(entry.first.Scalar());
          if (!keys.insert(key).second) fail(entry.first, "duplicate key '" + key + "'");
          members.emplace_back(key, convert(entry.second, pointer + "/" + json_pointer_escape(key), depth + 1));
        }
        ordered_json out = ordered_json::object();
        auto& object = out.get_ref<ordered_json::object_t&>();
        object.reserve(members.size());
        for (auto& [key, value] : members) object.emplace_back(std::move(key), std::move(value));
        return out;
      }
      case YAML::NodeType::Undefined:
        break;
    }
    return nullptr;
  }

  ordered_json intrinsic(const YAML::Node& node, const std::string& name, const std::string& pointer, int depth) {
    if (!known_tag(name)) fail(node, "unknown tag '!" + name + "' (CloudFormation's short forms are !Ref, !Sub, !GetAtt, ...)");
    if ((name == "Ref" || name == "Condition") && !node.IsScalar())
      fail(node, "!" + name + " takes a logical ID or parameter name, got " + describe(node));
    std::string key = (name == "Ref" || name == "Condition") ? name : "Fn::" + name;
    std::string inner = pointer + "/" + json_pointer_escape(key);
    ordered_json value;
    if (node.IsScalar()) {
      value = detail::yaml_scalar_text(node.Scalar());  // a tagged scalar is always a string
      lines_.emplace(inner, node.Mark().line + 1);
    } else {
      value = untagged(node, inner, depth + 1);
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
  std::size_t budget_;
  std::size_t values_ = 0;
};

bool looks_like_json(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

std::string type_name(const ordered_json& v) {
  if (v.is_array()) return "a list";
  if (v.is_object()) return "a mapping";
  if (v.is_string()) return "a string";
  if (v.is_null()) return "null";
  return "a " + std::string(v.type_name());
}

// What every reader of a template relies on: sections are mappings and a Ref is not a
// list or mapping. Checked after reading, in both YAML and long-form JSON.
void check_shape(const TemplateFile& file) {
  const auto& doc = file.document;
  if (!doc.is_object()) throw InputError(file.path, 1, 1, "a CloudFormation template must be a mapping at the top level");
  for (const char* section : {"Resources", "Parameters", "Outputs", "Conditions", "Mappings", "Metadata", "Rules"}) {
    auto it = doc.find(section);
    if (it != doc.end() && !it->is_object() && !it->is_null())
      throw InputError(file.path, file.line_of(std::string("/") + section), 0,
                       std::string(section) + " must be a mapping, got " + type_name(*it));
  }
  std::vector<std::pair<const ordered_json*, std::string>> pending = {{&doc, ""}};
  while (!pending.empty()) {
    auto [value, pointer] = std::move(pending.back());
    pending.pop_back();
    if (value->is_object()) {
      auto ref = value->find("Ref");
      if (value->size() == 1 && ref != value->end() && ref->is_structured())
        throw InputError(file.path, file.line_of(pointer + "/Ref"), 0,
                         "Ref takes a logical ID or parameter name, got " + type_name(*ref));
      for (auto it = value->begin(); it != value->end(); ++it)
        pending.emplace_back(&it.value(), pointer + "/" + json_pointer_escape(it.key()));
    } else if (value->is_array()) {
      std::size_t i = 0;
      for (const auto& element : *value) pending.emplace_back(&element, pointer + "/" + std::to_string(i++));
    }
  }
}

std::string too_large(std::size_t size) {
  return "file is " + std::to_string(size) + " bytes, over the reader's limit of " +
         std::to_string(ReaderLimits::max_bytes) + " (a CloudFormation template is at most 1 MB)";
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
  if (text.size() > ReaderLimits::max_bytes) throw InputError(file.path, 0, 0, too_large(text.size()));
  if (auto bad = detail::invalid_utf8_offset(text); bad != std::string_view::npos) {
    auto [line, column] = detail::position_of(text, bad);
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw InputError(file.path, line, column, std::string("invalid UTF-8 (byte ") + byte + "); a template must be UTF-8");
  }
  if (looks_like_json(text)) {
    file.document = detail::read_json(text, file.path, file.lines);
  } else {
    char32_t character = 0;
    if (auto bad = detail::unprintable_offset(text, &character); bad != std::string_view::npos) {
      auto [line, column] = detail::position_of(text, bad);
      char code[16];
      std::snprintf(code, sizeof code, "#x%04x", static_cast<unsigned>(character));
      throw InputError(file.path, line, column,
                       std::string("character ") + code + " is not allowed in YAML (write it as an escape in a double-quoted string)");
    }
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      throw InputError(file.path, e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg);
    }
    file.document = Converter(file.path, file.lines, text.size()).convert(root, "");
  }
  check_shape(file);
  return file;
}

TemplateFile read_template(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const auto status = fs::status(path, error);
  if (!fs::exists(status)) throw InputError(path, 0, 0, "no such file");
  if (fs::is_directory(status)) throw InputError(path, 0, 0, "is a directory, not a template file");
  const auto size = fs::file_size(path, error);
  if (!error && size > ReaderLimits::max_bytes) throw InputError(path, 0, 0, too_large(size));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, std::string("cannot read file: ") + std::strerror(errno));
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > ReaderLimits::max_bytes) throw InputError(path, 0, 0, too_large(text.size()));  // a growing file or a pipe
  }
  return parse_template(text, path);
}

}  // namespace formwork
