#pragma once

// Asynchronous invocation exactly as Lambda does it (LOCAL-RUNTIME.md §3.2–3.4):
// - an internal event queue per function: each event's attempts are tasks on the clock;
// - a function error is retried MaximumRetryAttempts times (default 2), 60 s before the first
//   retry and 120 s before the second, with the SAME request id;
// - MaximumEventAgeInSeconds with AWS's look-ahead: a retry that would start after the event's
//   maximum age is not waited for; the event gives up at once with `EventAgeExceeded`;
// - on giving up: the function's dead-letter queue/topic gets the event (attributes RequestID,
//   ErrorCode 200, ErrorMessage) AND the on-failure destination gets the invocation record;
//   on success the on-success destination gets its record;
// - reserved concurrency 0: events go straight to the DLQ / on-failure, never attempted.

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "local/clock.hpp"
#include "local/sqs/queue.hpp"
#include "local/timeline.hpp"

namespace formwork::local::lambda {

/// What one attempt of a function returned.
struct Attempt {
  bool ok = true;
  std::string payload = {};        ///< the result, or the Lambda-shaped error (JSON text)
  std::string error_type = {};     ///< on error
  std::string error_message = {};  ///< on error
};

struct AsyncConfig {
  /// 0-2. Default: 2.
  int maximum_retry_attempts = 2;
  /// 60-21600. Default: 21600 (6 hours).
  int maximum_event_age_s = 21600;
  /// Destination ARNs (queue, topic, function, event bus). Default: none.
  std::optional<std::string> on_success = std::nullopt;
  std::optional<std::string> on_failure = std::nullopt;
  /// The function's DeadLetterConfig target (queue or topic). Default: none.
  std::optional<std::string> dead_letter = std::nullopt;
  /// ReservedConcurrentExecutions. Default: unreserved.
  std::optional<int> reserved_concurrency = std::nullopt;
};

/// Something sent to a queue, topic, function or event bus.
struct Delivery {
  std::string body;  ///< message body, SNS Message, function payload or EventBridge detail
  sqs::MessageAttributes attributes = {};
  /// EventBridge only: detail-type, source and resources of the event.
  std::string detail_type = {};
  std::string source = {};
  std::vector<std::string> resources = {};
};

/// Routes deliveries by ARN. Returns the target's readable name; throws std::runtime_error
/// when the target does not exist.
class Targets {
 public:
  virtual ~Targets() = default;
  virtual std::string deliver(const std::string& arn, const Delivery& delivery) = 0;
};

/// AWS's look-ahead: retry number `retry` (1-based) waits `retry_delay_ms(retry)`; it happens
/// only when it would start before the event reaches its maximum age (age + wait < maximum).
/// So MaximumEventAgeInSeconds 60 never retries (AWS-validated: one attempt, EventAgeExceeded,
/// at once).
[[nodiscard]] bool retry_fits_event_age(Millis age_ms, int retry, int maximum_event_age_s);
/// 60 s before the first retry, 120 s before the second.
[[nodiscard]] Millis retry_delay_ms(int retry);

class AsyncInvoker {
 public:
  using Invoke = std::function<Attempt(const std::string& function_name, const std::string& payload,
                                       const std::string& request_id)>;

  AsyncInvoker(Clock& clock, Timeline& timeline, Targets& targets, Invoke invoke)
      : clock_(clock), timeline_(timeline), targets_(targets), invoke_(std::move(invoke)) {}

  /// Registers a function by name with its unqualified ARN and configuration.
  void add_function(const std::string& name, const std::string& arn, AsyncConfig config);
  [[nodiscard]] bool has_function(const std::string& name) const;

  /// Queues an event for `function_name` (a registered name); the first attempt runs at once
  /// on the clock. Returns the request id (`request_id`, or a new one when empty).
  std::string submit(const std::string& function_name, std::string payload, std::string request_id = {});

 private:
  struct Event {
    std::string function;
    std::string payload;
    std::string request_id;
    Millis enqueued_at = 0;
    int attempts = 0;
  };
  void attempt(Event event);
  void give_up(const Event& event, const std::string& condition, const std::optional<Attempt>& last);
  void succeed(const Event& event, const Attempt& result);
  void send(const std::string& function, const std::string& request_id, const std::string& arn,
            const Delivery& delivery, const std::string& kind, const std::string& what);
  [[nodiscard]] std::pair<std::string, AsyncConfig> config_of(const std::string& name) const;

  Clock& clock_;
  Timeline& timeline_;
  Targets& targets_;
  Invoke invoke_;
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<std::string, AsyncConfig>> functions_;  // name -> (arn, config)
};

}  // namespace formwork::local::lambda
