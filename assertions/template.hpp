#pragma once

// Assertions on a synthesized template, for the tests of your own stacks (the C++ form of
// AWS CDK's `assertions` module). Works from Catch2, GoogleTest or plain code: the `check_*`
// methods return a Result, the others throw AssertionError with the same message.
//
//   formwork::App app;
//   auto& stack = app.add<OrdersStack>("Orders");
//   auto t = formwork::assertions::Template::from_stack(stack);
//   t.resource_count_is("AWS::SQS::Queue", 2);
//   t.has_resource_properties("AWS::Lambda::Function", Match::object_like({
//       {"Runtime", "python3.12"},
//       {"Environment", Match::object_like({{"Variables", Match::object_like({{"QUEUE_URL", Match::any_value()}})}})},
//       {"Layers", Match::absent()}}));
//   t.has_resource_properties("AWS::SQS::Queue", Match::json(R"({"VisibilityTimeout": 60})"));

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace formwork {
class Stack;
}

namespace formwork::assertions {

/// Thrown by the asserting methods; `what()` says what was expected and shows the closest
/// candidate of the template.
class AssertionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The outcome of a `check_*` method: true on success, else a message like AssertionError's.
struct Result {
  bool ok = true;
  std::string message = {};
  explicit operator bool() const { return ok; }
};

/// A pattern for a JSON value. Literals (strings, numbers, bools, `Match::json(text)`) match
/// equal values; inside has_resource_properties and object_like, literal objects match
/// partially (extra keys allowed) and literal arrays match element by element.
class Match {
 public:
  enum class Kind {
    Null, Bool, Integer, Number, String, Array, Object,  // literals
    AnyValue, Absent, ArrayWith, ObjectLike, ObjectEquals, StringLikeRegexp, Exact, Not,
  };
  using Entries = std::vector<std::pair<std::string, Match>>;

  Match(std::nullptr_t) : kind_(Kind::Null) {}
  Match(bool b) : kind_(Kind::Bool), integer_(b ? 1 : 0) {}
  Match(int i) : kind_(Kind::Integer), integer_(i) {}
  Match(long i) : kind_(Kind::Integer), integer_(i) {}
  Match(long long i) : kind_(Kind::Integer), integer_(i) {}
  Match(double d) : kind_(Kind::Number), number_(d) {}
  Match(const char* s) : kind_(Kind::String), text_(s) {}
  Match(std::string s) : kind_(Kind::String), text_(std::move(s)) {}
  Match(std::string_view s) : kind_(Kind::String), text_(s) {}

  /// A JSON document as a literal pattern: `Match::json(R"({"BatchSize": 10})")`. Throws
  /// AssertionError when the text is not JSON.
  [[nodiscard]] static Match json(std::string_view text);
  /// A literal array (elements matched in order, lengths equal).
  [[nodiscard]] static Match array(std::vector<Match> items);
  /// A literal object (keys matched as object_like does).
  [[nodiscard]] static Match object(Entries entries);
  /// Any value, but the key must be present.
  [[nodiscard]] static Match any_value();
  /// The key must not be present (use as the value of an object entry).
  [[nodiscard]] static Match absent();
  /// An array that contains, in this order but not necessarily adjacent, elements matching `items`.
  [[nodiscard]] static Match array_with(std::vector<Match> items);
  /// An object with at least these keys matching (extra keys allowed).
  [[nodiscard]] static Match object_like(Entries entries);
  /// An object with exactly these keys.
  [[nodiscard]] static Match object_equals(Entries entries);
  /// A string in which the ECMAScript regular expression `pattern` finds a match (anchor it
  /// with ^…$ for the whole string), as CDK's Match.stringLikeRegexp.
  [[nodiscard]] static Match string_like_regexp(std::string pattern);
  /// `pattern` matched exactly: objects at any depth may have no extra key.
  [[nodiscard]] static Match exact(Match pattern);
  /// Anything `pattern` does not match.
  [[nodiscard]] static Match not_(Match pattern);

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] std::int64_t integer() const { return integer_; }
  [[nodiscard]] double number() const { return number_; }
  [[nodiscard]] const std::vector<Match>& items() const { return items_; }
  [[nodiscard]] const Entries& entries() const { return entries_; }
  /// The pattern as readable text (JSON with `<anyValue>`-style placeholders).
  [[nodiscard]] std::string to_string() const;

 private:
  explicit Match(Kind kind) : kind_(kind) {}
  Kind kind_;
  std::string text_;             // String, StringLikeRegexp
  std::int64_t integer_ = 0;     // Bool, Integer
  double number_ = 0;            // Number
  std::vector<Match> items_;     // Array, ArrayWith, Exact/Not (one item)
  Entries entries_;              // Object, ObjectLike, ObjectEquals
};

/// A synthesized template and the assertions on it.
class Template {
 public:
  /// Synthesizes the app that holds `stack` (runs prepare and validation, so a ValidationError
  /// reaches the test) and keeps this stack's template.
  [[nodiscard]] static Template from_stack(Stack& stack);
  /// A template given as JSON text (a file of templates/ converted, or CDK's output).
  [[nodiscard]] static Template from_json(std::string_view text);

  /// Exactly `count` resources of `type`.
  void resource_count_is(std::string_view type, std::size_t count) const;
  [[nodiscard]] Result check_resource_count(std::string_view type, std::size_t count) const;

  /// At least one resource of `type` whose Properties match `properties` (an object pattern,
  /// matched partially, as object_like).
  void has_resource_properties(std::string_view type, const Match& properties) const;
  [[nodiscard]] Result check_resource_properties(std::string_view type, const Match& properties) const;

  /// At least one resource of `type` whose whole definition (Type, Properties, DependsOn,
  /// DeletionPolicy, …) matches `resource`.
  void has_resource(std::string_view type, const Match& resource) const;
  [[nodiscard]] Result check_resource(std::string_view type, const Match& resource) const;

  /// An output `logical_id` ("*" for any) whose definition (Value, Description, Export) matches.
  void has_output(std::string_view logical_id, const Match& output) const;
  [[nodiscard]] Result check_output(std::string_view logical_id, const Match& output) const;

  /// The resources of `type` whose whole definition matches `resource`: logical ID -> JSON text.
  [[nodiscard]] std::map<std::string, std::string> find_resources(std::string_view type,
                                                                 const Match& resource) const;
  [[nodiscard]] std::map<std::string, std::string> find_resources(std::string_view type) const;
  /// The outputs matching `output`: logical ID -> JSON text.
  [[nodiscard]] std::map<std::string, std::string> find_outputs(std::string_view logical_id,
                                                               const Match& output) const;

  /// The whole template as JSON text (2-space indent, keys in template order).
  [[nodiscard]] std::string to_json() const;

  struct Document;  // the parsed template; opaque to users

 private:
  explicit Template(std::shared_ptr<const Document> document) : document_(std::move(document)) {}
  std::shared_ptr<const Document> document_;
};

}  // namespace formwork::assertions
