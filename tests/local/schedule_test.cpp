#include <catch2/catch.hpp>

#include "local/events/schedule.hpp"

using formwork::local::Millis;
using formwork::local::events::Schedule;
using formwork::local::events::ScheduleError;

namespace {
// 2024-01-01T00:00:00Z, a Monday.
constexpr Millis kMonday = 1704067200000;
constexpr Millis kMinute = 60000;
}  // namespace

TEST_CASE("rate(5 minutes) fires every five minutes after the start", "[local][schedule]") {
  Schedule rate("rate(5 minutes)");
  REQUIRE(rate.rate_ms() == 5 * kMinute);
  REQUIRE(*rate.next_after(kMonday, kMonday) == kMonday + 5 * kMinute);
  REQUIRE(*rate.next_after(kMonday + 5 * kMinute, kMonday) == kMonday + 10 * kMinute);
  REQUIRE(Schedule("rate(1 day)").rate_ms() == 86400000);
}

TEST_CASE("cron fields: lists, ranges, steps, names, L, W and #", "[local][schedule]") {
  REQUIRE(*Schedule("cron(0 12 * * ? *)").next_after(kMonday, 0) == kMonday + 12 * 60 * kMinute);
  REQUIRE(*Schedule("cron(0/15 * * * ? *)").next_after(kMonday, 0) == kMonday + 15 * kMinute);
  // Weekdays: 1 = SUN. The next Friday after Monday 2024-01-01 is the 5th, at 09:30.
  REQUIRE(*Schedule("cron(30 9 ? * FRI *)").next_after(kMonday, 0) == kMonday + 4 * 86400000LL + (9 * 60 + 30) * kMinute);
  REQUIRE(*Schedule("cron(30 9 ? * 6 *)").next_after(kMonday, 0) == kMonday + 4 * 86400000LL + (9 * 60 + 30) * kMinute);
  // Last day of January 2024: the 31st.
  REQUIRE(*Schedule("cron(0 0 L * ? *)").next_after(kMonday, 0) == kMonday + 30 * 86400000LL);
  // Second Tuesday of January 2024: the 9th.
  REQUIRE(*Schedule("cron(0 8 ? JAN 3#2 2024)").next_after(kMonday, 0) == kMonday + 8 * 86400000LL + 8 * 60 * kMinute);
  // 2024-06-01 is a Saturday: 1W fires on Monday the 3rd.
  REQUIRE(*Schedule("cron(0 0 1W JUN ? 2024)").next_after(kMonday, 0) == 1717372800000);
  REQUIRE_FALSE(Schedule("cron(0 0 1 1 ? 2020)").next_after(kMonday, 0).has_value());
}

TEST_CASE("bad schedule expressions are one-line errors naming the expression", "[local][schedule]") {
  REQUIRE_THROWS_WITH(Schedule("rate(5 minute)"), "schedule expression 'rate(5 minute)': use the singular unit for 1 and the plural otherwise");
  REQUIRE_THROWS_WITH(Schedule("rate(5 weeks)"), "schedule expression 'rate(5 weeks)': the unit must be minute(s), hour(s) or day(s), got 'weeks'");
  REQUIRE_THROWS_WITH(Schedule("cron(0 12 * * *)"),
                      "schedule expression 'cron(0 12 * * *)': cron takes six fields (minutes hours day-of-month month day-of-week year), got 5");
  REQUIRE_THROWS_WITH(Schedule("cron(0 12 * * * *)"),
                      "schedule expression 'cron(0 12 * * * *)': exactly one of day-of-month and day-of-week must be '?'");
  REQUIRE_THROWS_WITH(Schedule("cron(61 12 * * ? *)"), "schedule expression 'cron(61 12 * * ? *)': '61' is out of 0-59");
  REQUIRE_THROWS_AS(Schedule("every 5 minutes"), ScheduleError);
}
