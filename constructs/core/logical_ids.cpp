#include "constructs/core/logical_ids.hpp"

#include <algorithm>
#include <cctype>

#include "constructs/core/detail/hash.hpp"
#include "constructs/core/stack.hpp"

namespace formwork {

namespace {

constexpr std::size_t kMaxIdLength = 255;
constexpr std::size_t kMaxHumanLength = 240;

std::string remove_non_alphanumeric(const std::string& s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// CDK's removeDupes: `Api/Api` reads `Api` in the human part.
std::vector<std::string> remove_dupes(const std::vector<std::string>& components) {
  std::vector<std::string> out;
  for (const auto& c : components)
    if (out.empty() || !ends_with(out.back(), c)) out.push_back(c);
  return out;
}

std::vector<std::string> without(std::vector<std::string> components, const std::string& hidden) {
  std::erase(components, hidden);
  return components;
}

std::string upper_hash(const std::vector<std::string>& components) {
  std::string joined;
  for (const auto& c : components) joined += (joined.empty() ? "" : "/") + c;
  std::string hash = detail::md5_hex(joined).substr(0, 8);
  for (char& c : hash) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return hash;
}

std::string cdk_id(std::vector<std::string> components) {
  components = without(std::move(components), "Default");
  if (components.empty()) return "";
  if (components.size() == 1) {
    std::string top = remove_non_alphanumeric(components[0]);
    if (top.size() <= kMaxIdLength) return top;
  }
  std::string human;
  for (const auto& c : without(remove_dupes(components), "Resource")) human += remove_non_alphanumeric(c);
  return human.substr(0, kMaxHumanLength) + upper_hash(components);
}

}  // namespace

std::string pascal_case(const std::string& text) {
  std::string out;
  bool start = true;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      start = true;
      continue;
    }
    out += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    start = false;
  }
  return out;
}

std::string make_logical_id(const std::vector<std::string>& components, LogicalIdStyle style) {
  if (style == LogicalIdStyle::CdkCompatible) return cdk_id(components);
  std::vector<std::string> parts;
  for (const auto& c : without(without(components, "Default"), "Resource")) parts.push_back(pascal_case(c));
  std::string id;
  for (const auto& p : remove_dupes(parts)) id += p;
  if (id.empty()) id = "Resource";
  return id.substr(0, kMaxIdLength);
}

std::string cdk_unique_id(const std::vector<std::string>& components) { return cdk_id(components); }

std::string cdk_unique_id(const Construct& construct) {
  std::vector<std::string> components;
  const std::string path = construct.node().path();
  for (std::size_t start = 0; start <= path.size();) {
    const auto end = std::min(path.find('/', start), path.size());
    components.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return cdk_id(components);
}

std::string cdk_logical_id(const Construct& construct) {
  std::vector<std::string> components;
  for (const Construct* c = &construct; c != nullptr && dynamic_cast<const Stack*>(c) == nullptr; c = c->node().scope())
    components.insert(components.begin(), c->node().id());
  return cdk_id(components);
}

bool cdk_compatible(const Construct& scope) {
  const Construct* root = &scope;
  while (root->node().scope() != nullptr) root = root->node().scope();
  const auto* app = dynamic_cast<const App*>(root);
  return app != nullptr && app->logical_id_style() == LogicalIdStyle::CdkCompatible;
}

bool is_valid_logical_id(const std::string& id) {
  return !id.empty() && id.size() <= kMaxIdLength &&
         std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

}  // namespace formwork
