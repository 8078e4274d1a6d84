#include "local/lambda/async.hpp"

#include <stdexcept>

#include "local/ids.hpp"
#include "local/lambda/records.hpp"

namespace formwork::local::lambda {

bool retry_fits_event_age(Millis age_ms, int retry, int maximum_event_age_s) {
  return age_ms + retry_delay_ms(retry) < 1000LL * maximum_event_age_s;
}

Millis retry_delay_ms(int retry) { return 60000LL * retry; }

void AsyncInvoker::add_function(const std::string& name, const std::string& arn, AsyncConfig config) {
  std::lock_guard lock(mutex_);
  functions_[name] = {arn, std::move(config)};
}

bool AsyncInvoker::has_function(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return functions_.count(name) > 0;
}

std::pair<std::string, AsyncConfig> AsyncInvoker::config_of(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = functions_.find(name);
  if (it == functions_.end()) throw std::runtime_error("no function named " + name);
  return it->second;
}

std::string AsyncInvoker::submit(const std::string& function_name, std::string payload, std::string request_id) {
  (void)config_of(function_name);
  Event event{.function = function_name,
              .payload = std::move(payload),
              .request_id = request_id.empty() ? make_uuid() : std::move(request_id),
              .enqueued_at = clock_.now()};
  auto id = event.request_id;
  clock_.schedule_at(event.enqueued_at, [this, event]() mutable { attempt(std::move(event)); });
  return id;
}

void AsyncInvoker::attempt(Event event) {
  auto [arn, config] = config_of(event.function);
  const Millis now = clock_.now();
  if (config.reserved_concurrency && *config.reserved_concurrency == 0) {
    timeline_.emit({.at = now, .kind = "WARN", .resource = event.function, .request_id = event.request_id,
                    .text = "reserved concurrency is 0: the event is not run, it goes straight to the failure targets"});
    give_up(event, "RetriesExhausted", std::nullopt);
    return;
  }
  if (now - event.enqueued_at > 1000LL * config.maximum_event_age_s) {
    give_up(event, "EventAgeExceeded", std::nullopt);
    return;
  }
  event.attempts += 1;
  Attempt result = invoke_(event.function, event.payload, event.request_id);
  if (result.ok) {
    succeed(event, result);
    return;
  }
  const Millis failed_at = clock_.now();
  const int retry = event.attempts;  // the retry that would come next, 1-based
  if (event.attempts > config.maximum_retry_attempts) {
    give_up(event, "RetriesExhausted", result);
    return;
  }
  if (!retry_fits_event_age(failed_at - event.enqueued_at, retry, config.maximum_event_age_s)) {
    TimelineEvent line{.at = failed_at, .kind = "RETRY", .resource = event.function, .request_id = event.request_id};
    line.text = "no retry: the event would be older than MaximumEventAgeInSeconds " +
                std::to_string(config.maximum_event_age_s) + " s by then (EventAgeExceeded)";
    timeline_.emit(std::move(line));
    give_up(event, "EventAgeExceeded", result);
    return;
  }
  const Millis delay = retry_delay_ms(retry);
  TimelineEvent line{.at = failed_at, .kind = "RETRY", .resource = event.function, .request_id = event.request_id};
  line.text = "retry " + std::to_string(retry) + " of " + std::to_string(config.maximum_retry_attempts) + " in " +
              std::to_string(delay / 1000) + " s";
  line.fields = {{"retry", retry}, {"of", config.maximum_retry_attempts}, {"inSeconds", delay / 1000}};
  timeline_.emit(std::move(line));
  clock_.schedule_at(failed_at + delay, [this, event]() mutable { attempt(std::move(event)); });
}

void AsyncInvoker::send(const std::string& function, const std::string& request_id, const std::string& arn,
                        const Delivery& delivery, const std::string& kind, const std::string& what) {
  TimelineEvent line{.at = clock_.now(), .kind = kind, .resource = function, .request_id = request_id};
  try {
    auto name = targets_.deliver(arn, delivery);
    line.text = "sent to " + name + " " + what;
    line.fields = {{"target", arn}};
  } catch (const std::exception& e) {
    line.kind = "ERROR";
    line.text = "could not send to " + arn + " (" + e.what() + "): dropped";
  }
  timeline_.emit(std::move(line));
}

void AsyncInvoker::give_up(const Event& event, const std::string& condition, const std::optional<Attempt>& last) {
  auto [arn, config] = config_of(event.function);
  const bool throttled = !last.has_value() && condition == "RetriesExhausted";
  std::string error_message = last ? last->error_message : (throttled ? "Rate Exceeded." : "EventAgeExceeded");
  if (error_message.size() > 1024) error_message.resize(1024);
  if (config.dead_letter) {
    Delivery delivery{.body = event.payload};
    delivery.attributes["RequestID"] = {.data_type = "String", .string_value = event.request_id};
    delivery.attributes["ErrorCode"] = {.data_type = "Number", .string_value = throttled ? "429" : "200"};
    delivery.attributes["ErrorMessage"] = {.data_type = "String", .string_value = error_message};
    send(event.function, event.request_id, *config.dead_letter, delivery, "DLQ",
         "(RequestID " + event.request_id + ", ErrorMessage " + error_message + ")");
  }
  if (config.on_failure) {
    RecordInput input{.at = clock_.now(),
                      .request_id = event.request_id,
                      .function_arn = arn,
                      .condition = condition,
                      .approximate_invoke_count = event.attempts,
                      .request_payload = event.payload,
                      .status_code = throttled ? 429 : 200,
                      .function_error = last ? "Unhandled" : ""};
    if (last) input.response_payload = last->payload;
    Delivery delivery{.body = destination_record(input).dump(),
                      .detail_type = "Lambda Function Invocation Result - Failure",
                      .source = "lambda",
                      .resources = {arn}};
    send(event.function, event.request_id, *config.on_failure, delivery, "DESTINATION",
         "(on-failure record: " + condition + ", " + std::to_string(event.attempts) + " attempt" +
             (event.attempts == 1 ? "" : "s") + ")");
  }
  if (!config.dead_letter && !config.on_failure) {
    timeline_.emit({.at = clock_.now(), .kind = "DROPPED", .resource = event.function, .request_id = event.request_id,
                    .text = "event discarded (" + condition + " after " + std::to_string(event.attempts) +
                            " attempts; no dead-letter queue or on-failure destination)"});
  }
}

void AsyncInvoker::succeed(const Event& event, const Attempt& result) {
  auto [arn, config] = config_of(event.function);
  if (!config.on_success) return;
  RecordInput input{.at = clock_.now(),
                    .request_id = event.request_id,
                    .function_arn = arn,
                    .condition = "Success",
                    .approximate_invoke_count = event.attempts,
                    .request_payload = event.payload,
                    .status_code = 200,
                    .function_error = "",
                    .response_payload = result.payload};
  Delivery delivery{.body = destination_record(input).dump(),
                    .detail_type = "Lambda Function Invocation Result - Success",
                    .source = "lambda",
                    .resources = {arn}};
  send(event.function, event.request_id, *config.on_success, delivery, "DESTINATION",
       "(on-success record, " + std::to_string(event.attempts) + " attempt" + (event.attempts == 1 ? "" : "s") + ")");
}

}  // namespace formwork::local::lambda
