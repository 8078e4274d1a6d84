#pragma once

// The small mechanism under every generated L1 construct (constructs/cfn/*.generated.hpp):
// member types that hold a literal of their schema type or a token, and `put`, which writes
// a member into the properties map. Every member type is a Value, so serialization is one
// line a member and a token fits anywhere the schema allows a value.

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "constructs/core/value.hpp"

namespace formwork::cfn {

/// A property of any JSON type, or of several (`PolicyDocument`), or a token.
using Json = ::formwork::Value;

/// A string property: a literal or a token (`Value::ref(param)`, `bucket.attr_arn()`, `Value::sub(…)`).
struct String : Value {
  String(const char* s) : Value(s) {}
  String(std::string s) : Value(std::move(s)) {}
  String(std::string_view s) : Value(s) {}
  String(Value token) : Value(std::move(token)) {}
};

/// An integer property: a literal or a token.
struct Integer : Value {
  Integer(int i) : Value(i) {}
  Integer(long i) : Value(i) {}
  Integer(long long i) : Value(i) {}
  Integer(unsigned i) : Value(i) {}
  Integer(Value token) : Value(std::move(token)) {}
  Integer(const char*) = delete;
};

/// A number property: a literal or a token.
struct Number : Value {
  Number(double d) : Value(d) {}
  Number(int i) : Value(i) {}
  Number(long i) : Value(i) {}
  Number(long long i) : Value(i) {}
  Number(Value token) : Value(std::move(token)) {}
  Number(const char*) = delete;
};

/// A boolean property: a literal or a token.
struct Boolean : Value {
  Boolean(bool b) : Value(b) {}
  Boolean(Value token) : Value(std::move(token)) {}
  Boolean(const char*) = delete;
  Boolean(int) = delete;
};

namespace detail {
template <class T>
Value element_value(const T& item) {
  if constexpr (std::is_base_of_v<Value, T>) {
    return static_cast<const Value&>(item);
  } else {
    return to_value(item);  // a generated property struct, found by argument-dependent lookup
  }
}
}  // namespace detail

/// A nested property type (a generated struct), or a token standing for one (`Value::if_(…)`).
/// Default: absent (left out of the template).
template <class S>
struct Object : Value {
  Object() = default;
  Object(const S& s) : Value(detail::element_value(s)) {}
  Object(Value token) : Value(std::move(token)) {}
};

/// A list property. Default: absent (left out of the template). Holds the items or one
/// token that stands for the whole list (`Value::get_azs()`, a `List<…>` parameter).
template <class T>
struct List : Value {
  List() = default;
  List(std::initializer_list<T> items) : Value(convert(items.begin(), items.end())) {}
  List(const std::vector<T>& items) : Value(convert(items.begin(), items.end())) {}
  List(Value token) : Value(std::move(token)) {}

 private:
  template <class It>
  static Value::List convert(It first, It last) {
    Value::List out;
    for (; first != last; ++first) out.push_back(detail::element_value(*first));
    return out;
  }
};

/// A map property with string keys. Default: absent. Holds the entries or one token.
template <class T>
struct Map : Value {
  Map() = default;
  Map(std::initializer_list<std::pair<const std::string, T>> entries) : Value(convert(entries)) {}
  Map(const std::map<std::string, T>& entries) : Value(convert(entries)) {}
  Map(Value token) : Value(std::move(token)) {}

 private:
  template <class C>
  static Value::Map convert(const C& entries) {
    Value::Map out;
    for (const auto& [key, value] : entries) out.emplace_back(key, detail::element_value(value));
    return out;
  }
};

/// A required member: the same type without a default, so leaving it out of a designated
/// initializer does not compile.
template <class T>
struct Required : T {
  using T::T;
  Required(T value) : T(std::move(value)) {}
  Required() = delete;
};

/// Writes a member into a properties map; an absent (null) value is left out.
void put(Value::Map& out, const char* name, const Value& value);
template <class T>
void put(Value::Map& out, const char* name, const std::optional<T>& value) {
  if (value) put(out, name, static_cast<const Value&>(*value));
}

}  // namespace formwork::cfn
