#pragma once

// What the evaluator (eval.cpp) shares with the Java methods (methods.cpp), API Gateway's
// $input/$util/$context (util.cpp), Java regex through PCRE2 (regex.cpp) and JSONPath.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vtl/detail/ast.hpp"
#include "vtl/vtl.hpp"

namespace formwork::vtl::detail {

struct Env {
  const RenderInput* input = nullptr;
  std::string template_name;
  std::optional<nlohmann::ordered_json> body;  // parsed on first use by $input.path/json
};

/// Where a method is called: errors name the template, line and column.
struct Site {
  Env& env;
  Pos pos;
  [[noreturn]] void fail(const std::string& message) const {
    throw Error(env.template_name, pos.line, pos.column, message);
  }
};

// methods.cpp: Java's String, List, Map and Map.Entry methods and bean properties.
Value call_method(const Value& self, const std::string& name, const std::vector<Value>& args, const Site& site);
Value get_property(const Value& self, const std::string& name, const Site& site);
std::u16string to_utf16(std::string_view s, const Site& site);
std::string to_utf8(std::u16string_view s);

// util.cpp: $input, $util and the maps of $context, $stageVariables, $input.params().
Value call_input(const std::string& name, const std::vector<Value>& args, const Site& site);
Value call_util(const std::string& name, const std::vector<Value>& args, const Site& site);
Value make_context(const Context& context);
Value make_string_map(const std::map<std::string, std::string>& values);

// regex.cpp: java.util.regex semantics on PCRE2.
std::string java_replace(const std::string& subject, const std::string& regex, const std::string& replacement,
                         bool first_only, const Site& site);
bool java_matches(const std::string& subject, const std::string& regex, const Site& site);
std::vector<std::string> java_split(const std::string& subject, const std::string& regex, int limit, const Site& site);

// jsonpath.cpp: Jayway JsonPath 2.0 over nlohmann's ordered JSON. Throws std::invalid_argument
// for a bad or unsupported path. A definite path that matches nothing gives nullopt; an
// indefinite one (wildcard, deep scan, slice, several indexes) gives an array.
std::optional<nlohmann::ordered_json> jsonpath_select(const nlohmann::ordered_json& root, std::string_view path);

}  // namespace formwork::vtl::detail
