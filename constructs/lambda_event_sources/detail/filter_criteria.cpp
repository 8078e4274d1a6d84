#include "constructs/lambda_event_sources/detail/filter_criteria.hpp"

#include <nlohmann/json.hpp>

namespace formwork::lambda_event_sources::detail {
namespace {

// A literal filter pattern as the JSON text Lambda expects in `FilterCriteria.Filters[].Pattern`.
nlohmann::ordered_json literal_json(const Value& value) {
  using nlohmann::ordered_json;
  if (const auto* s = value.as_string()) return *s;
  if (const auto* i = value.as_int()) return *i;
  if (const auto* b = value.get_if<bool>()) return *b;
  if (const auto* d = value.get_if<double>()) return *d;
  if (const auto* list = value.get_if<Value::List>()) {
    ordered_json out = ordered_json::array();
    for (const auto& item : *list) out.push_back(literal_json(item));
    return out;
  }
  if (const auto* map = value.get_if<Value::Map>()) {
    ordered_json out = ordered_json::object();
    for (const auto& [key, item] : *map) out[key] = literal_json(item);
    return out;
  }
  return nullptr;
}

Value pattern_text(const Value& filter) {
  if (filter.is_unresolved() || filter.as_string() != nullptr) return filter;
  return literal_json(filter).dump();
}

}  // namespace

Value filter_criteria(const std::vector<Value>& filters) {
  Value::List list;
  for (const auto& filter : filters) list.push_back(Value::map({{"Pattern", pattern_text(filter)}}));
  return Value::map({{"Filters", std::move(list)}});
}

}  // namespace formwork::lambda_event_sources::detail
