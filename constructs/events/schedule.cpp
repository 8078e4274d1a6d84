#include "constructs/events/schedule.hpp"

#include <array>
#include <cctype>
#include <regex>
#include <sstream>

namespace formwork::events {

namespace {

struct Unit {
  const char* singular;
  std::int64_t seconds;
};
// Largest first: a rate is written in the largest unit that divides it exactly.
constexpr std::array<Unit, 3> kUnits = {{{"day", 86400}, {"hour", 3600}, {"minute", 60}}};

// One field of an EventBridge cron expression: its name, numeric range, the characters it
// allows besides digits, and the names it accepts (JAN-DEC, SUN-SAT).
struct CronField {
  const char* name;
  int min;
  int max;
  const char* symbols;
  std::array<const char*, 12> names;
};
const std::array<CronField, 6> kCronFields = {{
    {"minutes", 0, 59, ",-*/", {}},
    {"hours", 0, 23, ",-*/", {}},
    {"day-of-month", 1, 31, ",-*?/LW", {}},
    {"month", 1, 12, ",-*/", {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
    {"day-of-week", 1, 7, ",-*?L#", {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
    {"year", 1970, 2199, ",-*/", {}},
}};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void check_cron_field(const CronField& field, const std::string& text, std::vector<std::string>& errors) {
  std::string problem;
  char previous = 0;
  for (std::size_t i = 0; i < text.size() && problem.empty();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isdigit(c)) {
      std::size_t end = i;
      while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
      long number = std::stol(text.substr(i, std::min<std::size_t>(end - i, 9)));
      // After '/' comes an increment and after '#' the week of the month, not a field value.
      bool in_range = previous == '/' ? number >= 1 : previous == '#' ? (number >= 1 && number <= 5)
                                                                      : (number >= field.min && number <= field.max);
      if (!in_range)
        problem = "value " + text.substr(i, end - i) + " is outside " + std::to_string(field.min) + "-" +
                  std::to_string(field.max);
      previous = '0';
      i = end;
    } else if (std::isalpha(c)) {
      std::size_t end = i;
      while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
      std::string word = upper(text.substr(i, end - i));
      bool known = (word == "L" || word == "W" || word == "LW") && std::string(field.symbols).find('L') != std::string::npos;
      for (const char* name : field.names)
        if (name != nullptr && word == name) known = true;
      if (!known) problem = "'" + text.substr(i, end - i) + "' is not allowed";
      previous = 'a';
      i = end;
    } else {
      if (std::string(field.symbols).find(static_cast<char>(c)) == std::string::npos)
        problem = "character '" + std::string(1, static_cast<char>(c)) + "' is not allowed";
      previous = static_cast<char>(c);
      ++i;
    }
  }
  if (!problem.empty())
    errors.push_back("cron " + std::string(field.name) + " field '" + text + "': " + problem);
}

std::vector<std::string> validate_cron(const std::string& expression, const std::string& body) {
  std::vector<std::string> errors;
  std::istringstream in(body);
  std::vector<std::string> fields;
  for (std::string field; in >> field;) fields.push_back(field);
  if (fields.size() != 6) {
    errors.push_back("cron expression must have 6 fields (minutes hours day-of-month month day-of-week year), got " +
                     std::to_string(fields.size()) + " in '" + expression + "'");
    return errors;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) check_cron_field(kCronFields[i], fields[i], errors);
  bool day_any = fields[2] == "?";
  bool week_day_any = fields[4] == "?";
  if (day_any == week_day_any)
    errors.push_back("cron expression needs '?' in exactly one of day-of-month and day-of-week, got '" + fields[2] +
                     "' and '" + fields[4] + "' in '" + expression + "'");
  return errors;
}

std::vector<std::string> validate_rate(const std::string& expression, const std::string& body) {
  static const std::regex pattern(R"(\s*(-?[0-9]+)\s+([a-z]+)\s*)");
  std::smatch match;
  if (!std::regex_match(body, match, pattern))
    return {"rate expression must read 'rate(<value> <unit>)', got '" + expression + "'"};
  std::string digits = match[1].str();
  long long value = digits.size() > 12 ? 999999999999LL : std::stoll(digits);
  std::string unit = match[2].str();
  std::vector<std::string> errors;
  if (value < 1) errors.push_back("rate value must be at least 1, got " + digits + " in '" + expression + "'");
  bool known = false;
  for (const auto& u : kUnits) {
    std::string singular = u.singular;
    if (unit != singular && unit != singular + "s") continue;
    known = true;
    bool plural = unit.back() == 's';
    if (value == 1 && plural)
      errors.push_back("rate unit must be singular for a value of 1 ('rate(1 " + singular + ")'), got '" + expression + "'");
    if (value > 1 && !plural)
      errors.push_back("rate unit must be plural for a value above 1 ('rate(" + digits + " " + singular + "s)'), got '" +
                       expression + "'");
  }
  if (!known)
    errors.push_back("rate unit must be minute(s), hour(s) or day(s), got '" + unit + "' in '" + expression + "'");
  return errors;
}

}  // namespace

std::vector<std::string> validate_schedule_expression(const std::string& expression) {
  auto inside = [&](const std::string& prefix) -> std::optional<std::string> {
    if (expression.size() < prefix.size() + 1 || expression.compare(0, prefix.size(), prefix) != 0 ||
        expression.back() != ')')
      return std::nullopt;
    return expression.substr(prefix.size(), expression.size() - prefix.size() - 1);
  };
  if (auto body = inside("rate(")) return validate_rate(expression, *body);
  if (auto body = inside("cron(")) return validate_cron(expression, *body);
  return {"schedule expression must be 'rate(…)' or 'cron(…)', got '" + expression + "'"};
}

Schedule Schedule::rate(Duration interval) {
  std::int64_t seconds = interval.to_seconds();
  if (seconds < 60)
    return Schedule("rate(" + std::to_string(seconds) + " seconds)",
                    {"rate must be at least 1 minute, got " + std::to_string(seconds) + " seconds"});
  for (const auto& unit : kUnits) {
    if (seconds % unit.seconds != 0) continue;
    std::int64_t value = seconds / unit.seconds;
    std::string text = "rate(" + std::to_string(value) + " " + unit.singular + (value == 1 ? "" : "s") + ")";
    return Schedule(text, {});
  }
  return Schedule("rate(" + std::to_string(seconds) + " seconds)",
                  {"rate must be a whole number of minutes, got " + std::to_string(seconds) + " seconds"});
}

Schedule Schedule::cron(CronOptions options) {
  std::vector<std::string> errors;
  if (options.day && options.week_day && *options.day != "?" && *options.week_day != "?")
    errors.push_back("cron day and week_day cannot both be set, got '" + *options.day + "' and '" + *options.week_day +
                     "'");
  std::string day = options.day.value_or(options.week_day ? "?" : "*");
  std::string week_day = options.week_day.value_or("?");
  std::string text = "cron(" + options.minute.value_or("*") + " " + options.hour.value_or("*") + " " + day + " " +
                     options.month.value_or("*") + " " + week_day + " " + options.year.value_or("*") + ")";
  if (errors.empty()) errors = validate_schedule_expression(text);
  return Schedule(text, std::move(errors));
}

Schedule Schedule::expression(std::string expression) {
  auto errors = validate_schedule_expression(expression);
  return Schedule(std::move(expression), std::move(errors));
}

}  // namespace formwork::events
