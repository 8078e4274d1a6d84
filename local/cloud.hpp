#pragma once

// The local cloud assembled from a CloudModel: one clock, the timeline, the Lambda runtime,
// SQS, SNS, the asynchronous engine, the event source mappings and the schedules, wired as
// the templates say. `formwork serve` puts the HTTP endpoint (local/http/server.hpp) in front
// of it; tests drive it directly.
//
// Needs from the runtime engineer (local/runtime.hpp, local/model.hpp), used as declared there:
// Runtime::invoke / why_not_runnable / stop_all, RuntimeOptions::on_log, load_model and the
// CloudModel find_* helpers.

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "local/clock.hpp"
#include "local/model.hpp"
#include "local/runtime.hpp"
#include "local/timeline.hpp"

namespace formwork::local {

namespace sqs {
class Sqs;
}
namespace sns {
class Sns;
}
namespace lambda {
class AsyncInvoker;
class SqsPoller;
}  // namespace lambda

struct CloudOptions {
  /// Default: real time.
  ClockMode clock_mode = ClockMode::real;
  /// Real mode: how many times faster than the wall clock. Default: 1.
  double speed = 1.0;
  /// Manual mode: the clock's start. Default: the wall clock's now, rounded down to a minute.
  std::optional<Millis> manual_start = std::nullopt;
  /// Where the timeline is printed. Default: nowhere (kept only).
  std::ostream* out = nullptr;
  /// Default: text.
  TimelineFormat format = TimelineFormat::text;
  /// ANSI colours in the text form. Default: none.
  bool color = false;
  /// The runtime's options; `on_log` is set by the cloud. Default: the runtime's defaults.
  RuntimeOptions runtime = {};
};

class LocalCloud {
 public:
  LocalCloud(CloudModel model, CloudOptions options = {});
  ~LocalCloud();
  LocalCloud(const LocalCloud&) = delete;
  LocalCloud& operator=(const LocalCloud&) = delete;

  /// Starts polling queues and the schedules. Call once.
  void start();
  /// Stops the clock (pending tasks dropped), wakes long polls, kills every handler process.
  void stop();

  [[nodiscard]] const CloudModel& model() const { return model_; }
  [[nodiscard]] Clock& clock() { return *clock_; }
  [[nodiscard]] Timeline& timeline() { return *timeline_; }
  [[nodiscard]] sqs::Sqs& sqs() { return *sqs_; }
  [[nodiscard]] sns::Sns& sns() { return *sns_; }

  /// A function by name, logical ID or ARN (qualified or not); nullptr when none.
  [[nodiscard]] const FunctionSpec* find_function(const std::string& key) const;

  /// Runs the function synchronously (RequestResponse), printing START/END/REPORT, the
  /// handler's output and its error to the timeline.
  InvokeOutcome invoke(const FunctionSpec& function, const std::string& payload, std::string request_id = {});
  /// Queues an asynchronous (Event) invocation; returns its request id.
  std::string invoke_async(const FunctionSpec& function, std::string payload);

  /// Events put on an event bus (destinations to EventBridge), as PutEvents entries.
  [[nodiscard]] std::vector<std::string> bus_events() const;

 private:
  class Router;
  void add_resources();
  void start_schedules();
  void fire_schedule(std::size_t index, Millis started);

  CloudModel model_;
  CloudOptions options_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<Timeline> timeline_;
  std::unique_ptr<Runtime> runtime_;
  std::unique_ptr<sqs::Sqs> sqs_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<lambda::AsyncInvoker> async_;
  std::unique_ptr<sns::Sns> sns_;
  std::vector<std::unique_ptr<lambda::SqsPoller>> pollers_;
  mutable std::mutex bus_mutex_;
  std::vector<std::string> bus_events_;
  bool stopped_ = false;
};

}  // namespace formwork::local
