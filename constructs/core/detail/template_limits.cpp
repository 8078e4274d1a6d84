#include "constructs/core/detail/template_limits.hpp"

#include <regex>

#include "constructs/core/synthesis.hpp"

namespace formwork::detail {
namespace {

using nlohmann::ordered_json;

constexpr std::size_t kMaxTags = 50;
constexpr std::size_t kMaxTagKey = 128;
constexpr std::size_t kMaxTagValue = 256;
constexpr std::size_t kMaxOutputDescription = 1024;
constexpr std::size_t kMaxParameterValue = 4096;
constexpr std::size_t kMaxBody = 1'048'576;

// Characters in UTF-8 (what AWS counts), not bytes.
std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// IAM's tag pattern ([\p{L}\p{Z}\p{N}_.:/=+\-@]*), for ASCII; non-ASCII letters pass.
bool iam_tag_text(const std::string& s) {
  static const std::regex pattern("[A-Za-z0-9 _.:/=+\\-@\\x80-\\xff]*");
  return std::regex_match(s, pattern);
}

class Checker {
 public:
  Checker(const SynthesizedStack& stack, std::vector<std::string>& problems) : stack_(stack), problems_(problems) {}

  void tags(const std::string& id, const ordered_json& resource) {
    if (!resource.is_object() || !resource.contains("Properties") || !resource["Properties"].is_object()) return;
    const auto& properties = resource["Properties"];
    auto it = properties.find("Tags");
    if (it == properties.end() || !it->is_array()) return;
    const std::string type = resource.value("Type", "");
    const bool iam = type.rfind("AWS::IAM::", 0) == 0;
    if (it->size() > kMaxTags)
      add(id, "has " + std::to_string(it->size()) + " tags; AWS allows at most 50 a resource");
    for (const auto& tag : *it) {
      if (!tag.is_object() || !tag.contains("Key") || !tag["Key"].is_string()) continue;
      const std::string key = tag["Key"].get<std::string>();
      const std::string value = tag.contains("Value") && tag["Value"].is_string() ? tag["Value"].get<std::string>() : "";
      if (key.empty() || characters(key) > kMaxTagKey)
        add(id, "tag key must be 1 to 128 characters, got " + std::to_string(characters(key)) + " ('" + key.substr(0, 40) + "')");
      if (characters(value) > kMaxTagValue)
        add(id, "tag '" + key + "' value must be at most 256 characters, got " + std::to_string(characters(value)));
      if (key.rfind("aws:", 0) == 0) add(id, "tag key '" + key + "' uses the prefix 'aws:', which AWS reserves");
      if (iam && (!iam_tag_text(key) || !iam_tag_text(value)))
        add(id, "tag '" + key + "=" + value + "' has characters IAM refuses in tags (allowed: letters, digits, spaces, _ . : / = + - @)");
    }
  }

  void add(const std::string& id, const std::string& message) {
    auto path = stack_.construct_paths.find(id);
    const std::string where = stack_.name + "/" + (path != stack_.construct_paths.end() ? path->second : id);
    problems_.push_back("[" + where + "] " + message);
  }

 private:
  const SynthesizedStack& stack_;
  std::vector<std::string>& problems_;
};

}  // namespace

std::vector<std::string> template_limit_problems(const SynthesizedStack& stack, std::size_t body_bytes) {
  std::vector<std::string> problems;
  Checker checker(stack, problems);
  const auto& doc = stack.document;
  if (auto resources = doc.find("Resources"); resources != doc.end() && resources->is_object())
    for (auto it = resources->begin(); it != resources->end(); ++it) checker.tags(it.key(), it.value());
  if (auto outputs = doc.find("Outputs"); outputs != doc.end() && outputs->is_object())
    for (auto it = outputs->begin(); it != outputs->end(); ++it) {
      auto description = it->find("Description");
      if (description != it->end() && description->is_string() &&
          characters(description->get<std::string>()) > kMaxOutputDescription)
        checker.add(it.key(), "output description must be at most 1024 characters, got " +
                                  std::to_string(characters(description->get<std::string>())));
    }
  if (auto parameters = doc.find("Parameters"); parameters != doc.end() && parameters->is_object())
    for (auto it = parameters->begin(); it != parameters->end(); ++it) {
      auto value = it->find("Default");
      if (value != it->end() && value->is_string() && value->get<std::string>().size() > kMaxParameterValue)
        checker.add(it.key(), "parameter default must be at most 4096 bytes, got " +
                                  std::to_string(value->get<std::string>().size()));
    }
  if (body_bytes > kMaxBody)
    problems.push_back("[" + stack.name + "] template body is " + std::to_string(body_bytes) +
                       " bytes, over CloudFormation's 1048576 (1 MB, even through S3)");
  return problems;
}

}  // namespace formwork::detail
