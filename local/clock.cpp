#include "local/clock.hpp"

#include <cstdio>
#include <ctime>
#include <iostream>
#include <stdexcept>

namespace formwork::local {
namespace {

std::string format_utc(Millis at, bool with_millis) {
  std::time_t seconds = static_cast<std::time_t>(at >= 0 ? at / 1000 : (at - 999) / 1000);
  int millis = static_cast<int>(at - static_cast<Millis>(seconds) * 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  if (with_millis)
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  else
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

Millis wall_now() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string iso8601_millis(Millis at) { return format_utc(at, true); }
std::string iso8601_seconds(Millis at) { return format_utc(at, false); }

Clock::Clock(ClockMode mode, double speed, Millis start)
    : mode_(mode),
      speed_(speed > 0 ? speed : 1.0),
      start_virtual_(mode == ClockMode::real ? wall_now() : start),
      start_real_(std::chrono::steady_clock::now()),
      manual_now_(start) {
  thread_ = std::thread([this] { loop(); });
}

Clock::~Clock() { stop(); }

void Clock::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    tasks_.clear();
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

Millis Clock::now_locked() const {
  if (mode_ == ClockMode::manual) return manual_now_;
  auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_real_).count();
  return start_virtual_ + static_cast<Millis>(elapsed * speed_);
}

Millis Clock::now() const {
  std::lock_guard lock(mutex_);
  return now_locked();
}

Clock::TaskId Clock::schedule_at(Millis at, Task task) {
  TaskId id;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return 0;
    id = next_id_++;
    tasks_.emplace(Key{at, id}, std::move(task));
  }
  wake_.notify_all();
  return id;
}

bool Clock::cancel(TaskId id) {
  std::lock_guard lock(mutex_);
  for (auto it = tasks_.begin(); it != tasks_.end(); ++it) {
    if (it->first.id == id) {
      tasks_.erase(it);
      return true;
    }
  }
  return false;
}

std::size_t Clock::pending() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

bool Clock::run_one_due(Millis limit) {
  std::lock_guard run(run_mutex_);
  Task task;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || tasks_.empty() || tasks_.begin()->first.at > limit) return false;
    auto it = tasks_.begin();
    if (mode_ == ClockMode::manual && it->first.at > manual_now_) manual_now_ = it->first.at;
    task = std::move(it->second);
    tasks_.erase(it);
  }
  try {
    task();
  } catch (const std::exception& e) {
    std::cerr << "formwork local: a scheduled task failed: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "formwork local: a scheduled task failed\n";
  }
  return true;
}

void Clock::advance(Millis by) {
  if (mode_ != ClockMode::manual) throw std::logic_error("the clock advances by hand only in manual mode");
  Millis target;
  {
    std::lock_guard lock(mutex_);
    target = manual_now_ + (by > 0 ? by : 0);
  }
  while (run_one_due(target)) {
  }
  {
    std::lock_guard lock(mutex_);
    if (manual_now_ < target) manual_now_ = target;
  }
  wake_.notify_all();
  run_due();
}

void Clock::run_due() {
  while (run_one_due(now())) {
  }
}

bool Clock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& changed, Millis deadline,
                       const std::function<bool()>& predicate) {
  while (!predicate()) {
    Millis remaining = deadline - now();
    if (remaining <= 0) return false;
    auto real_ms = mode_ == ClockMode::manual ? 50.0 : static_cast<double>(remaining) / speed_;
    if (real_ms > 50.0) real_ms = 50.0;
    if (real_ms < 1.0) real_ms = 1.0;
    changed.wait_for(lock, std::chrono::milliseconds(static_cast<long>(real_ms)));
    {
      std::lock_guard guard(mutex_);
      if (stopping_) return predicate();
    }
  }
  return true;
}

void Clock::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (tasks_.empty()) {
      wake_.wait(lock);
      continue;
    }
    Millis due = tasks_.begin()->first.at;
    Millis now = now_locked();
    if (due > now) {
      if (mode_ == ClockMode::manual) {
        wake_.wait(lock);
      } else {
        auto real_ms = static_cast<double>(due - now) / speed_;
        wake_.wait_for(lock, std::chrono::microseconds(static_cast<long long>(real_ms * 1000.0) + 1));
      }
      continue;
    }
    lock.unlock();
    run_one_due(now);
    lock.lock();
  }
}

}  // namespace formwork::local
