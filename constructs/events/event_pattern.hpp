#pragma once

#include <string>
#include <vector>

#include "constructs/core/value.hpp"

namespace formwork::events {

/// An event pattern with typed fields for the common top-level keys; empty fields are left out.
/// Each list matches any of its values; `detail` is matched key by key (nested maps allowed),
/// with literal values or the matchers of `events::match`.
///
///   events::EventPattern{.source = {"aws.s3"}, .detail_type = {"Object Created"},
///                        .detail = {{"object", Value::map({{"key", Value::list({events::match::prefix("uploads/")})}})}}}
///       .to_value()
struct EventPattern {
  /// Default: any source.
  std::vector<std::string> source = {};
  /// Default: any detail type.
  std::vector<std::string> detail_type = {};
  /// Default: any account.
  std::vector<std::string> account = {};
  /// Default: any region.
  std::vector<std::string> region = {};
  /// Default: any resources.
  std::vector<std::string> resources = {};
  /// Default: any detail.
  Value::Map detail = {};

  /// `{"source": [...], "detail-type": [...], "detail": {...}}` for RuleProps::event_pattern.
  [[nodiscard]] Value to_value() const;
};

/// Content-filtering matchers for an event pattern's lists.
namespace match {
/// `{"prefix": text}`.
[[nodiscard]] Value prefix(std::string text);
/// `{"suffix": text}`.
[[nodiscard]] Value suffix(std::string text);
/// `{"anything-but": [values]}`.
[[nodiscard]] Value anything_but(Value::List values);
/// `{"exists": present}`.
[[nodiscard]] Value exists(bool present = true);
/// `{"equals-ignore-case": text}`.
[[nodiscard]] Value equals_ignore_case(std::string text);
/// `{"numeric": [op, value]}`, op one of `<`, `<=`, `=`, `>=`, `>`.
[[nodiscard]] Value numeric(std::string op, double value);
}  // namespace match

}  // namespace formwork::events
