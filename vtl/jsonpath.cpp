// JSONPath as Jayway JsonPath 2.0 (API Gateway's $input.path/$input.json) evaluates it:
// $, .name, ['name'], [n], [a,b], [*], .*, [start:end], ..name, ..*. A definite path that
// matches nothing is "not found"; an indefinite one always gives an array. Filters
// ([?(...)]) and several names in one bracket are refused rather than guessed.

#include <stdexcept>

#include "vtl/detail/runtime.hpp"

namespace formwork::vtl::detail {

namespace {

using Json = nlohmann::ordered_json;

struct Step {
  enum Kind { Name, Index, Indexes, Wildcard, Slice, DeepName, DeepWildcard } kind = Name;
  std::string name;
  std::vector<long long> indexes;
  std::optional<long long> from, to;
};

[[noreturn]] void bad(std::string_view path, std::size_t at, const std::string& what) {
  throw std::invalid_argument(what + " at column " + std::to_string(at + 1) + " of '" + std::string(path) + "'");
}

bool name_char(char c) { return c != '.' && c != '[' && c != ' '; }

long long number(std::string_view path, std::size_t& at) {
  std::size_t start = at;
  if (at < path.size() && path[at] == '-') ++at;
  while (at < path.size() && path[at] >= '0' && path[at] <= '9') ++at;
  if (at == start || (at == start + 1 && path[start] == '-')) bad(path, start, "expected a number");
  if (at - start > 12) bad(path, start, "index too large");
  return std::stoll(std::string(path.substr(start, at - start)));
}

std::vector<Step> compile(std::string_view path) {
  if (path.empty() || path[0] != '$') bad(path, 0, "a path starts with '$'");
  std::vector<Step> steps;
  std::size_t at = 1;
  while (at < path.size()) {
    Step step;
    if (path[at] == '.') {
      bool deep = at + 1 < path.size() && path[at + 1] == '.';
      at += deep ? 2 : 1;
      if (at < path.size() && path[at] == '*') {
        step.kind = deep ? Step::DeepWildcard : Step::Wildcard;
        ++at;
      } else if (at < path.size() && path[at] == '[' && deep) {
        bad(path, at, "'..[' is outside the supported JSONPath");
      } else {
        std::size_t start = at;
        while (at < path.size() && name_char(path[at])) ++at;
        if (at == start) bad(path, start, "expected a property name");
        step.kind = deep ? Step::DeepName : Step::Name;
        step.name = std::string(path.substr(start, at - start));
      }
    } else if (path[at] == '[') {
      ++at;
      if (at < path.size() && (path[at] == '\'' || path[at] == '"')) {
        char quote = path[at];
        auto close = path.find(quote, at + 1);
        if (close == std::string_view::npos) bad(path, at, "unterminated quoted name");
        step.name = std::string(path.substr(at + 1, close - at - 1));
        at = close + 1;
        if (at < path.size() && path[at] == ',') bad(path, at, "several names in one bracket are outside the supported JSONPath");
      } else if (at < path.size() && path[at] == '*') {
        step.kind = Step::Wildcard;
        ++at;
      } else if (at < path.size() && path[at] == '?') {
        bad(path, at, "filters [?(...)] are outside the supported JSONPath");
      } else {
        if (at < path.size() && path[at] != ':') step.indexes.push_back(number(path, at));
        if (at < path.size() && path[at] == ':') {
          step.kind = Step::Slice;
          if (!step.indexes.empty()) step.from = step.indexes[0];
          ++at;
          if (at < path.size() && path[at] != ']') step.to = number(path, at);
        } else {
          step.kind = Step::Index;
          while (at < path.size() && path[at] == ',') {
            ++at;
            while (at < path.size() && path[at] == ' ') ++at;
            step.indexes.push_back(number(path, at));
            step.kind = Step::Indexes;
          }
        }
      }
      if (at >= path.size() || path[at] != ']') bad(path, at, "expected ']'");
      ++at;
    } else {
      bad(path, at, "expected '.' or '['");
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

void deep(const Json& node, const Step& step, std::vector<const Json*>& out) {
  if (node.is_object()) {
    if (step.kind == Step::DeepName && node.contains(step.name)) out.push_back(&node[step.name]);
    for (const auto& [k, v] : node.items()) {
      if (step.kind == Step::DeepWildcard) out.push_back(&v);
      deep(v, step, out);
    }
  } else if (node.is_array()) {
    for (const auto& v : node) {
      if (step.kind == Step::DeepWildcard) out.push_back(&v);
      deep(v, step, out);
    }
  }
}

}  // namespace

std::optional<Json> jsonpath_select(const Json& root, std::string_view path) {
  std::vector<Step> steps = compile(path);
  bool definite = true;
  for (const auto& s : steps)
    if (s.kind != Step::Name && s.kind != Step::Index) definite = false;
  std::vector<const Json*> current{&root};
  for (const auto& step : steps) {
    std::vector<const Json*> next;
    for (const Json* node : current) {
      switch (step.kind) {
        case Step::Name:
          if (node->is_object() && node->contains(step.name)) next.push_back(&(*node)[step.name]);
          break;
        case Step::Index:
        case Step::Indexes:
          if (!node->is_array()) break;
          for (long long k : step.indexes)
            if (k >= 0 && k < static_cast<long long>(node->size())) next.push_back(&(*node)[static_cast<std::size_t>(k)]);
          break;
        case Step::Wildcard:
          if (node->is_array() || node->is_object())
            for (const auto& [k, v] : node->items()) next.push_back(&v);
          break;
        case Step::Slice: {
          if (!node->is_array()) break;
          long long n = static_cast<long long>(node->size());
          long long from = step.from.value_or(0), to = step.to.value_or(n);
          if (from < 0) from = std::max(0LL, n + from);
          if (to < 0) to = std::max(0LL, n + to);
          for (long long k = from; k < std::min(to, n); ++k) next.push_back(&(*node)[static_cast<std::size_t>(k)]);
          break;
        }
        case Step::DeepName:
        case Step::DeepWildcard: deep(*node, step, next); break;
      }
    }
    current = std::move(next);
    if (definite && current.empty()) return std::nullopt;
  }
  if (definite) return *current.at(0);
  Json out = Json::array();
  for (const Json* v : current) out.push_back(*v);
  return out;
}

}  // namespace formwork::vtl::detail
