#include <catch2/catch.hpp>

#include "local/lambda/esm.hpp"

using formwork::local::lambda::Attempt;
using formwork::local::lambda::judge_batch;

namespace {
const std::vector<std::string> kIds{"m1", "m2", "m3"};
Attempt returned(std::string payload) { return {.ok = true, .payload = std::move(payload)}; }
}  // namespace

TEST_CASE("batch rules: a function error fails the whole batch", "[local][batch]") {
  auto verdict = judge_batch({.ok = false, .payload = "{}", .error_type = "ValueError", .error_message = "boom"}, true, kIds);
  REQUIRE(verdict.all_failed);
  REQUIRE(verdict.failed_ids == kIds);
  REQUIRE(verdict.reason == "function error (ValueError: boom)");
}

TEST_CASE("batch rules: without ReportBatchItemFailures the response is ignored", "[local][batch]") {
  auto verdict = judge_batch(returned(R"({"batchItemFailures":[{"itemIdentifier":"m1"}]})"), false, kIds);
  REQUIRE_FALSE(verdict.all_failed);
  REQUIRE(verdict.failed_ids.empty());
}

TEST_CASE("batch rules: complete success for an empty or null response or list", "[local][batch]") {
  for (const char* payload : {"", "null", "{}", R"({"batchItemFailures":[]})", R"({"batchItemFailures":null})"}) {
    INFO(payload);
    auto verdict = judge_batch(returned(payload), true, kIds);
    REQUIRE_FALSE(verdict.all_failed);
    REQUIRE(verdict.failed_ids.empty());
  }
}

TEST_CASE("batch rules: only the listed messages fail", "[local][batch]") {
  auto verdict = judge_batch(returned(R"({"batchItemFailures":[{"itemIdentifier":"m2"},{"itemIdentifier":"m2"}]})"), true, kIds);
  REQUIRE_FALSE(verdict.all_failed);
  REQUIRE(verdict.failed_ids == std::vector<std::string>{"m2"});
}

TEST_CASE("batch rules: complete failure for each malformed answer", "[local][batch]") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"not json", "the response is not valid JSON"},
      {R"("a string")", "the response is not an object with batchItemFailures"},
      {R"({"batchItemFailures":"m1"})", "batchItemFailures is not a list"},
      {R"({"batchItemFailures":[{"itemIdentifer":"m1"}]})", "a batchItemFailures entry has no itemIdentifier key"},
      {R"({"batchItemFailures":[{"itemIdentifier":""}]})", "an itemIdentifier is empty"},
      {R"({"batchItemFailures":[{"itemIdentifier":null}]})", "an itemIdentifier is null"},
      {R"({"batchItemFailures":[{"itemIdentifier":"m1"},{"itemIdentifier":"unknown"}]})",
       "itemIdentifier unknown is not a message of the batch"},
  };
  for (const auto& [payload, reason] : cases) {
    INFO(payload);
    auto verdict = judge_batch(returned(payload), true, kIds);
    REQUIRE(verdict.all_failed);
    REQUIRE(verdict.failed_ids == kIds);
    REQUIRE(verdict.reason == reason);
  }
}
