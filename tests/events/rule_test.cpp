#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/events/rule.hpp"

using namespace formwork;
using json = nlohmann::ordered_json;

namespace {

json synth(App& app) { return synthesize(app).stacks.at(0).document; }

// The validation message synthesis reports for `schedule` on rule S/Timer, or "" when valid.
std::string schedule_error(events::Schedule schedule) {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<events::Rule>("Timer", {.schedule = std::move(schedule)});
  try {
    (void)synthesize(app);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "";
}

// A target that sends to a fixed ARN, to see the rule's Targets entries.
class FixedTarget : public events::IRuleTarget {
 public:
  explicit FixedTarget(events::RuleTargetConfig config) : config_(std::move(config)) {}
  events::RuleTargetConfig bind(events::Rule&, std::string id) const override {
    ids.push_back(id);
    return config_;
  }
  mutable std::vector<std::string> ids;

 private:
  events::RuleTargetConfig config_;
};

}  // namespace

TEST_CASE("a rate schedule is written in the largest whole unit, singular for one", "[events]") {
  CHECK(events::Schedule::rate(Duration::minutes(1)).expression_string() == "rate(1 minute)");
  CHECK(events::Schedule::rate(Duration::minutes(5)).expression_string() == "rate(5 minutes)");
  CHECK(events::Schedule::rate(Duration::minutes(120)).expression_string() == "rate(2 hours)");
  CHECK(events::Schedule::rate(Duration::hours(1)).expression_string() == "rate(1 hour)");
  CHECK(events::Schedule::rate(Duration::days(1)).expression_string() == "rate(1 day)");
  CHECK(events::Schedule::rate(Duration::hours(36)).expression_string() == "rate(36 hours)");
  CHECK(events::Schedule::rate(Duration::minutes(5)).errors().empty());
}

TEST_CASE("a rate below one minute or not in whole minutes is reported with the rule's path", "[events]") {
  CHECK_THAT(schedule_error(events::Schedule::rate(Duration::seconds(59))),
             Catch::Contains("[S/Timer] rate must be at least 1 minute, got 59 seconds"));
  CHECK_THAT(schedule_error(events::Schedule::rate(Duration::seconds(90))),
             Catch::Contains("[S/Timer] rate must be a whole number of minutes, got 90 seconds"));
  CHECK(schedule_error(events::Schedule::rate(Duration::seconds(60))).empty());
}

TEST_CASE("hand-written rate expressions need a value of at least 1 and the right unit form", "[events]") {
  using events::validate_schedule_expression;
  CHECK(validate_schedule_expression("rate(1 minute)").empty());
  CHECK(validate_schedule_expression("rate(5 minutes)").empty());
  CHECK(validate_schedule_expression("rate(1 day)").empty());
  CHECK(validate_schedule_expression("rate(12 hours)").empty());
  CHECK(validate_schedule_expression("rate(1 minutes)") ==
        std::vector<std::string>{"rate unit must be singular for a value of 1 ('rate(1 minute)'), got 'rate(1 minutes)'"});
  CHECK(validate_schedule_expression("rate(5 minute)") ==
        std::vector<std::string>{"rate unit must be plural for a value above 1 ('rate(5 minutes)'), got 'rate(5 minute)'"});
  CHECK(validate_schedule_expression("rate(0 minutes)").at(0) == "rate value must be at least 1, got 0 in 'rate(0 minutes)'");
  CHECK(validate_schedule_expression("rate(5 seconds)") ==
        std::vector<std::string>{"rate unit must be minute(s), hour(s) or day(s), got 'seconds' in 'rate(5 seconds)'"});
  CHECK(validate_schedule_expression("rate(five minutes)") ==
        std::vector<std::string>{"rate expression must read 'rate(<value> <unit>)', got 'rate(five minutes)'"});
  CHECK(validate_schedule_expression("every 5 minutes") ==
        std::vector<std::string>{"schedule expression must be 'rate(…)' or 'cron(…)', got 'every 5 minutes'"});
}

TEST_CASE("cron schedules fill in defaults and put '?' in the unused day field", "[events]") {
  CHECK(events::Schedule::cron({.minute = "0", .hour = "8"}).expression_string() == "cron(0 8 * * ? *)");
  CHECK(events::Schedule::cron({.minute = "0", .hour = "8", .week_day = "MON-FRI"}).expression_string() ==
        "cron(0 8 ? * MON-FRI *)");
  CHECK(events::Schedule::cron({.minute = "*/5"}).errors().empty());
  CHECK_THAT(schedule_error(events::Schedule::cron({.day = "1", .week_day = "MON"})),
             Catch::Contains("[S/Timer] cron day and week_day cannot both be set, got '1' and 'MON'"));
}

TEST_CASE("cron expressions need six fields, one '?' day field and values in range", "[events]") {
  using events::validate_schedule_expression;
  CHECK(validate_schedule_expression("cron(0 12 * * ? *)").empty());
  CHECK(validate_schedule_expression("cron(15 10 ? * 6L 2002-2005)").empty());
  CHECK(validate_schedule_expression("cron(0/15 * ? * MON#2 *)").empty());
  CHECK(validate_schedule_expression("cron(0 12 * * *)") ==
        std::vector<std::string>{"cron expression must have 6 fields (minutes hours day-of-month month day-of-week year), "
                                 "got 5 in 'cron(0 12 * * *)'"});
  CHECK(validate_schedule_expression("cron(0 12 * * * *)") ==
        std::vector<std::string>{"cron expression needs '?' in exactly one of day-of-month and day-of-week, got '*' and "
                                 "'*' in 'cron(0 12 * * * *)'"});
  CHECK(validate_schedule_expression("cron(0 12 ? * ? *)").size() == 1);
  CHECK(validate_schedule_expression("cron(60 12 * * ? *)") ==
        std::vector<std::string>{"cron minutes field '60': value 60 is outside 0-59"});
  CHECK(validate_schedule_expression("cron(0 24 * * ? *)") ==
        std::vector<std::string>{"cron hours field '24': value 24 is outside 0-23"});
  CHECK(validate_schedule_expression("cron(0 8 * FOO ? *)") ==
        std::vector<std::string>{"cron month field 'FOO': 'FOO' is not allowed"});
}

TEST_CASE("a scheduled rule is enabled and lists its targets as Target0, Target1", "[events]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& rule = stack.add<events::Rule>("Timer", {.schedule = events::Schedule::rate(Duration::minutes(5)),
                                                 .description = "every five minutes"});
  FixedTarget first({.arn = "arn:aws:sqs:us-east-1:123456789012:a"});
  FixedTarget second({.arn = "arn:aws:sqs:us-east-1:123456789012:b", .retry_attempts = 3,
                      .max_event_age = Duration::minutes(2)});
  rule.add_target(first);
  rule.add_target(second);
  auto doc = synth(app);
  const auto& r = doc["Resources"]["Timer"];
  CHECK(r["Type"] == "AWS::Events::Rule");
  CHECK(r["Properties"]["ScheduleExpression"] == "rate(5 minutes)");
  CHECK(r["Properties"]["State"] == "ENABLED");
  CHECK(r["Properties"]["Description"] == "every five minutes");
  CHECK(r["Properties"]["Targets"] == json::parse(R"([
    {"Arn": "arn:aws:sqs:us-east-1:123456789012:a", "Id": "Target0"},
    {"Arn": "arn:aws:sqs:us-east-1:123456789012:b", "Id": "Target1",
     "RetryPolicy": {"MaximumEventAgeInSeconds": 120, "MaximumRetryAttempts": 3}}])"));
  CHECK(first.ids == std::vector<std::string>{"Target0"});
  CHECK(second.ids == std::vector<std::string>{"Target1"});
  CHECK(synthesize(app).stacks[0].comments.at("Timer") == "Timer/Resource: Fires on schedule rate(5 minutes) (rule Timer)");
}

