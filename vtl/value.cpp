#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "vtl/detail/value.hpp"

namespace formwork::vtl::detail {

const Value* MapData::find(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

Value* MapData::find(std::string_view key) {
  for (auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

void MapData::put(std::string key, Value value) {
  if (auto* v = find(key)) {
    *v = std::move(value);
    return;
  }
  entries.emplace_back(std::move(key), std::move(value));
}

bool MapData::remove(std::string_view key) {
  for (auto it = entries.begin(); it != entries.end(); ++it)
    if (it->first == key) {
      entries.erase(it);
      return true;
    }
  return false;
}

Value Value::new_list(std::vector<Value> items, bool is_json) {
  Value r;
  r.kind = Kind::List;
  r.list = std::make_shared<std::vector<Value>>(std::move(items));
  r.json = is_json;
  return r;
}

Value Value::new_map() {
  Value r;
  r.kind = Kind::Map;
  r.map = std::make_shared<MapData>();
  return r;
}

Value Value::entry(std::string key, Value value) {
  Value r;
  r.kind = Kind::Entry;
  r.s = std::move(key);
  r.list = std::make_shared<std::vector<Value>>(1, std::move(value));
  return r;
}

std::string java_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // [-]d[.ddd]e[+-]XX
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  auto e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  double magnitude = std::fabs(v);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    std::string out;
    if (exponent >= 0) {
      std::string whole = digits.substr(0, std::min<std::size_t>(digits.size(), exponent + 1));
      while (static_cast<int>(whole.size()) < exponent + 1) whole += '0';
      std::string frac = digits.size() > static_cast<std::size_t>(exponent + 1) ? digits.substr(exponent + 1) : "0";
      out = whole + "." + frac;
    } else {
      out = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    return sign + out;
  }
  std::string mantissa = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  return sign + mantissa + "E" + std::to_string(exponent);
}

namespace {

void json_smart_quote(const std::string& s, std::string& out) {
  // json-smart's JStylerObj escape (protect4Web): '/' as "\/", C0, DEL..0x9F and U+2000..U+20FF
  // as \uXXXX with upper-case hex. Works on UTF-8, decoding code points for the ranges.
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned cp = c;
    std::size_t len = 1;
    if (c >= 0xC0 && c < 0xE0 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if (c >= 0xE0 && c < 0xF0 && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
    }
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '/': out += "\\/"; break;
      default:
        if (cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x2000 && cp <= 0x20FF)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", cp);
          out += buf;
        } else {
          out.append(s, i, len);
        }
    }
    i += len;
  }
  out += '"';
}

void json_smart(const Value& v, std::string& out, int depth) {
  if (depth > kMaxValueDepth) throw std::invalid_argument("value nested deeper than 64 levels");
  switch (v.kind) {
    case Kind::String: json_smart_quote(v.s, out); return;
    case Kind::List: {
      out += '[';
      for (std::size_t k = 0; k < v.list->size(); ++k) {
        if (k) out += ',';
        json_smart((*v.list)[k], out, depth + 1);
      }
      out += ']';
      return;
    }
    case Kind::Map: {
      out += '{';
      bool first = true;
      for (const auto& [key, val] : v.map->entries) {
        if (!first) out += ',';
        first = false;
        json_smart_quote(key, out);
        out += ':';
        json_smart(val, out, depth + 1);
      }
      out += '}';
      return;
    }
    case Kind::Null: out += "null"; return;
    default: out += to_java_string(v, depth);
  }
}

}  // namespace

std::string to_java_string(const Value& v, int depth) {
  if (depth > kMaxValueDepth) throw std::invalid_argument("value nested deeper than 64 levels");
  switch (v.kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return v.b ? "true" : "false";
    case Kind::Int: return std::to_string(v.i);
    case Kind::Double: return java_double(v.d);
    case Kind::String: return v.s;
    case Kind::List: {
      if (v.array) throw std::invalid_argument("a Java String[] (from split()) prints as an identity hash");
      std::string out;
      if (v.json) {
        json_smart(v, out, depth);
        return out;
      }
      out = "[";
      for (std::size_t k = 0; k < v.list->size(); ++k) {
        if (k) out += ", ";
        out += to_java_string((*v.list)[k], depth + 1);
      }
      return out + "]";
    }
    case Kind::Map: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, val] : v.map->entries) {
        if (!first) out += ", ";
        first = false;
        out += key + "=" + to_java_string(val, depth + 1);
      }
      return out + "}";
    }
    case Kind::Entry: return v.s + "=" + to_java_string(v.list->at(0), depth + 1);
    default: throw std::invalid_argument("this object has no stable text in Java");
  }
}

