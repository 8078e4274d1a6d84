#pragma once

// The local SNS service: the templates' topics and subscriptions; Publish fans a message out to
// every subscription whose filter policy matches: a function is invoked ASYNCHRONOUSLY with
// the SNS event (so Lambda's retries, DLQ and destinations apply), a queue gets the SNS
// envelope as its body (or the raw message, with its attributes, under RawMessageDelivery).
// Filter policies: exact strings and numbers, prefix, suffix, anything-but, exists, numeric
// comparisons, equals-ignore-case, on message attributes or (FilterPolicyScope MessageBody)
// on the body's JSON. Other protocols (http, email, ...) are named once and not delivered.

#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "local/clock.hpp"
#include "local/sqs/sqs.hpp"
#include "local/timeline.hpp"

namespace formwork::local::sns {

class SnsError : public std::runtime_error {
 public:
  SnsError(std::string code, const std::string& message, int status = 400)
      : std::runtime_error(message), code_(std::move(code)), status_(status) {}
  [[nodiscard]] const std::string& code() const { return code_; }
  [[nodiscard]] int status() const { return status_; }

 private:
  std::string code_;
  int status_;
};

struct Topic {
  std::string name;
  std::string logical_id;
  std::string arn;
  std::string display_name;
};

struct Subscription {
  std::string arn;
  std::string topic_arn;
  std::string protocol;  ///< lambda, sqs, ...
  std::string endpoint;  ///< function ARN, queue ARN, ...
  bool raw_message_delivery = false;
  std::optional<nlohmann::json> filter_policy = std::nullopt;
  std::string filter_policy_scope = "MessageAttributes";
};

/// Whether a filter policy accepts a message (SNS's rules for the subset listed above).
[[nodiscard]] bool filter_matches(const nlohmann::json& policy, const std::string& scope,
                                  const sqs::MessageAttributes& attributes, const std::string& message);

class Sns {
 public:
  /// Invokes a function (by ARN) asynchronously; returns the request id.
  using InvokeAsync = std::function<std::string(const std::string& function_arn, const std::string& payload)>;

  Sns(Clock& clock, Timeline& timeline, sqs::Sqs& sqs, InvokeAsync invoke_async)
      : clock_(clock), timeline_(timeline), sqs_(sqs), invoke_async_(std::move(invoke_async)) {}

  void add_topic(Topic topic);
  void add_subscription(Subscription subscription);

  [[nodiscard]] std::vector<Topic> topics() const;
  [[nodiscard]] std::vector<Subscription> subscriptions() const;
  /// The topic an ARN, name or logical ID names; throws SnsError(NotFound).
  [[nodiscard]] Topic topic(const std::string& key) const;

  /// Publishes; returns the message id. Throws SnsError for an unknown topic, an empty or
  /// too large (256 KiB) message, a subject over 100 characters.
  std::string publish(const std::string& topic_key, const std::string& message,
                      const std::optional<std::string>& subject, const sqs::MessageAttributes& attributes);

 private:
  Clock& clock_;
  Timeline& timeline_;
  sqs::Sqs& sqs_;
  InvokeAsync invoke_async_;
  mutable std::mutex mutex_;
  std::vector<Topic> topics_;
  std::vector<Subscription> subscriptions_;
};

}  // namespace formwork::local::sns
