// formwork::events::EventBus, rules on a custom bus, EventPattern and its matchers, and the
// inputs a rule sends to its targets.
#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/events/event_bus.hpp"
#include "constructs/events/event_pattern.hpp"
#include "constructs/events/rule.hpp"
#include "constructs/iam/role.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using assertions::Match;
using assertions::Template;
using testing::validation_errors;

namespace {

// A target that only sends to a fixed ARN with the given input.
class FixedTarget : public events::IRuleTarget {
 public:
  explicit FixedTarget(events::RuleTargetInput input) : input_(std::move(input)) {}
  events::RuleTargetConfig bind(events::Rule&, std::string) const override {
    return {.arn = "arn:aws:sqs:eu-west-1:123456789012:q", .target_input = input_};
  }

 private:
  events::RuleTargetInput input_;
};

}  // namespace

TEST_CASE("an event bus is named after the stack unless named, and grants events:PutEvents", "[events]") {
  App app;
  auto& stack = app.add<Stack>("Shop");
  auto& bus = stack.add<events::EventBus>("Orders");
  stack.add<events::EventBus>("Audit", {.event_bus_name = "audit-bus", .description = "audit trail"});
  auto& writer = stack.add<iam::Role>("Writer", {.assumed_by = "lambda.amazonaws.com"});
  bus.grant_put_events_to(writer);
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Events::EventBus", Match::exact(Match::json(R"({"Name": "Shop-Orders"})")));
  t.has_resource_properties("AWS::Events::EventBus", Match::json(R"({"Name": "audit-bus", "Description": "audit trail"})"));
  t.has_resource_properties("AWS::IAM::Policy", Match::json(R"({"PolicyDocument": {"Statement": [
    {"Action": "events:PutEvents", "Resource": {"Fn::GetAtt": ["Orders", "Arn"]}}]}})"));
  CHECK(synthesize(app).stacks[0].comments.at("WriterDefaultPolicy") ==
        "Writer/DefaultPolicy/Resource: Allows Writer to put events on event bus Orders");
}

TEST_CASE("a rule on a custom bus matches a typed event pattern", "[events]") {
  App app;
  auto& stack = app.add<Stack>("Shop");
  auto& bus = stack.add<events::EventBus>("Orders");
  auto& rule = stack.add<events::Rule>("Placed", {
      .event_pattern = events::EventPattern{
          .source = {"shop.orders"},
          .detail_type = {"Order placed"},
          .detail = {{"total", Value::list({events::match::numeric(">=", 100)})},
                     {"customer", Value::map({{"tier", Value::list({events::match::anything_but({"free"})})}})},
                     {"note", Value::list({events::match::exists(false)})},
                     {"sku", Value::list({events::match::prefix("A-"), events::match::suffix("-X"),
                                          events::match::equals_ignore_case("abc")})}}}.to_value(),
      .event_bus = &bus});
  rule.add_target(FixedTarget(events::RuleTargetInput::from_template(
      R"({"order": <id>, "total": <total>})", {{"id", "$.detail.id"}, {"total", "$.detail.total"}})));
  rule.add_target(FixedTarget(events::RuleTargetInput::from_event_path("$.detail")));
  rule.add_target(FixedTarget(events::RuleTargetInput::from_object(Value::map({{"kind", "order"}}))));
  rule.add_target(FixedTarget(events::RuleTargetInput::from_text("hello")));
  Template t = Template::from_stack(stack);
  t.has_resource_properties("AWS::Events::Rule", Match::json(R"({
    "EventBusName": {"Fn::GetAtt": ["Orders", "Name"]}, "State": "ENABLED",
    "EventPattern": {"source": ["shop.orders"], "detail-type": ["Order placed"], "detail": {
      "total": [{"numeric": [">=", 100.0]}], "customer": {"tier": [{"anything-but": ["free"]}]},
      "note": [{"exists": false}],
      "sku": [{"prefix": "A-"}, {"suffix": "-X"}, {"equals-ignore-case": "abc"}]}},
    "Targets": [
      {"Id": "Target0", "InputTransformer": {"InputPathsMap": {"id": "$.detail.id", "total": "$.detail.total"},
                                             "InputTemplate": "{\"order\": <id>, \"total\": <total>}"}},
      {"Id": "Target1", "InputPath": "$.detail"},
      {"Id": "Target2", "Input": "{\"kind\":\"order\"}"},
      {"Id": "Target3", "Input": "\"hello\""}]})"));
  CHECK(synthesize(app).stacks[0].comments.at("Placed") == "Placed/Resource: Matches events on event bus Orders (rule Placed)");
}

TEST_CASE("bus names, empty patterns, schedules on a custom bus and bad inputs are errors", "[events]") {
  App app;
  auto& stack = app.add<Stack>("Shop");
  auto& bus = stack.add<events::EventBus>("Bad", {.event_bus_name = "default"});
  stack.add<events::Rule>("Empty", {.event_pattern = events::EventPattern{}.to_value()});
  stack.add<events::Rule>("Timer", {.schedule = events::Schedule::rate(Duration::minutes(5)), .event_bus = &bus});
  auto& rule = stack.add<events::Rule>("R", {.event_pattern = events::EventPattern{.source = {"x"}}.to_value()});
  rule.add_target(FixedTarget(events::RuleTargetInput::from_event_path("detail")));
  rule.add_target(FixedTarget(events::RuleTargetInput::from_template("<a>", {{"a", "$.a"}, {"b", "$.b"}})));
  std::string errors = validation_errors(app);
  for (const char* expected : {
           "[Shop/Bad] event bus name must be 1 to 256 characters of / . - _ A-Z a-z 0-9 and not 'default', got 'default'",
           "[Shop/Empty] an event pattern needs at least one field (source, detail-type, detail, ...)",
           "[Shop/Timer] a schedule rule runs on the default event bus only, got event bus Bad",
           "[Shop/R] Target0 target input path must be a JSONPath starting with $, got 'detail'",
           "[Shop/R] Target1 input transformer path 'b' is not used in the template as <b>",
       }) {
    INFO(errors);
    CHECK_THAT(errors, Catch::Contains(expected));
  }
}
