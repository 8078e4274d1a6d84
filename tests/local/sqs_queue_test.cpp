#include <catch2/catch.hpp>

#include "local/sqs/sqs.hpp"

using namespace formwork::local;

namespace {
struct Fixture {
  Clock clock{ClockMode::manual, 1.0, 1700000000000};
  Timeline timeline;
  sqs::Sqs sqs{clock, timeline};
  Fixture() {
    sqs.add_queue({.name = "JobsDlq", .logical_id = "JobsDlq", .arn = "arn:aws:sqs:us-east-1:123456789012:JobsDlq",
                   .url = "http://127.0.0.1:4566/123456789012/JobsDlq"});
    sqs.add_queue({.name = "Jobs", .logical_id = "Jobs", .arn = "arn:aws:sqs:us-east-1:123456789012:Jobs",
                   .url = "http://127.0.0.1:4566/123456789012/Jobs", .visibility_timeout_s = 180,
                   .retention_s = 3600, .dead_letter_arn = "arn:aws:sqs:us-east-1:123456789012:JobsDlq",
                   .max_receive_count = 3});
  }
};
}  // namespace

TEST_CASE("MD5s are SQS's: of the body, and of the attributes in SQS's encoding", "[local][sqs]") {
  // The AWS CLI's send-message example prints MD5OfMessageBody 51b0a325...39163aa0 and
  // MD5OfMessageAttributes 00484c68...59e48f06 for this message (the CLI sent the Binary value's
  // text base64-encoded once more, so its bytes are the base64 text).
  Fixture f;
  auto message = f.sqs.send("Jobs", "Information about the largest city in Any Region.",
                            {{"City", {.data_type = "String", .string_value = "Any City"}},
                             {"Greeting", {.data_type = "Binary", .binary_value = "SGVsbG8sIFdvcmxkIQ=="}},
                             {"Population", {.data_type = "Number", .string_value = "1250800"}}});
  REQUIRE(message.md5_of_body == "51b0a3256d59467f973009b739163aa0");
  REQUIRE(message.md5_of_attributes == "00484c6852e072874de421e059e48f06");
  REQUIRE(sqs::md5_of_attributes({{"City", {.data_type = "String", .string_value = "Other"}}}) != message.md5_of_attributes);
  REQUIRE(sqs::md5_of_attributes({}).empty());
}

TEST_CASE("a received message is invisible for the visibility timeout, then back with its receive count",
          "[local][sqs]") {
  Fixture f;
  f.sqs.send("Jobs", "a");
  auto first = f.sqs.receive("Jobs", {.max_messages = 10});
  REQUIRE(first.size() == 1);
  REQUIRE(first[0].receive_count == 1);
  REQUIRE(f.sqs.receive("Jobs", {.max_messages = 10}).empty());
  REQUIRE(f.sqs.counts("Jobs").in_flight == 1);
  f.clock.advance(179000);
  REQUIRE(f.sqs.receive("Jobs").empty());
  f.clock.advance(1000);
  auto second = f.sqs.receive("Jobs");
  REQUIRE(second.size() == 1);
  REQUIRE(second[0].receive_count == 2);
  REQUIRE(second[0].receipt_handle != first[0].receipt_handle);
  REQUIRE(f.sqs.remove("Jobs", second[0].receipt_handle));
  REQUIRE(f.sqs.counts("Jobs").in_flight == 0);
}

TEST_CASE("after maxReceiveCount receives the message moves to the dead-letter queue", "[local][sqs]") {
  Fixture f;
  auto sent = f.sqs.send("Jobs", "poison");
  for (int i = 1; i <= 3; ++i) {
    auto got = f.sqs.receive("Jobs");
    REQUIRE(got.size() == 1);
    REQUIRE(got[0].receive_count == i);
    f.clock.advance(180000);
  }
  REQUIRE(f.sqs.receive("Jobs").empty());  // the fourth receive moves it
  auto dead = f.sqs.receive("JobsDlq");
  REQUIRE(dead.size() == 1);
  REQUIRE(dead[0].id == sent.id);
  REQUIRE(dead[0].body == "poison");
  REQUIRE(f.timeline.events_of("REDRIVE").size() == 1);
}

TEST_CASE("delay, retention, change-message-visibility and purge", "[local][sqs]") {
  Fixture f;
  f.sqs.send("Jobs", "later", {}, 30);
  REQUIRE(f.sqs.receive("Jobs").empty());
  REQUIRE(f.sqs.counts("Jobs").delayed == 1);
  f.clock.advance(30000);
  auto got = f.sqs.receive("Jobs");
  REQUIRE(got.size() == 1);
  f.sqs.change_visibility("Jobs", got[0].receipt_handle, 0);
  REQUIRE(f.sqs.receive("Jobs").size() == 1);
  REQUIRE_THROWS_AS(f.sqs.change_visibility("Jobs", "not-a-receipt-handle-at-all-xyz", 10), sqs::SqsError);
  f.clock.advance(3600000);  // retention 1 hour
  REQUIRE(f.sqs.counts("Jobs").in_flight == 0);
  REQUIRE(f.sqs.counts("Jobs").visible == 0);
  f.sqs.send("Jobs", "x");
  REQUIRE(f.sqs.purge("Jobs") == 1);
}

TEST_CASE("queues answer to URL (any host), ARN, name and logical ID, bad requests are SQS errors", "[local][sqs]") {
  Fixture f;
  REQUIRE(f.sqs.url_of("http://localhost:9999/123456789012/Jobs") == "http://127.0.0.1:4566/123456789012/Jobs");
  REQUIRE(f.sqs.url_of("arn:aws:sqs:us-east-1:123456789012:Jobs") == "http://127.0.0.1:4566/123456789012/Jobs");
  REQUIRE_THROWS_WITH(f.sqs.url_of("Nope"), "The specified queue does not exist.");
  REQUIRE_THROWS_AS(f.sqs.send("Jobs", ""), sqs::SqsError);
  REQUIRE_THROWS_AS(f.sqs.send("Jobs", std::string(262145, 'x')), sqs::SqsError);
  REQUIRE_THROWS_AS(f.sqs.receive("Jobs", {.max_messages = 11}), sqs::SqsError);
}

TEST_CASE("long polling waits on the clock and returns as soon as a message arrives", "[local][sqs]") {
  Fixture f;
  std::thread sender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    f.sqs.send("Jobs", "late");
  });
  auto got = f.sqs.receive("Jobs", {.max_messages = 1, .wait_time_s = 20});
  sender.join();
  REQUIRE(got.size() == 1);
}
