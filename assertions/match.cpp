// Match: the pattern type of the assertions, its builders and its readable form.
#include <nlohmann/json.hpp>

#include "assertions/detail/matcher.hpp"
#include "assertions/template.hpp"

namespace formwork::assertions {

namespace {

Match from_json(const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return Match(nullptr);
    case nlohmann::json::value_t::boolean: return Match(value.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return Match(value.get<long long>());
    case nlohmann::json::value_t::number_float: return Match(value.get<double>());
    case nlohmann::json::value_t::string: return Match(value.get<std::string>());
    case nlohmann::json::value_t::array: {
      std::vector<Match> items;
      for (const auto& item : value) items.push_back(from_json(item));
      return Match::array(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      Match::Entries entries;
      for (const auto& [key, item] : value.items()) entries.emplace_back(key, from_json(item));
      return Match::object(std::move(entries));
    }
    default: throw AssertionError("Match::json: unsupported JSON value " + value.dump());
  }
}

}  // namespace

Match Match::json(std::string_view text) {
  nlohmann::ordered_json parsed;
  try {
    parsed = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw AssertionError(std::string("Match::json: not JSON: ") + e.what());
  }
  return from_json(parsed);
}

Match Match::array(std::vector<Match> items) {
  Match m(Kind::Array);
  m.items_ = std::move(items);
  return m;
}

Match Match::object(Entries entries) {
  Match m(Kind::Object);
  m.entries_ = std::move(entries);
  return m;
}

Match Match::any_value() { return Match(Kind::AnyValue); }
Match Match::absent() { return Match(Kind::Absent); }

Match Match::array_with(std::vector<Match> items) {
  Match m(Kind::ArrayWith);
  m.items_ = std::move(items);
  return m;
}

Match Match::object_like(Entries entries) {
  Match m(Kind::ObjectLike);
  m.entries_ = std::move(entries);
  return m;
}

Match Match::object_equals(Entries entries) {
  Match m(Kind::ObjectEquals);
  m.entries_ = std::move(entries);
  return m;
}

Match Match::string_like_regexp(std::string pattern) {
  Match m(Kind::StringLikeRegexp);
  m.text_ = std::move(pattern);
  return m;
}

Match Match::exact(Match pattern) {
  Match m(Kind::Exact);
  m.items_.push_back(std::move(pattern));
  return m;
}

Match Match::not_(Match pattern) {
  Match m(Kind::Not);
  m.items_.push_back(std::move(pattern));
  return m;
}

std::string Match::to_string() const {
  auto list = [](const std::vector<Match>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].to_string();
    return out + "]";
  };
  auto object = [](const Entries& entries) {
    std::string out = "{";
    for (std::size_t i = 0; i < entries.size(); ++i)
      out += (i ? ", " : "") + nlohmann::json(entries[i].first).dump() + ": " + entries[i].second.to_string();
    return out + "}";
  };
  switch (kind_) {
    case Kind::Null: return "null";
    case Kind::Bool: return integer_ ? "true" : "false";
    case Kind::Integer: return std::to_string(integer_);
    case Kind::Number: return nlohmann::json(number_).dump();
    case Kind::String: return nlohmann::json(text_).dump();
    case Kind::Array: return list(items_);
    case Kind::Object: return object(entries_);
    case Kind::AnyValue: return "<anyValue>";
    case Kind::Absent: return "<absent>";
    case Kind::ArrayWith: return "<arrayWith " + list(items_) + ">";
    case Kind::ObjectLike: return "<objectLike " + object(entries_) + ">";
    case Kind::ObjectEquals: return "<objectEquals " + object(entries_) + ">";
    case Kind::StringLikeRegexp: return "<stringLikeRegexp " + nlohmann::json(text_).dump() + ">";
    case Kind::Exact: return "<exact " + items_.at(0).to_string() + ">";
    case Kind::Not: return "<not " + items_.at(0).to_string() + ">";
  }
  return "?";
}

}  // namespace formwork::assertions
