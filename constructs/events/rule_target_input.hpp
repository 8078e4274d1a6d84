#pragma once

#include <string>

#include "constructs/core/value.hpp"

namespace formwork::events {

/// What a rule sends to a target instead of the whole event: fixed text or JSON (`Input`), a
/// part of the event (`InputPath`), or a template filled from parts of it (`InputTransformer`).
///
///   events::RuleTargetInput::from_template(R"({"key": <key>, "at": "<time>"})",
///                                          {{"key", "$.detail.object.key"}, {"time", "$.time"}})
class RuleTargetInput {
 public:
  /// A fixed string, sent as a JSON string.
  [[nodiscard]] static RuleTargetInput from_text(const std::string& text);
  /// A fixed JSON value (a literal map or list), sent as its JSON text.
  [[nodiscard]] static RuleTargetInput from_object(const Value& object);
  /// The part of the event at a JSONPath (`$.detail`).
  [[nodiscard]] static RuleTargetInput from_event_path(std::string path);
  /// `input_template` with `<name>` placeholders, each filled from the JSONPath `paths[name]`.
  [[nodiscard]] static RuleTargetInput from_template(std::string input_template, Value::Map paths);

  /// The keys this input adds to the target (`Input`, `InputPath` or `InputTransformer`).
  [[nodiscard]] const Value::Map& entries() const { return entries_; }
  /// Problems with the input (paths not starting with `$`, over 100 paths), for validation.
  [[nodiscard]] const std::vector<std::string>& errors() const { return errors_; }

 private:
  Value::Map entries_;
  std::vector<std::string> errors_;
};

}  // namespace formwork::events
