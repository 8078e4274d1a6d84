#include "constructs/events/event_pattern.hpp"

namespace formwork::events {
namespace {

Value strings(const std::vector<std::string>& items) { return Value::List(items.begin(), items.end()); }

}  // namespace

Value EventPattern::to_value() const {
  Value::Map out;
  if (!account.empty()) out.emplace_back("account", strings(account));
  if (!detail.empty()) out.emplace_back("detail", Value::map(detail));
  if (!detail_type.empty()) out.emplace_back("detail-type", strings(detail_type));
  if (!region.empty()) out.emplace_back("region", strings(region));
  if (!resources.empty()) out.emplace_back("resources", strings(resources));
  if (!source.empty()) out.emplace_back("source", strings(source));
  return Value::map(std::move(out));
}

namespace match {
Value prefix(std::string text) { return Value::map({{"prefix", std::move(text)}}); }
Value suffix(std::string text) { return Value::map({{"suffix", std::move(text)}}); }
Value anything_but(Value::List values) { return Value::map({{"anything-but", std::move(values)}}); }
Value exists(bool present) { return Value::map({{"exists", present}}); }
Value equals_ignore_case(std::string text) { return Value::map({{"equals-ignore-case", std::move(text)}}); }
Value numeric(std::string op, double value) { return Value::map({{"numeric", Value::list({std::move(op), value})}}); }
}  // namespace match

}  // namespace formwork::events
