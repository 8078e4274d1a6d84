#include "local/events/schedule.hpp"

#include <array>
#include <cctype>
#include <sstream>
#include <vector>

namespace formwork::local::events {
namespace {

constexpr Millis kDay = 86400000;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, separator)) out.push_back(item);
  if (!text.empty() && text.back() == separator) out.emplace_back();
  return out;
}

// days since 1970-01-01 -> year, month (1-12), day (1-31) (H. Hinnant's civil_from_days).
void civil_from_days(Millis z, int& year, int& month, int& day) {
  z += 719468;
  const Millis era = (z >= 0 ? z : z - 146096) / 146097;
  const Millis doe = z - era * 146097;
  const Millis yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const Millis doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const Millis mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

int weekday_of(Millis days) {  // 1 = Sunday ... 7 = Saturday; 1970-01-01 was a Thursday (5)
  return static_cast<int>(((days % 7) + 7 + 4) % 7) + 1;
}

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string replace_names(std::string field, bool month) {
  static const std::array<const char*, 12> kMonths{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  static const std::array<const char*, 7> kDays{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  field = upper(field);
  auto replace_all = [&](const std::string& name, int value) {
    for (auto at = field.find(name); at != std::string::npos; at = field.find(name))
      field.replace(at, name.size(), std::to_string(value));
  };
  if (month)
    for (int i = 0; i < 12; ++i) replace_all(kMonths[static_cast<std::size_t>(i)], i + 1);
  else
    for (int i = 0; i < 7; ++i) replace_all(kDays[static_cast<std::size_t>(i)], i + 1);
  return field;
}

int to_int(const std::string& text, const std::string& expression) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
    throw ScheduleError("schedule expression '" + expression + "': '" + text + "' is not a number");
  return std::stoi(text);
}

}  // namespace

Schedule::Schedule(const std::string& expression) : expression_(expression) {
  auto open = expression.find('(');
  if (open == std::string::npos || expression.back() != ')')
    throw ScheduleError("schedule expression '" + expression + "' is neither rate(value unit) nor cron(six fields)");
  const std::string kind = expression.substr(0, open);
  const std::string inner = expression.substr(open + 1, expression.size() - open - 2);
  if (kind == "rate") {
    auto parts = split(inner, ' ');
    if (parts.size() != 2)
      throw ScheduleError("schedule expression '" + expression + "': a rate is 'rate(value unit)', e.g. rate(5 minutes)");
    int value = to_int(parts[0], expression);
    const std::string& unit = parts[1];
    Millis unit_ms = 0;
    if (unit == "minute" || unit == "minutes") unit_ms = 60000;
    if (unit == "hour" || unit == "hours") unit_ms = 3600000;
    if (unit == "day" || unit == "days") unit_ms = kDay;
    if (unit_ms == 0)
      throw ScheduleError("schedule expression '" + expression + "': the unit must be minute(s), hour(s) or day(s), got '" + unit + "'");
    if (value < 1) throw ScheduleError("schedule expression '" + expression + "': the value must be a positive number");
    if ((value == 1) != (unit.back() != 's'))
      throw ScheduleError("schedule expression '" + expression + "': use the singular unit for 1 and the plural otherwise");
    rate_ms_ = value * unit_ms;
    return;
  }
  if (kind != "cron")
    throw ScheduleError("schedule expression '" + expression + "' is neither rate(value unit) nor cron(six fields)");
  std::vector<std::string> fields;
  for (auto& field : split(inner, ' '))
    if (!field.empty()) fields.push_back(field);
  if (fields.size() != 6)
    throw ScheduleError("schedule expression '" + expression + "': cron takes six fields (minutes hours day-of-month month day-of-week year), got " +
                        std::to_string(fields.size()));
  minutes_ = fields[0];
  hours_ = fields[1];
  day_of_month_ = upper(fields[2]);
  month_ = replace_names(fields[3], true);
  day_of_week_ = replace_names(fields[4], false);
  year_ = fields[5];
  if ((day_of_month_ == "?") == (day_of_week_ == "?"))
    throw ScheduleError("schedule expression '" + expression + "': exactly one of day-of-month and day-of-week must be '?'");
  // Validate every field by matching a value against it.
  (void)matches(minutes_, 0, 0, 59, false);
  (void)matches(hours_, 0, 0, 23, false);
  (void)matches(month_, 1, 1, 12, false);
  (void)matches(year_, 1970, 1970, 2199, false);
  (void)matches_day(2024, 1, 1, 2);
}

bool Schedule::matches(const std::string& field, int value, int low, int high, bool weekday) const {
  (void)weekday;
  for (const auto& item : split(field, ',')) {
    if (item == "*" || item == "?") return true;
    std::string range = item;
    int step = 1;
    if (auto slash = item.find('/'); slash != std::string::npos) {
      range = item.substr(0, slash);
      step = to_int(item.substr(slash + 1), expression_);
      if (step < 1) throw ScheduleError("schedule expression '" + expression_ + "': a step must be at least 1");
    }
    int from = low, to = high;
    if (range != "*") {
      if (auto dash = range.find('-'); dash != std::string::npos) {
        from = to_int(range.substr(0, dash), expression_);
        to = to_int(range.substr(dash + 1), expression_);
      } else {
        from = to_int(range, expression_);
        to = item.find('/') != std::string::npos ? high : from;
      }
    }
    if (from < low || to > high || from > to)
      throw ScheduleError("schedule expression '" + expression_ + "': '" + item + "' is out of " + std::to_string(low) + "-" +
                          std::to_string(high));
    if (value >= from && value <= to && (value - from) % step == 0) return true;
  }
  return false;
}

bool Schedule::matches_day(int year, int month, int day, int weekday) const {
  const int last = days_in_month(year, month);
  if (day_of_month_ != "?") {
    for (const auto& item : split(day_of_month_, ',')) {
      if (item == "L") {
        if (day == last) return true;
      } else if (item == "LW") {
        int target = last;
        int wd = (weekday - 1 + (last - day)) % 7 + 1;  // weekday of the last day
        if (wd == 7) target -= 1;
        if (wd == 1) target -= 2;
        if (day == target) return true;
      } else if (!item.empty() && item.back() == 'W') {
        int wanted = to_int(item.substr(0, item.size() - 1), expression_);
        if (wanted < 1 || wanted > 31) throw ScheduleError("schedule expression '" + expression_ + "': '" + item + "' is out of 1-31");
        if (wanted > last) continue;
        int wd = ((weekday - 1 + (wanted - day)) % 7 + 7) % 7 + 1;  // weekday of `wanted`
        int target = wanted;
        if (wd == 7) target = wanted == 1 ? wanted + 2 : wanted - 1;
        if (wd == 1) target = wanted == last ? wanted - 2 : wanted + 1;
        if (day == target) return true;
      } else if (matches(item, day, 1, 31, false)) {
        return true;
      }
    }
    return false;
  }
  for (const auto& item : split(day_of_week_, ',')) {
    if (auto hash = item.find('#'); hash != std::string::npos) {
      int wanted = to_int(item.substr(0, hash), expression_);
      int nth = to_int(item.substr(hash + 1), expression_);
      if (wanted < 1 || wanted > 7 || nth < 1 || nth > 5)
        throw ScheduleError("schedule expression '" + expression_ + "': '" + item + "' must be day#n with day 1-7 and n 1-5");
      if (weekday == wanted && (day - 1) / 7 + 1 == nth) return true;
    } else if (item.size() > 1 && item.back() == 'L') {
      int wanted = to_int(item.substr(0, item.size() - 1), expression_);
      if (weekday == wanted && day + 7 > last) return true;
    } else if (item == "L") {
      if (weekday == 7) return true;
    } else if (matches(item, weekday, 1, 7, true)) {
      return true;
    }
  }
  return false;
}

std::optional<Millis> Schedule::next_after(Millis after, Millis started) const {
  if (is_rate()) {
    if (after < started) return started + rate_ms_;
    Millis periods = (after - started) / rate_ms_ + 1;
    return started + periods * rate_ms_;
  }
  Millis first_day = after >= 0 ? after / kDay : (after - kDay + 1) / kDay;
  for (Millis days = first_day; days < first_day + 366 * 5; ++days) {
    int year, month, day;
    civil_from_days(days, year, month, day);
    if (!matches(year_, year, 1970, 2199, false) || !matches(month_, month, 1, 12, false) ||
        !matches_day(year, month, day, weekday_of(days)))
      continue;
    for (int hour = 0; hour < 24; ++hour) {
      if (!matches(hours_, hour, 0, 23, false)) continue;
      for (int minute = 0; minute < 60; ++minute) {
        if (!matches(minutes_, minute, 0, 59, false)) continue;
        Millis at = days * kDay + hour * 3600000LL + minute * 60000LL;
        if (at > after) return at;
      }
    }
  }
  return std::nullopt;
}

}  // namespace formwork::local::events
