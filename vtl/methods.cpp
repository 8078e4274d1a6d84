// The Java methods mapping templates call on String, List (ArrayList, JSONArray, String[]),
// Map (LinkedHashMap) and Map.Entry, and Velocity's bean properties on them. Anything else is
// an error naming the method: the engine never guesses what Java would do.

#include <algorithm>

#include "vtl/detail/runtime.hpp"

namespace formwork::vtl::detail {

std::u16string to_utf16(std::string_view s, const Site& site) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) site.fail("string is not valid UTF-8");
    cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) site.fail("string is not valid UTF-8");
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
    i += len;
  }
  return out;
}

std::string to_utf8(std::u16string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t cp = s[i];
    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

namespace {

const std::string& str_arg(const std::vector<Value>& args, std::size_t k, const std::string& method, const Site& site) {
  if (k >= args.size() || args[k].kind != Kind::String)
    site.fail("." + method + "() needs a string as argument " + std::to_string(k + 1));
  return args[k].s;
}

std::int64_t int_arg(const std::vector<Value>& args, std::size_t k, const std::string& method, const Site& site) {
  if (k >= args.size() || args[k].kind != Kind::Int)
    site.fail("." + method + "() needs an integer as argument " + std::to_string(k + 1));
  return args[k].i;
}

bool ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

Value index_result(std::size_t pos) {
  return Value::integer(pos == std::u16string::npos ? -1 : static_cast<std::int64_t>(pos));
}

Value string_method(const std::string& s, const std::string& name, const std::vector<Value>& args, const Site& site) {
  const std::size_t n = args.size();
  if (name == "toString" && n == 0) return Value::string(s);
  if (name == "length" && n == 0) return Value::integer(static_cast<std::int64_t>(to_utf16(s, site).size()));
  if (name == "isEmpty" && n == 0) return Value::boolean(s.empty());
  if ((name == "toLowerCase" || name == "toUpperCase") && n == 0) {
    if (!ascii(s)) site.fail("." + name + "() of non-ASCII text is outside the VTL subset");
    std::string out = s;
    for (char& c : out) c = static_cast<char>(name == "toLowerCase" ? std::tolower(c) : std::toupper(c));
    return Value::string(out);
  }
  if (name == "trim" && n == 0) {
    std::size_t b = 0, e = s.size();
    while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
    while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
    return Value::string(s.substr(b, e - b));
  }
  if (name == "substring" && (n == 1 || n == 2)) {
    auto u = to_utf16(s, site);
    std::int64_t b = int_arg(args, 0, name, site);
    std::int64_t e = n == 2 ? int_arg(args, 1, name, site) : static_cast<std::int64_t>(u.size());
    if (b < 0 || e > static_cast<std::int64_t>(u.size()) || b > e)
      site.fail(".substring(" + std::to_string(b) + ", " + std::to_string(e) + ") is out of range for a string of length " +
                std::to_string(u.size()));
    return Value::string(to_utf8(u.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b))));
  }
  if (name == "charAt" && n == 1) {
    auto u = to_utf16(s, site);
    std::int64_t k = int_arg(args, 0, name, site);
    if (k < 0 || k >= static_cast<std::int64_t>(u.size())) site.fail(".charAt(" + std::to_string(k) + ") is out of range");
    return Value::string(to_utf8(u.substr(static_cast<std::size_t>(k), 1)));
  }
  if ((name == "indexOf" && (n == 1 || n == 2)) || (name == "lastIndexOf" && n == 1)) {
    auto u = to_utf16(s, site);
    auto needle = to_utf16(str_arg(args, 0, name, site), site);
    if (name == "lastIndexOf") return index_result(u.rfind(needle));
    std::int64_t from = n == 2 ? std::max<std::int64_t>(0, int_arg(args, 1, name, site)) : 0;
    if (from > static_cast<std::int64_t>(u.size())) return Value::integer(-1);
    return index_result(u.find(needle, static_cast<std::size_t>(from)));
  }
  if (name == "contains" && n == 1) return Value::boolean(s.find(str_arg(args, 0, name, site)) != std::string::npos);
  if (name == "startsWith" && n == 1) return Value::boolean(s.rfind(str_arg(args, 0, name, site), 0) == 0);
  if (name == "endsWith" && n == 1) {
    const std::string& t = str_arg(args, 0, name, site);
    return Value::boolean(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
  }
  if (name == "equals" && n == 1) return Value::boolean(args[0].kind == Kind::String && args[0].s == s);
  if (name == "equalsIgnoreCase" && n == 1) {
    if (args[0].kind != Kind::String) return Value::boolean(false);
    if (!ascii(s) || !ascii(args[0].s)) site.fail(".equalsIgnoreCase() of non-ASCII text is outside the VTL subset");
    return Value::boolean(s.size() == args[0].s.size() &&
                          std::equal(s.begin(), s.end(), args[0].s.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); }));
  }
  if (name == "concat" && n == 1) return Value::string(s + str_arg(args, 0, name, site));
  if (name == "replace" && n == 2) {
    const std::string& from = str_arg(args, 0, name, site);
    const std::string& to = str_arg(args, 1, name, site);
    if (from.empty()) site.fail(".replace() with an empty target is outside the VTL subset");
    std::string out;
    std::size_t at = 0;
    for (std::size_t hit; (hit = s.find(from, at)) != std::string::npos; at = hit + from.size()) out += s.substr(at, hit - at) + to;
    return Value::string(out + s.substr(at));
  }
  if ((name == "replaceAll" || name == "replaceFirst") && n == 2)
    return Value::string(java_replace(s, str_arg(args, 0, name, site), str_arg(args, 1, name, site), name == "replaceFirst", site));
  if (name == "matches" && n == 1) return Value::boolean(java_matches(s, str_arg(args, 0, name, site), site));
  if (name == "split" && (n == 1 || n == 2)) {
    int limit = n == 2 ? static_cast<int>(int_arg(args, 1, name, site)) : 0;
    std::vector<Value> parts;
    for (auto& part : java_split(s, str_arg(args, 0, name, site), limit, site)) parts.push_back(Value::string(std::move(part)));
    Value v = Value::new_list(std::move(parts));
    v.array = true;
    return v;
  }
  site.fail("String method ." + name + "() with " + std::to_string(n) + " argument(s) is outside the VTL subset");
}

