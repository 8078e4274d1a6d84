#include <catch2/catch.hpp>

#include <mutex>
#include <nlohmann/json.hpp>

#include "local/lambda/async.hpp"
#include "local/sqs/sqs.hpp"

using namespace formwork::local;
using formwork::local::lambda::AsyncConfig;
using formwork::local::lambda::AsyncInvoker;
using formwork::local::lambda::Attempt;

namespace {

// Deliveries go to real local SQS queues, by ARN.
class QueueTargets : public lambda::Targets {
 public:
  explicit QueueTargets(sqs::Sqs& sqs) : sqs_(sqs) {}
  std::string deliver(const std::string& arn, const lambda::Delivery& delivery) override {
    sqs_.send(arn, delivery.body, delivery.attributes);
    return sqs_.config_of(arn).name;
  }

 private:
  sqs::Sqs& sqs_;
};

struct Fixture {
  Clock clock{ClockMode::manual, 1.0, 1700000000000};
  Timeline timeline;
  sqs::Sqs sqs{clock, timeline};
  QueueTargets targets{sqs};
  std::mutex mutex;
  std::vector<std::pair<Millis, std::string>> attempts;  // time, request id
  bool fail = true;
  AsyncInvoker invoker{clock, timeline, targets, [this](const std::string&, const std::string&, const std::string& id) {
                         std::lock_guard lock(mutex);
                         attempts.emplace_back(clock.now(), id);
                         if (fail)
                           return Attempt{.ok = false,
                                          .payload = R"({"errorMessage":"the event has no name","errorType":"ValueError"})",
                                          .error_type = "ValueError",
                                          .error_message = "the event has no name"};
                         return Attempt{.ok = true, .payload = R"({"message":"Hello, Ada!"})"};
                       }};

  Fixture() {
    for (const char* name : {"Dlq", "Success", "Failure"})
      sqs.add_queue({.name = name, .arn = std::string("arn:aws:sqs:us-east-1:123456789012:") + name,
                     .url = std::string("http://localhost/123456789012/") + name});
  }
  std::vector<sqs::Message> drain(const std::string& name) {
    std::vector<sqs::Message> out;
    for (;;) {
      auto got = sqs.receive(name, {.max_messages = 10, .wait_time_s = 0});
      if (got.empty()) return out;
      out.insert(out.end(), got.begin(), got.end());
    }
  }
};

const std::string kArn = "arn:aws:lambda:us-east-1:123456789012:function:SimpleFunc";

}  // namespace

TEST_CASE("a failing event is tried three times with one request id, at 0, +60 s and +180 s, then sent to the DLQ",
          "[local][async]") {
  Fixture f;
  f.invoker.add_function("SimpleFunc", kArn, {.dead_letter = "arn:aws:sqs:us-east-1:123456789012:Dlq"});
  const Millis start = f.clock.now();
  auto id = f.invoker.submit("SimpleFunc", R"({"name":""})");
  f.clock.run_due();
  REQUIRE(f.attempts.size() == 1);
  f.clock.advance(59000);
  REQUIRE(f.attempts.size() == 1);
  f.clock.advance(1000);
  REQUIRE(f.attempts.size() == 2);
  f.clock.advance(120000);
  REQUIRE(f.attempts.size() == 3);
  f.clock.advance(600000);
  REQUIRE(f.attempts.size() == 3);
  for (const auto& attempt : f.attempts) REQUIRE(attempt.second == id);
  REQUIRE(f.attempts[0].first == start);
  REQUIRE(f.attempts[1].first == start + 60000);
  REQUIRE(f.attempts[2].first == start + 180000);

  auto dead = f.drain("Dlq");
  REQUIRE(dead.size() == 1);
  REQUIRE(dead[0].body == R"({"name":""})");
  REQUIRE(dead[0].attributes.at("RequestID").string_value == id);
  REQUIRE(dead[0].attributes.at("ErrorCode").data_type == "Number");
  REQUIRE(dead[0].attributes.at("ErrorCode").string_value == "200");
  REQUIRE(dead[0].attributes.at("ErrorMessage").string_value == "the event has no name");
  auto retries = f.timeline.events_of("RETRY");
  REQUIRE(retries.size() == 2);
  REQUIRE(retries[0].text == "retry 1 of 2 in 60 s");
  REQUIRE(retries[1].text == "retry 2 of 2 in 120 s");
}

