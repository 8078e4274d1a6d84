#pragma once

// EventBridge schedule expressions: `rate(value unit)` and the six-field
// `cron(minutes hours day-of-month month day-of-week year)` (UTC), and when each fires next.
//
// rate: fires every period, the first time one period after the rule starts (local: after
// `serve` starts). cron: `*`, `?`, lists `a,b`, ranges `a-b`, steps `a/n` and `*/n`, month
// names JAN-DEC, weekday names SUN-SAT (1 = Sunday), `L` (last day of the month, or in
// day-of-week `nL`, the last such weekday), `W` (`nW`, nearest weekday) and `#` (`d#n`, the n-th
// weekday d of the month). As AWS: one of day-of-month and day-of-week must be `?`.

#include <optional>
#include <stdexcept>
#include <string>

#include "local/clock.hpp"

namespace formwork::local::events {

class ScheduleError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class Schedule {
 public:
  /// Throws ScheduleError with a one-line reason naming the expression and what is allowed.
  explicit Schedule(const std::string& expression);

  [[nodiscard]] const std::string& expression() const { return expression_; }
  [[nodiscard]] bool is_rate() const { return rate_ms_ > 0; }
  [[nodiscard]] Millis rate_ms() const { return rate_ms_; }

  /// The first firing strictly after `after` for cron; for rate, `started + k * rate` > after.
  /// nullopt when a cron expression never fires again (a past year).
  [[nodiscard]] std::optional<Millis> next_after(Millis after, Millis started) const;

 private:
  [[nodiscard]] bool matches_day(int year, int month, int day, int weekday) const;
  [[nodiscard]] bool matches(const std::string& field, int value, int low, int high, bool weekday) const;

  std::string expression_;
  Millis rate_ms_ = 0;
  std::string minutes_, hours_, day_of_month_, month_, day_of_week_, year_;
};

}  // namespace formwork::local::events