Value list_method(const Value& self, const std::string& name, const std::vector<Value>& args, const Site& site) {
  auto& items = *self.list;
  const std::size_t n = args.size();
  if (name == "size" && n == 0) return Value::integer(static_cast<std::int64_t>(items.size()));
  if (name == "isEmpty" && n == 0) return Value::boolean(items.empty());
  if (name == "get" && n == 1) {
    std::int64_t k = int_arg(args, 0, name, site);
    if (k < 0 || k >= static_cast<std::int64_t>(items.size()))
      site.fail(".get(" + std::to_string(k) + ") is out of range for a list of size " + std::to_string(items.size()));
    return items[static_cast<std::size_t>(k)];
  }
  if (name == "contains" && n == 1)
    return Value::boolean(std::any_of(items.begin(), items.end(), [&](const Value& v) { return java_equals(v, args[0]); }));
  if (name == "indexOf" && n == 1) {
    for (std::size_t k = 0; k < items.size(); ++k)
      if (java_equals(items[k], args[0])) return Value::integer(static_cast<std::int64_t>(k));
    return Value::integer(-1);
  }
  if (name == "toString" && n == 0 && !self.array) return Value::string(to_java_string(self));
  if (name == "add" && n == 1 && !self.array) {
    if (items.size() >= 100000) site.fail("list over 100000 elements");
    items.push_back(args[0]);
    return Value::boolean(true);
  }
  site.fail("List method ." + name + "() with " + std::to_string(n) + " argument(s) is outside the VTL subset");
}