TEST_CASE("MaximumRetryAttempts 0 gives up after one attempt, DLQ and on-failure both receive", "[local][async]") {
  Fixture f;
  f.invoker.add_function("SimpleFunc", kArn,
                         {.maximum_retry_attempts = 0,
                          .on_failure = "arn:aws:sqs:us-east-1:123456789012:Failure",
                          .dead_letter = "arn:aws:sqs:us-east-1:123456789012:Dlq"});
  auto id = f.invoker.submit("SimpleFunc", R"({"k":1})");
  f.clock.advance(1000);
  REQUIRE(f.attempts.size() == 1);
  REQUIRE(f.drain("Dlq").size() == 1);
  auto failures = f.drain("Failure");
  REQUIRE(failures.size() == 1);
  auto record = nlohmann::json::parse(failures[0].body);
  REQUIRE(record["requestContext"]["condition"] == "RetriesExhausted");
  REQUIRE(record["requestContext"]["approximateInvokeCount"] == 1);
  REQUIRE(record["requestContext"]["requestId"] == id);
  REQUIRE(record["responseContext"]["functionError"] == "Unhandled");
  REQUIRE(record["responsePayload"]["errorMessage"] == "the event has no name");
}

TEST_CASE("the event age look-ahead gives up after one attempt with EventAgeExceeded", "[local][async]") {
  Fixture f;
  f.invoker.add_function("SimpleFunc", kArn,
                         {.maximum_retry_attempts = 2,
                          .maximum_event_age_s = 60,
                          .on_failure = "arn:aws:sqs:us-east-1:123456789012:Failure"});
  f.invoker.submit("SimpleFunc", "{}");
  f.clock.run_due();
  // Lambda does not wait the full 60 s: the record is there at once.
  auto failures = f.drain("Failure");
  REQUIRE(failures.size() == 1);
  auto record = nlohmann::json::parse(failures[0].body);
  REQUIRE(record["requestContext"]["condition"] == "EventAgeExceeded");
  REQUIRE(record["requestContext"]["approximateInvokeCount"] == 1);
  f.clock.advance(600000);
  REQUIRE(f.attempts.size() == 1);
}

TEST_CASE("the look-ahead rule: a retry must start before the event's maximum age", "[local][async]") {
  REQUIRE_FALSE(lambda::retry_fits_event_age(0, 1, 60));
  REQUIRE(lambda::retry_fits_event_age(0, 1, 61));
  REQUIRE_FALSE(lambda::retry_fits_event_age(1000, 1, 61));
  REQUIRE(lambda::retry_fits_event_age(59999, 2, 180));
  REQUIRE_FALSE(lambda::retry_fits_event_age(60000, 2, 180));
  REQUIRE(lambda::retry_delay_ms(1) == 60000);
  REQUIRE(lambda::retry_delay_ms(2) == 120000);
}

TEST_CASE("a success sends the on-success record and nothing to the DLQ", "[local][async]") {
  Fixture f;
  f.fail = false;
  f.invoker.add_function("SimpleFunc", kArn,
                         {.on_success = "arn:aws:sqs:us-east-1:123456789012:Success",
                          .dead_letter = "arn:aws:sqs:us-east-1:123456789012:Dlq"});
  f.invoker.submit("SimpleFunc", R"({"name":"Ada"})");
  f.clock.advance(1000);
  auto records = f.drain("Success");
  REQUIRE(records.size() == 1);
  auto record = nlohmann::json::parse(records[0].body);
  REQUIRE(record["requestContext"]["condition"] == "Success");
  REQUIRE(record["responsePayload"]["message"] == "Hello, Ada!");
  REQUIRE_FALSE(record["responseContext"].contains("functionError"));
  REQUIRE(f.drain("Dlq").empty());
}

TEST_CASE("reserved concurrency 0 sends events straight on without running them", "[local][async]") {
  Fixture f;
  f.invoker.add_function("SimpleFunc", kArn,
                         {.on_failure = "arn:aws:sqs:us-east-1:123456789012:Failure",
                          .dead_letter = "arn:aws:sqs:us-east-1:123456789012:Dlq",
                          .reserved_concurrency = 0});
  f.invoker.submit("SimpleFunc", "{}");
  f.clock.advance(1000);
  REQUIRE(f.attempts.empty());
  auto dead = f.drain("Dlq");
  REQUIRE(dead.size() == 1);
  REQUIRE(dead[0].attributes.at("ErrorCode").string_value == "429");
  auto record = nlohmann::json::parse(f.drain("Failure").at(0).body);
  REQUIRE(record["requestContext"]["approximateInvokeCount"] == 0);
  REQUIRE(record["responseContext"]["statusCode"] == 429);
}
