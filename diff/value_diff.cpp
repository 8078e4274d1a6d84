#include "diff/value_diff.hpp"

#include <algorithm>
#include <string_view>

namespace formwork::diff {
namespace {

// Keys that identify an element of a list of objects (tags, statements, attributes, …),
// so that a changed element is paired with its old self rather than reported as -/+.
constexpr const char* kIdentityKeys[] = {"Sid", "Key", "Name", "Id", "AttributeName", "IndexName", "PolicyName"};

bool is_scalar(const Json& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

std::string scalar_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string index_segment(std::size_t index) { return "[" + std::to_string(index) + "]"; }

void push(std::vector<Change>& out, ChangeKind kind, const std::vector<std::string>& path, const Json* before,
          const Json* after) {
  Change change{.kind = kind, .path = path};
  if (before) change.old_value = *before;
  if (after) change.new_value = *after;
  out.push_back(std::move(change));
}

// How alike two list elements are, to pair a modified element with its old self.
double element_similarity(const Json& a, const Json& b) {
  if (a.is_object() && b.is_object() && !is_intrinsic(a) && !is_intrinsic(b)) {
    std::size_t total = 0, equal = 0;
    for (auto it = a.begin(); it != a.end(); ++it) {
      ++total;
      auto found = b.find(it.key());
      if (found != b.end() && same(*found, it.value())) ++equal;
    }
    for (auto it = b.begin(); it != b.end(); ++it)
      if (!a.contains(it.key())) ++total;
    return total == 0 ? 1.0 : static_cast<double>(equal) / static_cast<double>(total);
  }
  if (a.is_array() && b.is_array()) return similarity(leaves(a), leaves(b));
  return 0.0;
}

bool same_identity(const Json& a, const Json& b) {
  if (!a.is_object() || !b.is_object()) return false;
  for (const char* key : kIdentityKeys) {
    auto x = a.find(key), y = b.find(key);
    if (x != a.end() && y != b.end()) return same(*x, *y);
  }
  return false;
}

// Matches the elements of one gap between equal runs: by identity key, then by likeness;
// what is left is removed or added.
void compare_gap(const Json& before, const Json& after, std::size_t i0, std::size_t i1, std::size_t j0,
                 std::size_t j1, std::vector<std::string>& path, std::vector<Change>& out) {
  std::vector<std::ptrdiff_t> partner(i1 - i0, -1);
  std::vector<bool> taken(j1 - j0, false);
  for (std::size_t i = i0; i < i1; ++i)
    for (std::size_t j = j0; j < j1; ++j)
      if (!taken[j - j0] && same_identity(before[i], after[j])) {
        partner[i - i0] = static_cast<std::ptrdiff_t>(j);
        taken[j - j0] = true;
        break;
      }
  for (std::size_t i = i0; i < i1; ++i) {
    if (partner[i - i0] >= 0) continue;
    double best = 0.5;  // less alike than this: a removal and an addition
    std::ptrdiff_t best_j = -1;
    for (std::size_t j = j0; j < j1; ++j) {
      if (taken[j - j0]) continue;
      double score = element_similarity(before[i], after[j]);
      if (score >= best) best = score, best_j = static_cast<std::ptrdiff_t>(j);
    }
    if (best_j >= 0) {
      partner[i - i0] = best_j;
      taken[static_cast<std::size_t>(best_j) - j0] = true;
    }
  }
  // Report in new-list order, removals at their old position.
  for (std::size_t i = i0; i < i1; ++i) {
    if (partner[i - i0] >= 0) continue;
    path.push_back(index_segment(i));
    push(out, ChangeKind::Removed, path, &before[i], nullptr);
    path.pop_back();
  }
  for (std::size_t j = j0; j < j1; ++j) {
    path.push_back(index_segment(j));
    if (!taken[j - j0]) {
      push(out, ChangeKind::Added, path, nullptr, &after[j]);
    } else {
      for (std::size_t i = i0; i < i1; ++i)
        if (partner[i - i0] == static_cast<std::ptrdiff_t>(j)) compare(before[i], after[j], path, out);
    }
    path.pop_back();
  }
}

// The identity key every element of both lists has, with values unique on each side, or
// nullptr: such lists (tags, named statements) are compared as keyed sets.
const char* identity_key(const Json& before, const Json& after) {
  for (const char* key : kIdentityKeys) {
    bool usable = true;
    for (const Json* list : {&before, &after}) {
      std::vector<std::string> seen;
      for (const auto& element : *list) {
        auto found = element.is_object() ? element.find(key) : element.end();
        if (!element.is_object() || found == element.end() || !is_scalar(*found)) {
          usable = false;
          break;
        }
        seen.push_back(scalar_text(*found));
      }
      std::sort(seen.begin(), seen.end());
      usable = usable && std::adjacent_find(seen.begin(), seen.end()) == seen.end();
      if (!usable) break;
    }
    if (usable) return key;
  }
  return nullptr;
}

void compare_keyed(const Json& before, const Json& after, const char* key, std::vector<std::string>& path,
                   std::vector<Change>& out) {
  auto find = [key](const Json& list, const Json& element) -> std::ptrdiff_t {
    for (std::size_t k = 0; k < list.size(); ++k)
      if (same(list[k][key], element[key])) return static_cast<std::ptrdiff_t>(k);
    return -1;
  };
  for (std::size_t i = 0; i < before.size(); ++i)
    if (find(after, before[i]) < 0) {
      path.push_back(index_segment(i));
      push(out, ChangeKind::Removed, path, &before[i], nullptr);
      path.pop_back();
    }
  for (std::size_t j = 0; j < after.size(); ++j) {
    path.push_back(index_segment(j));
    auto i = find(before, after[j]);
    if (i < 0) push(out, ChangeKind::Added, path, nullptr, &after[j]);
    else compare(before[static_cast<std::size_t>(i)], after[j], path, out);
    path.pop_back();
  }
}

void compare_lists(const Json& before, const Json& after, std::vector<std::string>& path, std::vector<Change>& out) {
  if (!before.empty() && !after.empty()) {
    if (const char* key = identity_key(before, after)) {
      compare_keyed(before, after, key, path, out);
      return;
    }
  }
  const std::size_t n = before.size(), m = after.size();
  // Longest common subsequence of equal elements; beyond this size, pair by index (lists in
  // templates are short; this bounds the time on pathological input).
  constexpr std::size_t kMaxCells = 4'000'000;
  std::vector<std::pair<std::size_t, std::size_t>> anchors;
  if ((n + 1) * (m + 1) <= kMaxCells) {
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        lcs[i][j] = same(before[i], after[j]) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    for (std::size_t i = 0, j = 0; i < n && j < m;) {
      if (same(before[i], after[j])) {
        anchors.emplace_back(i++, j++);
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        ++i;
      } else {
        ++j;
      }
    }
  } else {
    for (std::size_t k = 0; k < std::min(n, m); ++k)
      if (same(before[k], after[k])) anchors.emplace_back(k, k);
  }
  anchors.emplace_back(n, m);
  std::size_t i = 0, j = 0;
  for (auto [ai, aj] : anchors) {
    if (ai > i || aj > j) compare_gap(before, after, i, ai, j, aj, path, out);
    i = ai + 1;
    j = aj + 1;
  }
}

void collect_leaves(const Json& value, std::string& prefix, std::vector<std::string>& out) {
  if (value.is_object() && !value.empty() && !is_intrinsic(value)) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      auto size = prefix.size();
      prefix += "/" + it.key();
      collect_leaves(it.value(), prefix, out);
      prefix.resize(size);
    }
  } else if (value.is_array() && !value.empty()) {
    for (std::size_t k = 0; k < value.size(); ++k) {
      auto size = prefix.size();
      prefix += "/" + std::to_string(k);
      collect_leaves(value[k], prefix, out);
      prefix.resize(size);
    }
  } else {
    out.push_back(
        prefix + "=" +
        (is_scalar(value) ? scalar_text(value) : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  }
}

bool plain_scalar(const std::string& text) {
  // Values are shown in YAML flow style: flow indicators matter anywhere, a colon or hash next
  // to a space, and indicators at the start.
  if (text.empty() || text.find_first_of("{}[],\n") != std::string::npos) return false;
  if (text.find(": ") != std::string::npos || text.find(" #") != std::string::npos || text.back() == ':') return false;
  if (std::string_view("&*!|>'\"%@`-?#: ").find(text.front()) != std::string_view::npos || text.back() == ' ')
    return false;
  static const char* kReserved[] = {"true", "false", "yes", "no", "on", "off", "null", "~", "True", "False"};
  for (const char* word : kReserved)
    if (text == word) return false;
  // Would read back as a number.
  return text.find_first_not_of("0123456789.+-eExXoO_") != std::string::npos;
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "'";
}

std::string render(const Json& v);

std::string render_string(const Json& v) {
  const auto text = v.get<std::string>();
  return plain_scalar(text) ? text : quoted(text);
}

std::string render_intrinsic(const std::string& name, const Json& arg) {
  if (name == "Ref" && arg.is_string()) return "!Ref " + arg.get<std::string>();
  if (name == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_string())
    return "!GetAtt " + arg[0].get<std::string>() + "." + arg[1].get<std::string>();
  std::string tag = name.rfind("Fn::", 0) == 0 ? "!" + name.substr(4) : name;
  return tag + " " + render(arg);
}

std::string render(const Json& v) {
  if (v.is_string()) return render_string(v);
  if (v.is_null()) return "null";
  if (is_scalar(v)) return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (is_intrinsic(v)) return render_intrinsic(v.begin().key(), v.begin().value());
  std::string out;
  if (v.is_array()) {
    out = "[";
    for (std::size_t k = 0; k < v.size(); ++k) out += (k ? ", " : "") + render(v[k]);
    return out + "]";
  }
  out = "{";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    out += (first ? "" : ", ") + it.key() + ": " + render(it.value());
    first = false;
  }
  return out + "}";
}

}  // namespace

Json canonical(const nlohmann::ordered_json& value) {
  if (value.is_object()) {
    if (value.size() == 1) {
      // Iterator, not items(): items() returns a proxy whose elements die with it.
      const auto first = value.begin();
      const std::string& key = first.key();
      const auto& arg = first.value();
      if (key == "Fn::GetAtt" && arg.is_string()) {
        auto text = arg.get<std::string>();
        auto dot = text.find('.');
        if (dot != std::string::npos) return Json{{"Fn::GetAtt", Json::array({text.substr(0, dot), text.substr(dot + 1)})}};
      }
      if (key == "Fn::Sub" && arg.is_array() && arg.size() == 2 && arg[1].is_object() && arg[1].empty())
        return Json{{"Fn::Sub", canonical(arg[0])}};
    }
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = canonical(it.value());
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& element : value) out.push_back(canonical(element));
    return out;
  }
  return Json(value);
}