Value map_method(const Value& self, const std::string& name, const std::vector<Value>& args, const Site& site) {
  auto& m = *self.map;
  const std::size_t n = args.size();
  if (name == "get" && n == 1) {
    if (args[0].kind != Kind::String) return Value::null();
    const Value* v = m.find(args[0].s);
    return v ? *v : Value::null();
  }
  if (name == "containsKey" && n == 1) return Value::boolean(args[0].kind == Kind::String && m.find(args[0].s));
  if (name == "size" && n == 0) return Value::integer(static_cast<std::int64_t>(m.entries.size()));
  if (name == "isEmpty" && n == 0) return Value::boolean(m.entries.empty());
  if (name == "keySet" || name == "values" || name == "entrySet") {
    if (n != 0) site.fail("." + name + "() takes no arguments");
    std::vector<Value> items;
    for (const auto& [k, v] : m.entries)
      items.push_back(name == "keySet" ? Value::string(k) : name == "values" ? v : Value::entry(k, v));
    return Value::new_list(std::move(items));
  }
  if (name == "containsValue" && n == 1)
    return Value::boolean(std::any_of(m.entries.begin(), m.entries.end(), [&](const auto& e) { return java_equals(e.second, args[0]); }));
  if (name == "put" && n == 2) {
    const std::string& key = str_arg(args, 0, name, site);
    const Value* old = m.find(key);
    Value previous = old ? *old : Value::null();
    if (m.entries.size() >= 100000) site.fail("map over 100000 entries");
    m.put(key, args[1]);
    return previous;
  }
  if (name == "remove" && n == 1) {
    const std::string& key = str_arg(args, 0, name, site);
    const Value* old = m.find(key);
    Value previous = old ? *old : Value::null();
    m.remove(key);
    return previous;
  }
  if (name == "toString" && n == 0) return Value::string(to_java_string(self));
  // $foreach is a map here and a ForeachScope in Velocity: its getters.
  if (n == 0 && m.find("hasNext") && m.find("index")) {
    if (name == "hasNext") return *m.find("hasNext");
    if (name == "getIndex") return *m.find("index");
    if (name == "getCount") return *m.find("count");
    if (name == "isFirst") return *m.find("first");
    if (name == "isLast") return *m.find("last");
  }
  site.fail("Map method ." + name + "() with " + std::to_string(n) + " argument(s) is outside the VTL subset");
}

}  // namespace

Value call_method(const Value& self, const std::string& name, const std::vector<Value>& args, const Site& site) {
  switch (self.kind) {
    case Kind::String: return string_method(self.s, name, args, site);
    case Kind::List: return list_method(self, name, args, site);
    case Kind::Map: return map_method(self, name, args, site);
    case Kind::Entry:
      if (name == "getKey" && args.empty()) return Value::string(self.s);
      if (name == "getValue" && args.empty()) return self.list->at(0);
      if (name == "toString" && args.empty()) return Value::string(to_java_string(self));
      break;
    case Kind::Int:
    case Kind::Double:
    case Kind::Bool:
      if (name == "toString" && args.empty()) return Value::string(to_java_string(self));
      if (name == "equals" && args.size() == 1) return Value::boolean(java_equals(self, args[0]));
      break;
    default: break;
  }
  site.fail("method ." + name + "() is outside the VTL subset for this value");
}

Value get_property(const Value& self, const std::string& name, const Site& site) {
  if (name == "class") site.fail(".class is outside the VTL subset");
  switch (self.kind) {
    case Kind::Map: {
      const Value* v = self.map->find(name);
      return v ? *v : Value::null();
    }
    case Kind::Entry:
      if (name == "key") return Value::string(self.s);
      if (name == "value") return self.list->at(0);
      return Value::null();
    case Kind::String:
      if (name == "empty") return Value::boolean(self.s.empty());
      if (name == "bytes") site.fail(".bytes is outside the VTL subset");
      return Value::null();
    case Kind::List:
      if (name == "empty") return Value::boolean(self.list->empty());
      return Value::null();
    default: return Value::null();
  }
}

}  // namespace formwork::vtl::detail
