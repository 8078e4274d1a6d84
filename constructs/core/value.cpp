#include "constructs/core/value.hpp"

namespace formwork {

Value::Value() : v_(nullptr) {}
Value::Value(std::nullptr_t) : v_(nullptr) {}
Value::Value(bool b) : v_(b) {}
Value::Value(int i) : v_(static_cast<std::int64_t>(i)) {}
Value::Value(long i) : v_(static_cast<std::int64_t>(i)) {}
Value::Value(long long i) : v_(static_cast<std::int64_t>(i)) {}
Value::Value(unsigned i) : v_(static_cast<std::int64_t>(i)) {}
Value::Value(double d) : v_(d) {}
Value::Value(const char* s) : v_(std::string(s)) {}
Value::Value(std::string s) : v_(std::move(s)) {}
Value::Value(std::string_view s) : v_(std::string(s)) {}
Value::Value(List l) : v_(std::move(l)) {}
Value::Value(Map m) : v_(std::move(m)) {}
Value::Value(Ref r) : v_(r) {}
Value::Value(PseudoRef r) : v_(std::move(r)) {}
Value::Value(GetAtt g) : v_(std::move(g)) {}
Value::Value(LogicalIdOf l) : v_(l) {}
Value::Value(Sub s) : v_(std::move(s)) {}
Value::Value(Intrinsic i) : v_(std::move(i)) {}
Value::Value(const Value& other) = default;
Value::Value(Value&& other) noexcept = default;
Value& Value::operator=(const Value& other) = default;
Value& Value::operator=(Value&& other) noexcept = default;
Value::~Value() = default;

bool Value::is_unresolved() const {
  return std::visit(
      [](const auto& v) -> bool {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, List>) {
          for (const auto& item : v)
            if (item.is_unresolved()) return true;
          return false;
        } else if constexpr (std::is_same_v<T, Map>) {
          for (const auto& [key, item] : v)
            if (item.is_unresolved()) return true;
          return false;
        } else {
          return std::is_same_v<T, Ref> || std::is_same_v<T, PseudoRef> || std::is_same_v<T, GetAtt> ||
                 std::is_same_v<T, LogicalIdOf> || std::is_same_v<T, Sub> || std::is_same_v<T, Intrinsic>;
        }
      },
      v_);
}

Value Value::intrinsic(std::string name, Value argument) {
  return Intrinsic{std::move(name), std::make_shared<const Value>(std::move(argument))};
}

Value Value::join(std::string delimiter, List items) {
  return intrinsic("Fn::Join", List{std::move(delimiter), std::move(items)});
}
Value Value::select(int index, Value list) { return intrinsic("Fn::Select", List{index, std::move(list)}); }
Value Value::split(std::string delimiter, Value source) {
  return intrinsic("Fn::Split", List{std::move(delimiter), std::move(source)});
}
Value Value::import_value(Value export_name) { return intrinsic("Fn::ImportValue", std::move(export_name)); }
Value Value::get_azs(Value region) { return intrinsic("Fn::GetAZs", std::move(region)); }
Value Value::base64(Value text) { return intrinsic("Fn::Base64", std::move(text)); }
Value Value::find_in_map(Value map_name, Value top_key, Value second_key) {
  return intrinsic("Fn::FindInMap", List{std::move(map_name), std::move(top_key), std::move(second_key)});
}
Value Value::equals(Value a, Value b) { return intrinsic("Fn::Equals", List{std::move(a), std::move(b)}); }
Value Value::not_(Value condition) { return intrinsic("Fn::Not", List{std::move(condition)}); }
Value Value::and_(List conditions) { return intrinsic("Fn::And", std::move(conditions)); }
Value Value::or_(List conditions) { return intrinsic("Fn::Or", std::move(conditions)); }
Value Value::if_(const CfnElement& condition, Value when_true, Value when_false) {
  return intrinsic("Fn::If", List{LogicalIdOf{&condition}, std::move(when_true), std::move(when_false)});
}
Value Value::condition(const CfnElement& condition) { return intrinsic("Condition", LogicalIdOf{&condition}); }

bool operator==(const Value& a, const Value& b) {
  if (a.variant().index() != b.variant().index()) return false;
  return std::visit(
      [&](const auto& x) -> bool {
        using T = std::decay_t<decltype(x)>;
        const T& y = *b.get_if<T>();
        if constexpr (std::is_same_v<T, Value::Ref> || std::is_same_v<T, Value::LogicalIdOf>) {
          return x.target == y.target;
        } else if constexpr (std::is_same_v<T, Value::PseudoRef>) {
          return x.name == y.name;
        } else if constexpr (std::is_same_v<T, Value::GetAtt>) {
          return x.target == y.target && x.attribute == y.attribute;
        } else if constexpr (std::is_same_v<T, Value::Sub>) {
          return x.text == y.text && x.variables == y.variables;
        } else if constexpr (std::is_same_v<T, Value::Intrinsic>) {
          return x.name == y.name && *x.argument == *y.argument;
        } else {
          return x == y;
        }
      },
      a.variant());
}

const Value* find_entry(const Value::Map& map, std::string_view key) {
  for (const auto& [k, v] : map)
    if (k == key) return &v;
  return nullptr;
}

void set_entry(Value::Map& map, std::string key, Value value) {
  for (auto& [k, v] : map) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  map.emplace_back(std::move(key), std::move(value));
}

}  // namespace formwork
