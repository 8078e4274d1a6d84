#pragma once

// One clock for the whole local cloud: retry waits, visibility timeouts, event age, batching
// windows, schedules, message retention and delay all read it, and every timed action is a
// task on its scheduler.
//
// - Real mode (the default): the clock follows the wall clock, `speed` times faster.
// - Manual mode (tests): the clock stands still until `advance(d)`, which runs every task due
//   in the interval, in order of due time (then of scheduling), moving the clock to each.
//
// Tasks run one at a time on the scheduler's own thread (or, in manual mode, on the thread
// that calls advance), so everything that happens on the clock happens in a deterministic
// order. A task may schedule more tasks; one due now runs as soon as the current one ends.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace formwork::local {

/// Milliseconds since the Unix epoch, on the local cloud's clock.
using Millis = std::int64_t;

/// ISO-8601 with milliseconds and `Z`: 2019-11-14T18:16:05.568Z.
[[nodiscard]] std::string iso8601_millis(Millis at);
/// ISO-8601 to the second: 2019-03-01T01:23:45Z (EventBridge's `time`).
[[nodiscard]] std::string iso8601_seconds(Millis at);

enum class ClockMode { real, manual };

class Clock {
 public:
  using Task = std::function<void()>;
  using TaskId = std::uint64_t;

  /// Real mode: starts at the wall clock's now and runs `speed` (> 0) times faster.
  /// Manual mode: stands at `start` until advanced (`speed` is ignored).
  Clock(ClockMode mode, double speed = 1.0, Millis start = 0);
  ~Clock();
  Clock(const Clock&) = delete;
  Clock& operator=(const Clock&) = delete;

  [[nodiscard]] ClockMode mode() const { return mode_; }
  [[nodiscard]] double speed() const { return speed_; }
  [[nodiscard]] Millis now() const;

  /// Runs `task` when the clock reaches `at` (at once when `at` is past). Returns its id.
  TaskId schedule_at(Millis at, Task task);
  TaskId schedule_in(Millis delay, Task task) { return schedule_at(now() + delay, std::move(task)); }
  /// Removes a task that has not started; returns whether it was pending.
  bool cancel(TaskId id);
  /// Number of pending tasks.
  [[nodiscard]] std::size_t pending() const;

  /// Manual mode: moves the clock forward by `by` ms, running every task due up to then, in
  /// order, each at its own time. Throws std::logic_error in real mode.
  void advance(Millis by);
  /// Runs every task due now (both modes) and returns when none is left. For tests and for
  /// callers that need the effects of something they just scheduled.
  void run_due();

  /// Waits, on the wall clock, until `predicate` holds or the clock reaches `deadline`;
  /// `predicate` is evaluated under `lock` when `changed` is notified, and at least every 50 ms.
  /// Used by long polling. Returns the predicate's last value.
  bool wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& changed, Millis deadline,
                  const std::function<bool()>& predicate);

  /// Stops the scheduler thread; pending tasks are dropped. Idempotent.
  void stop();

 private:
  struct Key {
    Millis at;
    TaskId id;
    bool operator<(const Key& other) const { return at != other.at ? at < other.at : id < other.id; }
  };
  bool run_one_due(Millis limit);
  void loop();
  [[nodiscard]] Millis now_locked() const;

  ClockMode mode_;
  double speed_;
  Millis start_virtual_;
  std::chrono::steady_clock::time_point start_real_;
  Millis manual_now_;

  mutable std::mutex mutex_;      // guards tasks_, manual_now_, stopping_
  std::condition_variable wake_;  // a task was added, the clock moved, or stop
  std::mutex run_mutex_;          // one task at a time
  std::map<Key, Task> tasks_;
  TaskId next_id_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace formwork::local
