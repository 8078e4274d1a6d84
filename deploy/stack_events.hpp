#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "deploy/aws_cli.hpp"

namespace formwork::deploy {

/// One entry of `aws cloudformation describe-stack-events`.
struct StackEvent {
  std::string id;
  std::string timestamp;  ///< ISO 8601, as the CLI prints it
  std::string status;     ///< CREATE_COMPLETE, UPDATE_FAILED, …
  std::string resource_type;
  std::string logical_id;
  std::string reason;     ///< ResourceStatusReason; may be empty
};

/// The events of a describe-stack-events JSON answer, newest first as CloudFormation
/// returns them. Throws std::runtime_error on text that is not such an answer.
[[nodiscard]] std::vector<StackEvent> parse_stack_events(const std::string& json);

/// Seconds since the epoch of `2026-11-22T10:58:50.667537Z` or `…+00:00`; nullopt when the
/// text is not in that form.
[[nodiscard]] std::optional<double> parse_timestamp(const std::string& text);

/// True for CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED, … .
[[nodiscard]] bool is_failure(const std::string& status);

/// `  12.3s  CREATE_COMPLETE      AWS::SQS::Queue  DeadLetterQueue` (+ the reason of a failure).
[[nodiscard]] std::string format_event(const StackEvent& event, double elapsed_seconds);

/// Follows a stack's events while a deploy or delete runs: `poll()` prints the events that
/// arrived since the last call, oldest first, with the time elapsed since `start()`.
class EventWatcher {
 public:
  EventWatcher(const AwsCli& aws, std::string stack_name, std::ostream& out)
      : aws_(aws), stack_name_(std::move(stack_name)), out_(out) {}

  /// Remembers the events that exist already (earlier deploys), so they are not shown,
  /// and starts the clock.
  void start();
  /// Prints the new events. A stack that does not exist (yet, or any more) has none.
  void poll();
  /// Seconds since start().
  [[nodiscard]] double elapsed() const;
  /// The failed events seen since start(), oldest first.
  [[nodiscard]] const std::vector<StackEvent>& failures() const { return failures_; }

 private:
  [[nodiscard]] std::vector<StackEvent> fetch() const;

  const AwsCli& aws_;
  std::string stack_name_;
  std::ostream& out_;
  std::set<std::string> seen_;
  std::vector<StackEvent> failures_;
  std::chrono::system_clock::time_point wall_start_{};
  std::chrono::steady_clock::time_point steady_start_{};
};

}  // namespace formwork::deploy
