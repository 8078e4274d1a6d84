// The checks of a resource's properties against its compact registry schema (docs/l1.md,
// "How the checks read"). A token (`{"Ref": …}`, `{"Fn::…": …}`) is never checked: its value
// is known only at deploy time. Types are read as CloudFormation (and cfn-lint) read them: a
// number or a boolean is a string, "5" is an integer, "true" a boolean.

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "constructs/core/detail/resource_checks.hpp"
#include "schema/detail/data.hpp"
#include "schema/detail/regex.hpp"
#include "schema/schema.hpp"

namespace formwork::schema {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr int kMaxDepth = 100;      // schemas refer to themselves; values are finite, $ref chains are not
constexpr std::size_t kShown = 80;  // characters of a value in a message
constexpr std::size_t kListed = 25; // allowed names or values in a message

bool is_token(const ordered_json& v) {
  if (!v.is_object() || v.size() != 1) return false;
  const std::string& key = v.begin().key();
  return key == "Ref" || key == "Condition" || key.rfind("Fn::", 0) == 0;
}

std::string show(const ordered_json& v) {
  std::string text = v.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  return text.size() <= kShown ? text : text.substr(0, kShown - 3) + "...";
}

std::string show(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < kListed; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > kListed) out += ", ... (" + std::to_string(items.size()) + " in all)";
  return out;
}

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string kind(const ordered_json& v) {
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer() || v.is_number_unsigned()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return "null";
}

bool parses_as(const std::string& s, bool integer) {
  if (s.empty()) return false;
  try {
    std::size_t used = 0;
    if (integer) (void)std::stoll(s, &used);
    else (void)std::stod(s, &used);
    return used == s.size();
  } catch (const std::exception&) {
    return false;
  }
}

// cfn-lint's reading of `type` (what CloudFormation converts): see cfnlint/jsonschema/_keywords_cfn.py.
bool has_type(const ordered_json& v, const std::string& t) {
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  if (t == "null" || v.is_null()) return v.is_null() && t == "null";
  if (t == "string") return !v.is_object() && !v.is_array();
  if (v.is_boolean()) return t == "boolean";
  if (t == "number") return v.is_number() || (v.is_string() && parses_as(v.get<std::string>(), false));
  if (t == "integer") return v.is_number() || (v.is_string() && parses_as(v.get<std::string>(), true));
  if (t == "boolean") {
    if (!v.is_string()) return false;
    const auto& s = v.get_ref<const std::string&>();
    return s == "true" || s == "false" || s == "True" || s == "False";
  }
  return true;
}

bool equal(const ordered_json& v, const json& allowed, bool case_insensitive) {
  if (v.is_string() && allowed.is_string()) {
    const auto& a = v.get_ref<const std::string&>();
    const auto& b = allowed.get_ref<const std::string&>();
    if (!case_insensitive) return a == b;
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  }
  if (v.is_number() && allowed.is_number()) return v.get<double>() == allowed.get<double>();
  // CloudFormation compares the text: 5 is "5", true is "true".
  if (v.is_string() && (allowed.is_number() || allowed.is_boolean())) return v.get<std::string>() == allowed.dump();
  if (allowed.is_string() && (v.is_number() || v.is_boolean())) return v.dump() == allowed.get<std::string>();
  return json::parse(v.dump()) == allowed;
}

std::string range(const json& s, const char* lo, const char* hi, const std::string& unit) {
  const bool has_lo = s.contains(lo), has_hi = s.contains(hi);
  if (has_lo && has_hi) return show(s[lo]) + " to " + show(s[hi]) + unit;
  if (has_lo) return "at least " + show(s[lo]) + unit;
  return "at most " + show(s[hi]) + unit;
}

class Checker {
 public:
  Checker(const json& defs, std::vector<std::string>* out) : defs_(defs), out_(out) {}

  [[nodiscard]] int problems() const { return problems_; }

  void check(const json& s, const ordered_json& v, const std::string& path, int depth = 0) {
    if (!s.is_object() || depth > kMaxDepth || is_token(v)) return;
    if (auto ref = s.find("$"); ref != s.end()) {
      if (ref->is_number_unsigned() && ref->get<std::size_t>() < defs_.size())
        check(defs_[ref->get<std::size_t>()], v, path, depth + 1);
      return;
    }
    if (!type(s, v, path)) return;
    values(s, v, path);
    if (v.is_string()) string(s, v.get_ref<const std::string&>(), v, path);
    if (v.is_number()) number(s, v, path);
    if (v.is_array()) array(s, v, path, depth);
    if (v.is_object()) object(s, v, path, depth);
    combinations(s, v, path, depth);
  }

