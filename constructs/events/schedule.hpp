#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/core/duration.hpp"

namespace formwork::events {

/// The fields of a cron expression; each is written as given (`*/5`, `MON-FRI`, `L`).
struct CronOptions {
  /// Default: every minute (`*`).
  std::optional<std::string> minute = std::nullopt;
  /// Default: every hour (`*`).
  std::optional<std::string> hour = std::nullopt;
  /// Day of the month. Default: `*`, or `?` when week_day is set.
  std::optional<std::string> day = std::nullopt;
  /// Default: every month (`*`).
  std::optional<std::string> month = std::nullopt;
  /// Day of the week (`MON-FRI`, `2`). Default: `?` (any, as day decides).
  std::optional<std::string> week_day = std::nullopt;
  /// Default: every year (`*`).
  std::optional<std::string> year = std::nullopt;
};

/// When an EventBridge rule fires: `Schedule::rate(Duration::minutes(5))` -> `rate(5 minutes)`,
/// `Schedule::cron({.minute = "0", .hour = "8"})` -> `cron(0 8 * * ? *)`.
/// A bad schedule is reported when the app is synthesized, with the rule's path.
class Schedule {
 public:
  /// Every `interval`, in the largest whole unit: `rate(1 minute)`, `rate(2 hours)`, `rate(1 day)`.
  [[nodiscard]] static Schedule rate(Duration interval);
  [[nodiscard]] static Schedule cron(CronOptions options);
  /// A `rate(…)` or `cron(…)` expression written by hand; checked like the others.
  [[nodiscard]] static Schedule expression(std::string expression);

  /// The ScheduleExpression text.
  [[nodiscard]] const std::string& expression_string() const { return expression_; }
  /// What is wrong with the expression, one message per problem (empty when valid).
  [[nodiscard]] const std::vector<std::string>& errors() const { return errors_; }

 private:
  Schedule(std::string expression, std::vector<std::string> errors)
      : expression_(std::move(expression)), errors_(std::move(errors)) {}
  std::string expression_;
  std::vector<std::string> errors_;
};

/// Problems with a schedule expression as EventBridge rules accept them (`rate(…)` with a
/// whole value >= 1 and a unit that is singular exactly when the value is 1; `cron(…)` with
/// six fields, one of day-of-month and day-of-week being `?`).
[[nodiscard]] std::vector<std::string> validate_schedule_expression(const std::string& expression);

}  // namespace formwork::events
