#pragma once

// Values of the VTL engine, shaped like the Java objects Velocity sees in API Gateway:
// Integer/Long (int64), Double, String, Boolean, ArrayList or json-smart's JSONArray (a list
// with `json` set: its toString() is JSON), LinkedHashMap/TreeMap (ordered entries),
// String[] from split() (`array` set: rendering one is an error, Java prints a hash), map
// entries, a #define block, and the $input/$util objects.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork::vtl::detail {

struct Node;
struct Value;
using ListPtr = std::shared_ptr<std::vector<Value>>;

struct MapData {
  std::vector<std::pair<std::string, Value>> entries;  // insertion order (LinkedHashMap)
  [[nodiscard]] const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  void put(std::string key, Value value);
  bool remove(std::string_view key);
};
using MapPtr = std::shared_ptr<MapData>;

enum class Kind { Null, Bool, Int, Double, String, List, Map, Entry, Block, Input, Util };

struct Value {
  Kind kind = Kind::Null;
  bool b = false;
  std::int64_t i = 0;
  double d = 0;
  std::string s;                     // String; Entry key
  ListPtr list;                      // List; Entry value is list->at(0)
  MapPtr map;                        // Map
  bool json = false;                 // List: json-smart JSONArray
  bool array = false;                // List: a Java String[] from split()
  const Node* block = nullptr;       // Block: a #define body

  static Value null() { return {}; }
  static Value boolean(bool v) { Value r; r.kind = Kind::Bool; r.b = v; return r; }
  static Value integer(std::int64_t v) { Value r; r.kind = Kind::Int; r.i = v; return r; }
  static Value real(double v) { Value r; r.kind = Kind::Double; r.d = v; return r; }
  static Value string(std::string v) { Value r; r.kind = Kind::String; r.s = std::move(v); return r; }
  static Value new_list(std::vector<Value> items = {}, bool json = false);
  static Value new_map();
  static Value entry(std::string key, Value value);

  [[nodiscard]] bool is_null() const { return kind == Kind::Null; }
  [[nodiscard]] bool is_number() const { return kind == Kind::Int || kind == Kind::Double; }
  [[nodiscard]] double as_double() const { return kind == Kind::Int ? static_cast<double>(i) : d; }
};

/// Values nest at most this deep when printed or compared (a list added to itself would
/// recurse forever; Java overflows its stack): deeper is std::invalid_argument.
constexpr int kMaxValueDepth = 64;

/// Java's Double.toString.
std::string java_double(double v);
/// Java's toString() of the value (AbstractMap/AbstractCollection formats, JSONArray as JSON).
/// Throws std::invalid_argument for a String[] (Java would print an identity hash).
std::string to_java_string(const Value& v, int depth = 0);
/// Velocity 1.7's == : numbers by value, same kinds by equals(), otherwise by toString().
bool velocity_equals(const Value& a, const Value& b);
/// Java's equals() (List.contains, Map.containsKey).
bool java_equals(const Value& a, const Value& b, int depth = 0);
/// Velocity 1.7's truth: null is false, a Boolean is itself, anything else is true.
bool truthy(const Value& v);

/// What json-smart (under Jayway JsonPath) builds from JSON: maps, JSONArray lists, Integer/Long,
/// Double, String, Boolean, null.
Value from_json(const nlohmann::ordered_json& j, int depth = 0);
/// Compact JSON: nlohmann's escaping, Java's number text ($input.json, $util and the harness agree).
std::string to_json_text(const Value& v, int depth = 0);

}  // namespace formwork::vtl::detail