 private:
  void fail(const std::string& path, const std::string& message) {
    ++problems_;
    if (out_) out_->push_back(path + ": " + message);
  }

  const json& resolve(const json& s, int depth = 0) const {
    auto ref = s.find("$");
    if (ref == s.end() || !ref->is_number_unsigned() || ref->get<std::size_t>() >= defs_.size() || depth > kMaxDepth)
      return s;
    return resolve(defs_[ref->get<std::size_t>()], depth + 1);
  }

  bool type(const json& s, const ordered_json& v, const std::string& path) {
    auto t = s.find("t");
    if (t == s.end()) return true;
    std::vector<std::string> types;
    if (t->is_string()) types.push_back(t->get<std::string>());
    if (t->is_array())
      for (const auto& x : *t)
        if (x.is_string()) types.push_back(x.get<std::string>());
    if (types.empty() || std::any_of(types.begin(), types.end(), [&](const auto& x) { return has_type(v, x); }))
      return true;
    std::string allowed;
    for (const auto& x : types) allowed += (allowed.empty() ? "" : " or ") + x;
    fail(path, show(v) + " is " + kind(v) + ", the schema allows " + allowed);
    return false;
  }

  void values(const json& s, const ordered_json& v, const std::string& path) {
    if (auto e = s.find("e"); e != s.end() && e->is_array()) {
      const bool ci = s.contains("E");
      if (std::none_of(e->begin(), e->end(), [&](const json& x) { return equal(v, x, ci); })) {
        std::vector<std::string> names;
        for (const auto& x : *e) names.push_back(show(x));
        fail(path, show(v) + " is not one of the allowed values: " + listed(names));
      }
    }
    if (auto c = s.find("c"); c != s.end() && !equal(v, *c, false))
      fail(path, show(v) + " is not the one allowed value " + show(*c));
  }

  void string(const json& s, const std::string& text, const ordered_json& v, const std::string& path) {
    const std::size_t n = characters(text);
    const bool too_short = s.contains("l") && n < s["l"].get<std::size_t>();
    const bool too_long = s.contains("L") && n > s["L"].get<std::size_t>();
    if (too_short || too_long)
      fail(path, show(v) + " is " + std::to_string(n) + " characters long, the schema allows " +
                     range(s, "l", "L", " characters"));
    if (auto x = s.find("x"); x != s.end() && x->is_string() && !detail::pattern_matches(x->get<std::string>(), text))
      fail(path, show(v) + " does not match the pattern " + x->get<std::string>());
  }

  void number(const json& s, const ordered_json& v, const std::string& path) {
    const double d = v.get<double>();
    if ((s.contains("m") && d < s["m"].get<double>()) || (s.contains("M") && d > s["M"].get<double>()))
      fail(path, show(v) + " is out of range, the schema allows " + range(s, "m", "M", ""));
  }

  void array(const json& s, const ordered_json& v, const std::string& path, int depth) {
    if ((s.contains("n") && v.size() < s["n"].get<std::size_t>()) || (s.contains("N") && v.size() > s["N"].get<std::size_t>()))
      fail(path, "a list of " + std::to_string(v.size()) + " items, the schema allows " + range(s, "n", "N", " items"));
    if (auto items = s.find("i"); items != s.end() && items->is_object())
      for (std::size_t k = 0; k < v.size(); ++k) check(*items, v[k], path + "[" + std::to_string(k) + "]", depth + 1);
  }

