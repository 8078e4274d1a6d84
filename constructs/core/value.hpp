#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace formwork {

class CfnElement;

/// A property value: a literal (null, bool, number, string, list, ordered map) or a token
/// that stands for an intrinsic function (`!Ref`, `!GetAtt`, `!Sub`, `!Join`, …) and is
/// resolved at synthesis, once logical IDs exist. A token that points at an element of
/// another stack becomes an Export in that stack and `!ImportValue` here.
///
///   Value::sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}",
///              {{"Name", queue_name}})
class Value {
 public:
  using List = std::vector<Value>;
  using Map = std::vector<std::pair<std::string, Value>>;

  /// `!Ref` to a resource, parameter or condition of the tree.
  struct Ref {
    const CfnElement* target;
  };
  /// `!Ref AWS::Region` and the other pseudo parameters.
  struct PseudoRef {
    std::string name;
  };
  /// `!GetAtt Target.Attribute`.
  struct GetAtt {
    const CfnElement* target;
    std::string attribute;
  };
  /// The logical ID of an element as a plain string (condition names in `Fn::If`, `DependsOn`).
  struct LogicalIdOf {
    const CfnElement* target;
  };
  /// `!Sub text` with variables; variables that are plain references are folded into the text.
  struct Sub {
    std::string text;
    Map variables;
  };
  /// Any other intrinsic: `{"Fn::Join": argument}`, `{"Condition": argument}`, …
  struct Intrinsic {
    std::string name;
    std::shared_ptr<const Value> argument;
  };

  using Variant = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, List, Map, Ref,
                               PseudoRef, GetAtt, LogicalIdOf, Sub, Intrinsic>;

  // Every constructor and special member is defined in value.cpp: the variant's copy, move and
  // destruction are then compiled once in the library, not again in every file of a user's app
  // that builds a props struct (most of what such a file used to cost the compiler).
  Value();
  Value(std::nullptr_t);
  Value(bool b);
  Value(int i);
  Value(long i);
  Value(long long i);
  Value(unsigned i);
  Value(double d);
  Value(const char* s);
  Value(std::string s);
  Value(std::string_view s);
  Value(List l);
  Value(Map m);
  Value(Ref r);
  Value(PseudoRef r);
  Value(GetAtt g);
  Value(LogicalIdOf l);
  Value(Sub s);
  Value(Intrinsic i);
  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value();

  [[nodiscard]] const Variant& variant() const { return v_; }
  template <class T>
  [[nodiscard]] bool is() const {
    return std::holds_alternative<T>(v_);
  }
  template <class T>
  [[nodiscard]] const T* get_if() const {
    return std::get_if<T>(&v_);
  }
  [[nodiscard]] bool is_null() const { return is<std::nullptr_t>(); }
  /// True when the value contains a token anywhere (its final text is known only at deploy time).
  [[nodiscard]] bool is_unresolved() const;
  /// The string, when the value is a literal string.
  [[nodiscard]] const std::string* as_string() const { return get_if<std::string>(); }
  /// The integer, when the value is a literal integer.
  [[nodiscard]] const std::int64_t* as_int() const { return get_if<std::int64_t>(); }

  /// Builders for lists and maps where brace-init would be ambiguous.
  [[nodiscard]] static Value list(List items) { return Value(std::move(items)); }
  [[nodiscard]] static Value map(Map entries) { return Value(std::move(entries)); }

  // Intrinsic functions.
  [[nodiscard]] static Value ref(const CfnElement& target) { return Ref{&target}; }
  [[nodiscard]] static Value get_att(const CfnElement& target, std::string attribute) {
    return GetAtt{&target, std::move(attribute)};
  }
  [[nodiscard]] static Value sub(std::string text, Map variables = {}) {
    return Sub{std::move(text), std::move(variables)};
  }
  [[nodiscard]] static Value join(std::string delimiter, List items);
  [[nodiscard]] static Value select(int index, Value list);
  [[nodiscard]] static Value split(std::string delimiter, Value source);
  [[nodiscard]] static Value import_value(Value export_name);
  [[nodiscard]] static Value get_azs(Value region = std::string());
  [[nodiscard]] static Value base64(Value text);
  [[nodiscard]] static Value find_in_map(Value map_name, Value top_key, Value second_key);
  [[nodiscard]] static Value equals(Value a, Value b);
  [[nodiscard]] static Value not_(Value condition);
  [[nodiscard]] static Value and_(List conditions);
  [[nodiscard]] static Value or_(List conditions);
  /// `!If [Condition, a, b]`.
  [[nodiscard]] static Value if_(const CfnElement& condition, Value when_true, Value when_false);
  /// `{Condition: Name}`, a condition used inside another condition.
  [[nodiscard]] static Value condition(const CfnElement& condition);
  [[nodiscard]] static Value intrinsic(std::string name, Value argument);

  // Pseudo parameters.
  [[nodiscard]] static Value aws_region() { return PseudoRef{"AWS::Region"}; }
  [[nodiscard]] static Value aws_account_id() { return PseudoRef{"AWS::AccountId"}; }
  [[nodiscard]] static Value aws_partition() { return PseudoRef{"AWS::Partition"}; }
  [[nodiscard]] static Value aws_url_suffix() { return PseudoRef{"AWS::URLSuffix"}; }
  [[nodiscard]] static Value aws_stack_name() { return PseudoRef{"AWS::StackName"}; }
  [[nodiscard]] static Value aws_stack_id() { return PseudoRef{"AWS::StackId"}; }
  [[nodiscard]] static Value aws_no_value() { return PseudoRef{"AWS::NoValue"}; }

 private:
  Variant v_;
};

/// Structural equality: literals by value, tokens by target and arguments.
[[nodiscard]] bool operator==(const Value& a, const Value& b);

/// Looks up `key` in a map value; nullptr when absent or when `map` is not a map.
[[nodiscard]] const Value* find_entry(const Value::Map& map, std::string_view key);
/// Sets `key` in `map`, replacing an existing entry in place or appending.
void set_entry(Value::Map& map, std::string key, Value value);

}  // namespace formwork