TEST_CASE("a disabled rule with an event pattern and a name", "[events]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<events::Rule>("OnEc2", {.event_pattern = Value::map({{"source", Value::list({"aws.ec2"})}}),
                                    .rule_name = "on-ec2.changes_1",
                                    .enabled = false});
  auto doc = synth(app);
  const auto& p = doc["Resources"]["OnEc2"]["Properties"];
  CHECK(p["EventPattern"] == json::parse(R"({"source": ["aws.ec2"]})"));
  CHECK(p["Name"] == "on-ec2.changes_1");
  CHECK(p["State"] == "DISABLED");
  CHECK_FALSE(p.contains("ScheduleExpression"));
}

TEST_CASE("rule names, descriptions, targets and missing triggers are validated together", "[events]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<events::Rule>("Empty");
  stack.add<events::Rule>("Long", {.schedule = events::Schedule::rate(Duration::hours(1)),
                                   .rule_name = std::string(65, 'a'),
                                   .description = std::string(513, 'd')});
  stack.add<events::Rule>("Fits", {.schedule = events::Schedule::rate(Duration::hours(1)),
                                   .rule_name = std::string(64, 'a'),
                                   .description = std::string(512, 'd')});
  stack.add<events::Rule>("Bad", {.schedule = events::Schedule::rate(Duration::hours(1)), .rule_name = "has space"});
  auto& many = stack.add<events::Rule>("Many", {.schedule = events::Schedule::rate(Duration::hours(1))});
  FixedTarget target({.arn = "arn:aws:sqs:us-east-1:123456789012:a", .retry_attempts = 186,
                      .max_event_age = Duration::seconds(59)});
  for (int i = 0; i < 6; ++i) many.add_target(target);
  try {
    (void)synthesize(app);
    FAIL("expected a ValidationError");
  } catch (const ValidationError& e) {
    std::string what = e.what();
    CHECK_THAT(what, Catch::Contains("[S/Empty] a rule needs a schedule or an event pattern, got neither"));
    CHECK_THAT(what, Catch::Contains("[S/Long] rule name must be 1 to 64 characters, got 65"));
    CHECK_THAT(what, Catch::Contains("[S/Long] rule description must be at most 512 characters, got 513"));
    CHECK_THAT(what, Catch::Contains("[S/Bad] rule name must use only . - _ A-Z a-z 0-9, got 'has space'"));
    CHECK_THAT(what, Catch::Contains("[S/Many] a rule has at most 5 targets, got 6"));
    CHECK_THAT(what, Catch::Contains("[S/Many] Target0 retry attempts must be between 0 and 185, got 186"));
    CHECK_THAT(what, Catch::Contains("[S/Many] Target0 maximum event age must be between 60 and 86400 seconds, got 59"));
    CHECK_THAT(what, !Catch::Contains("[S/Fits]"));
  }
}