bool same(const Json& a, const Json& b) {
  if (is_scalar(a) && is_scalar(b)) {
    if (a.type() == b.type()) return a == b;
    return scalar_text(a) == scalar_text(b);
  }
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y)  // std::map: same key order
      if (x.key() != y.key() || !same(x.value(), y.value())) return false;
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
      if (!same(a[k], b[k])) return false;
    return true;
  }
  return a == b;
}

bool is_intrinsic(const Json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const auto& key = value.begin().key();
  return key == "Ref" || key == "Condition" || key.rfind("Fn::", 0) == 0;
}

void compare(const Json& before, const Json& after, std::vector<std::string>& path, std::vector<Change>& out) {
  if (same(before, after)) return;
  if (before.is_object() && after.is_object() && !is_intrinsic(before) && !is_intrinsic(after)) {
    for (auto it = before.begin(); it != before.end(); ++it) {
      path.push_back(it.key());
      auto found = after.find(it.key());
      if (found == after.end()) push(out, ChangeKind::Removed, path, &it.value(), nullptr);
      else compare(it.value(), *found, path, out);
      path.pop_back();
    }
    for (auto it = after.begin(); it != after.end(); ++it) {
      if (before.contains(it.key())) continue;
      path.push_back(it.key());
      push(out, ChangeKind::Added, path, nullptr, &it.value());
      path.pop_back();
    }
    return;
  }
  if (before.is_array() && after.is_array()) {
    compare_lists(before, after, path, out);
    return;
  }
  push(out, ChangeKind::Modified, path, &before, &after);
}

std::vector<std::string> leaves(const Json& value) {
  std::vector<std::string> out;
  std::string prefix;
  collect_leaves(value, prefix, out);
  std::sort(out.begin(), out.end());
  return out;
}

double similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t common = 0;
  for (auto x = a.begin(), y = b.begin(); x != a.end() && y != b.end();) {
    if (*x == *y) ++common, ++x, ++y;
    else if (*x < *y) ++x;
    else ++y;
  }
  return static_cast<double>(common) / static_cast<double>(std::max(a.size(), b.size()));
}

std::string render_value(const Json& value, std::size_t max_length) {
  auto text = render(value);
  if (text.size() > max_length) {
    std::size_t cut = max_length;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    text = text.substr(0, cut) + "…";
  }
  return text;
}

}  // namespace formwork::diff
