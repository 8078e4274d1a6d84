#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "local/clock.hpp"

using formwork::local::Clock;
using formwork::local::ClockMode;
using formwork::local::Millis;

TEST_CASE("a manual clock stands still until advanced", "[local][clock]") {
  Clock clock(ClockMode::manual, 1.0, 1000);
  REQUIRE(clock.now() == 1000);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(clock.now() == 1000);
  clock.advance(60000);
  REQUIRE(clock.now() == 61000);
}

TEST_CASE("advance runs every due task in order of time, each at its own time", "[local][clock]") {
  Clock clock(ClockMode::manual, 1.0, 0);
  std::vector<std::pair<int, Millis>> ran;
  clock.schedule_at(120000, [&] { ran.emplace_back(3, clock.now()); });
  clock.schedule_at(60000, [&] { ran.emplace_back(1, clock.now()); });
  clock.schedule_at(60000, [&] { ran.emplace_back(2, clock.now()); });  // same time: scheduling order
  clock.schedule_at(500000, [&] { ran.emplace_back(9, clock.now()); });
  clock.advance(180000);
  REQUIRE(ran == std::vector<std::pair<int, Millis>>{{1, 60000}, {2, 60000}, {3, 120000}});
  REQUIRE(clock.now() == 180000);
  REQUIRE(clock.pending() == 1);
}

TEST_CASE("a task scheduled by a task within the interval runs in the same advance", "[local][clock]") {
  Clock clock(ClockMode::manual, 1.0, 0);
  std::vector<Millis> times;
  clock.schedule_at(0, [&] {
    times.push_back(clock.now());
    clock.schedule_in(60000, [&] {
      times.push_back(clock.now());
      clock.schedule_in(120000, [&] { times.push_back(clock.now()); });
    });
  });
  clock.advance(180000);
  REQUIRE(times == std::vector<Millis>{0, 60000, 180000});
}

TEST_CASE("a task due now runs without advancing, on the clock's thread", "[local][clock]") {
  Clock clock(ClockMode::manual, 1.0, 0);
  std::atomic<bool> ran = false;
  clock.schedule_at(0, [&] { ran = true; });
  for (int i = 0; i < 200 && !ran; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(ran);
  REQUIRE(clock.now() == 0);
}

TEST_CASE("a cancelled task does not run", "[local][clock]") {
  Clock clock(ClockMode::manual, 1.0, 0);
  bool ran = false;
  auto id = clock.schedule_at(1000, [&] { ran = true; });
  REQUIRE(clock.cancel(id));
  clock.advance(2000);
  REQUIRE_FALSE(ran);
  REQUIRE_FALSE(clock.cancel(id));
}

TEST_CASE("a real clock at speed 600 runs a 60-second wait in about a tenth of a second", "[local][clock]") {
  Clock clock(ClockMode::real, 600.0);
  std::atomic<bool> ran = false;
  auto start = std::chrono::steady_clock::now();
  clock.schedule_in(60000, [&] { ran = true; });
  while (!ran && std::chrono::steady_clock::now() - start < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(ran);
  REQUIRE(elapsed >= 90);
  REQUIRE(elapsed < 1500);
  REQUIRE_THROWS_AS(clock.advance(1000), std::logic_error);
}

TEST_CASE("timestamps are ISO-8601 UTC with milliseconds", "[local][clock]") {
  REQUIRE(formwork::local::iso8601_millis(1573755365568) == "2019-11-14T18:16:05.568Z");
  REQUIRE(formwork::local::iso8601_seconds(1551403425000) == "2019-03-01T01:23:45Z");
}
