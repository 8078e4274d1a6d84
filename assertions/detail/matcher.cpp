// The recursive match of a Match pattern against a JSON value, collecting every difference.
#include "assertions/detail/matcher.hpp"

#include <regex>

namespace formwork::assertions::detail {

namespace {

using json = nlohmann::ordered_json;
using Kind = Match::Kind;

std::string shown(const json& value) {
  std::string text = value.dump();
  return text.size() > 200 ? text.substr(0, 197) + "..." : text;
}

void fail(std::vector<std::string>& failures, const std::string& path, const std::string& what) {
  failures.push_back((path.empty() ? "/" : path) + ": " + what);
}

std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

bool scalar_equal(const Match& pattern, const json& actual) {
  switch (pattern.kind()) {
    case Kind::Null: return actual.is_null();
    case Kind::Bool: return actual.is_boolean() && actual.get<bool>() == (pattern.integer() != 0);
    case Kind::Integer:
      if (actual.is_number_integer()) return actual.get<long long>() == pattern.integer();
      return actual.is_number_float() && actual.get<double>() == static_cast<double>(pattern.integer());
    case Kind::Number: return actual.is_number() && actual.get<double>() == pattern.number();
    case Kind::String: return actual.is_string() && actual.get<std::string>() == pattern.text();
    default: return false;
  }
}

void match_object(const Match& pattern, const json& actual, bool partial, const std::string& path,
                  std::vector<std::string>& failures) {
  if (!actual.is_object()) {
    fail(failures, path, "expected an object " + pattern.to_string() + ", got " + shown(actual));
    return;
  }
  for (const auto& [key, item] : pattern.entries()) {
    auto it = actual.find(key);
    match(item, it == actual.end() ? nullptr : &*it, partial, path + "/" + escape_pointer(key), failures);
  }
  if (partial) return;
  for (const auto& [key, item] : actual.items()) {
    bool expected = false;
    for (const auto& entry : pattern.entries()) expected = expected || entry.first == key;
    if (!expected) fail(failures, path + "/" + escape_pointer(key), "unexpected key, with value " + shown(item));
  }
}

void match_array_with(const Match& pattern, const json& actual, bool partial, const std::string& path,
                      std::vector<std::string>& failures) {
  if (!actual.is_array()) {
    fail(failures, path, "expected an array with " + pattern.to_string() + ", got " + shown(actual));
    return;
  }
  std::size_t next = 0;  // items must appear in order
  for (std::size_t i = 0; i < pattern.items().size(); ++i) {
    bool found = false;
    for (; next < actual.size() && !found; ++next) {
      std::vector<std::string> ignored;
      match(pattern.items()[i], &actual[next], partial, path, ignored);
      found = ignored.empty();
    }
    if (!found) {
      fail(failures, path,
           "expected an array containing " + pattern.items()[i].to_string() +
               (i > 0 ? " (after the elements matched before it)" : "") + ", got " + shown(actual));
      return;
    }
  }
}

}  // namespace

void match(const Match& pattern, const json* actual, bool partial, const std::string& path,
           std::vector<std::string>& failures) {
  if (pattern.kind() == Kind::Absent) {
    if (actual != nullptr) fail(failures, path, "expected no value, got " + shown(*actual));
    return;
  }
  if (actual == nullptr) {
    fail(failures, path, "missing, expected " + pattern.to_string());
    return;
  }
  switch (pattern.kind()) {
    case Kind::AnyValue:
    case Kind::Absent: return;
    case Kind::Null:
    case Kind::Bool:
    case Kind::Integer:
    case Kind::Number:
    case Kind::String:
      if (!scalar_equal(pattern, *actual))
        fail(failures, path, "expected " + pattern.to_string() + ", got " + shown(*actual));
      return;
    case Kind::Array:
      if (!actual->is_array() || actual->size() != pattern.items().size()) {
        fail(failures, path, "expected " + pattern.to_string() + ", got " + shown(*actual));
        return;
      }
      for (std::size_t i = 0; i < pattern.items().size(); ++i)
        match(pattern.items()[i], &(*actual)[i], partial, path + "/" + std::to_string(i), failures);
      return;
    case Kind::Object: match_object(pattern, *actual, partial, path, failures); return;
    case Kind::ObjectLike: match_object(pattern, *actual, true, path, failures); return;
    case Kind::ObjectEquals: match_object(pattern, *actual, false, path, failures); return;
    case Kind::ArrayWith: match_array_with(pattern, *actual, partial, path, failures); return;
    case Kind::StringLikeRegexp: {
      std::regex re;
      try {
        re = std::regex(pattern.text(), std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        fail(failures, path, "invalid regular expression " + pattern.to_string());
        return;
      }
      if (!actual->is_string() || !std::regex_search(actual->get<std::string>(), re))
        fail(failures, path, "expected a string matching " + pattern.to_string() + ", got " + shown(*actual));
      return;
    }
    case Kind::Exact: match(pattern.items().at(0), actual, false, path, failures); return;
    case Kind::Not: {
      std::vector<std::string> inner;
      match(pattern.items().at(0), actual, partial, path, inner);
      if (inner.empty()) fail(failures, path, "expected a value not matching " + pattern.items().at(0).to_string() +
                                                  ", got " + shown(*actual));
      return;
    }
  }
}

std::vector<std::string> differences(const Match& pattern, const json* actual) {
  std::vector<std::string> failures;
  match(pattern, actual, true, "", failures);
  return failures;
}

}  // namespace formwork::assertions::detail