bool java_equals(const Value& a, const Value& b, int depth) {
  if (depth > kMaxValueDepth) throw std::invalid_argument("value nested deeper than 64 levels");
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Null: return true;
    case Kind::Bool: return a.b == b.b;
    case Kind::Int: return a.i == b.i;
    case Kind::Double: return a.d == b.d;
    case Kind::String: return a.s == b.s;
    case Kind::List: {
      if (a.list->size() != b.list->size()) return false;
      for (std::size_t k = 0; k < a.list->size(); ++k)
        if (!java_equals((*a.list)[k], (*b.list)[k], depth + 1)) return false;
      return true;
    }
    case Kind::Map: {
      if (a.map->entries.size() != b.map->entries.size()) return false;
      for (const auto& [key, val] : a.map->entries) {
        const Value* other = b.map->find(key);
        if (!other || !java_equals(val, *other, depth + 1)) return false;
      }
      return true;
    }
    case Kind::Entry: return a.s == b.s && java_equals(a.list->at(0), b.list->at(0), depth + 1);
    default: return &a == &b;
  }
}

bool velocity_equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.is_number() && b.is_number()) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) return a.i == b.i;
    return a.as_double() == b.as_double();
  }
  if (a.kind == b.kind) return java_equals(a, b);
  return to_java_string(a) == to_java_string(b);
}

bool truthy(const Value& v) {
  if (v.is_null()) return false;
  if (v.kind == Kind::Bool) return v.b;
  return true;
}

Value from_json(const nlohmann::ordered_json& j, int depth) {
  if (depth > 512) throw std::invalid_argument("JSON nested deeper than 512 levels");
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::null: return Value::null();
    case nlohmann::ordered_json::value_t::boolean: return Value::boolean(j.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return Value::integer(j.get<std::int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: {
      auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(INT64_MAX)) return Value::real(static_cast<double>(u));
      return Value::integer(static_cast<std::int64_t>(u));
    }
    case nlohmann::ordered_json::value_t::number_float: return Value::real(j.get<double>());
    case nlohmann::ordered_json::value_t::string: return Value::string(j.get<std::string>());
    case nlohmann::ordered_json::value_t::array: {
      std::vector<Value> items;
      for (const auto& e : j) items.push_back(from_json(e, depth + 1));
      return Value::new_list(std::move(items), true);
    }
    case nlohmann::ordered_json::value_t::object: {
      Value m = Value::new_map();
      for (auto it = j.begin(); it != j.end(); ++it) m.map->put(it.key(), from_json(it.value(), depth + 1));
      return m;
    }
    default: return Value::null();
  }
}

std::string to_json_text(const Value& v, int depth) {
  if (depth > kMaxValueDepth) throw std::invalid_argument("value nested deeper than 64 levels");
  switch (v.kind) {
    case Kind::Null: return "null";
    case Kind::String: return nlohmann::ordered_json(v.s).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    case Kind::List: {
      std::string out = "[";
      for (std::size_t k = 0; k < v.list->size(); ++k) {
        if (k) out += ',';
        out += to_json_text((*v.list)[k], depth + 1);
      }
      return out + "]";
    }
    case Kind::Map: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, val] : v.map->entries) {
        if (!first) out += ',';
        first = false;
        out += to_json_text(Value::string(key)) + ":" + to_json_text(val, depth + 1);
      }
      return out + "}";
    }
    default: return to_java_string(v);
  }
}

}  // namespace formwork::vtl::detail