  void object(const json& s, const ordered_json& v, const std::string& path, int depth) {
    const json* props = s.contains("p") && s["p"].is_object() ? &s["p"] : nullptr;
    const json* patterns = s.contains("P") && s["P"].is_object() ? &s["P"] : nullptr;
    const json* additional = s.contains("a") ? &s["a"] : nullptr;
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string where = path + "." + it.key();
      bool known = false;
      if (props && props->contains(it.key())) {
        known = true;
        check((*props)[it.key()], it.value(), where, depth + 1);
      }
      if (patterns)
        for (auto p = patterns->begin(); p != patterns->end(); ++p)
          if (detail::pattern_matches(p.key(), it.key())) {
            known = true;
            check(p.value(), it.value(), where, depth + 1);
          }
      if (known || !additional) continue;
      if (additional->is_boolean() && !additional->get<bool>()) {
        std::vector<std::string> names;
        if (props)
          for (auto p = props->begin(); p != props->end(); ++p) names.push_back(p.key());
        if (patterns)
          for (auto p = patterns->begin(); p != patterns->end(); ++p) names.push_back("/" + p.key() + "/");
        fail(where, "unknown property, the schema allows " + (names.empty() ? std::string("none") : listed(names)));
      } else if (additional->is_object()) {
        check(*additional, it.value(), where, depth + 1);
      }
    }
    if (auto r = s.find("r"); r != s.end() && r->is_array())
      for (const auto& name : *r)
        if (name.is_string() && !v.contains(name.get<std::string>()))
          fail(path, "the required property " + name.get<std::string>() + " is missing");
    for (const char* key : {"D", "R"}) {
      auto deps = s.find(key);
      if (deps == s.end() || !deps->is_object()) continue;
      for (auto d = deps->begin(); d != deps->end(); ++d) {
        if (!v.contains(d.key())) continue;
        if (d->is_array()) {
          for (const auto& name : *d)
            if (name.is_string() && !v.contains(name.get<std::string>()))
              fail(path, d.key() + " is set, so the schema requires " + name.get<std::string>() + " too");
        } else {
          check(*d, v, path, depth + 1);
        }
      }
    }
  }

  // A short reading of one alternative of oneOf / anyOf, for the message.
  std::string describe(const json& alternative) const {
    const json& s = resolve(alternative);
    std::vector<std::string> bits;
    auto names = [](const json& list) {
      std::string out;
      for (const auto& n : list) out += (out.empty() ? "" : ", ") + show(n);
      return out;
    };
    if (s.contains("r")) bits.push_back("required " + names(s["r"]));
    if (s.contains("t")) bits.push_back("type " + (s["t"].is_array() ? names(s["t"]) : show(s["t"])));
    if (s.contains("e")) bits.push_back("one of " + names(s["e"]));
    if (s.contains("c")) bits.push_back("= " + show(s["c"]));
    if (s.contains("x")) bits.push_back("pattern " + show(s["x"]));
    if (s.contains("p") && !s.contains("r")) {
      std::vector<std::string> props;
      for (auto p = s["p"].begin(); p != s["p"].end(); ++p) props.push_back(p.key());
      bits.push_back("properties " + listed(props));
    }
    if (bits.empty()) return "{...}";
    std::string out;
    for (const auto& b : bits) out += (out.empty() ? "" : "; ") + b;
    return "{" + out + "}";
  }

  int matches(const json& alternatives, const ordered_json& v, const std::string& path, int depth, std::string& list) const {
    int n = 0;
    for (const auto& alternative : alternatives) {
      Checker trial(defs_, nullptr);
      trial.check(alternative, v, path, depth + 1);
      n += trial.problems() == 0;
      list += (list.empty() ? "" : ", ") + describe(alternative);
    }
    return n;
  }

  void combinations(const json& s, const ordered_json& v, const std::string& path, int depth) {
    if (auto all = s.find("A"); all != s.end() && all->is_array())
      for (const auto& alternative : *all) check(alternative, v, path, depth + 1);
    if (auto one = s.find("o"); one != s.end() && one->is_array()) {
      std::string list;
      const int n = matches(*one, v, path, depth, list);
      if (n != 1)
        fail(path, show(v) + (n == 0 ? " matches none" : " matches " + std::to_string(n)) +
                       " of the oneOf alternatives, the schema allows exactly one of: " + list);
    }
    if (auto any = s.find("y"); any != s.end() && any->is_array()) {
      std::string list;
      if (matches(*any, v, path, depth, list) == 0)
        fail(path, show(v) + " matches none of the anyOf alternatives, the schema allows at least one of: " + list);
    }
  }

  const json& defs_;
  std::vector<std::string>* out_;
  int problems_ = 0;
};

std::vector<std::string> check_json(std::string_view type, const ordered_json& properties) {
  std::vector<std::string> out;
  const json* schema = detail::find_schema(type);
  if (!schema || !schema->is_array() || schema->empty()) return out;
  Checker(*schema, &out).check((*schema)[0], properties, "Properties");
  return out;
}

}  // namespace

bool known_type(std::string_view type) { return detail::find_schema(type) != nullptr; }

std::size_t type_count() { return detail::schema_count(); }

std::vector<std::string> check_properties(std::string_view type, std::string_view properties_json) {
  ordered_json properties;
  try {
    properties = ordered_json::parse(properties_json);
  } catch (const ordered_json::parse_error& e) {
    throw std::invalid_argument(std::string("properties of ") + std::string(type) + " are not JSON: " + e.what());
  }
  return check_json(type, properties);
}

void install() {
  ::formwork::detail::add_resource_check(&check_json);
  ::formwork::detail::set_tag_lookup(&detail::find_tag_slot);
}

}  // namespace formwork::schema

// Referenced by the `formwork` target's link options (-u), so that this file, and with it the
// registration, is linked into every program that links formwork, with no call from user code.
// (`extern "C" const`, not a braced extern "C" block, in which a const has internal linkage.)
extern "C" const int formwork_schema_checks_installed = (formwork::schema::install(), 1);
