#include "local/cloud.hpp"

#include <cmath>
#include <cstdio>

#include "local/ids.hpp"
#include "local/lambda/async.hpp"
#include "local/lambda/esm.hpp"
#include "local/lambda/records.hpp"
#include "local/sns/sns.hpp"
#include "local/sqs/sqs.hpp"

namespace formwork::local {
namespace {

std::string fixed2(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

lambda::Attempt attempt_of(const InvokeOutcome& outcome) {
  return {.ok = outcome.ok(),
          .payload = outcome.payload,
          .error_type = outcome.error_type,
          .error_message = outcome.error_message};
}

Millis start_of_minute(Millis at) { return at - at % 60000; }

}  // namespace

/// Delivers records, DLQ messages and schedule targets by ARN.
class LocalCloud::Router : public lambda::Targets {
 public:
  explicit Router(LocalCloud& cloud) : cloud_(cloud) {}

  std::string deliver(const std::string& arn, const lambda::Delivery& delivery) override {
    if (arn.rfind("arn:aws:sqs:", 0) == 0) {
      cloud_.sqs_->send(arn, delivery.body, delivery.attributes);
      return cloud_.sqs_->config_of(arn).name;
    }
    if (arn.rfind("arn:aws:sns:", 0) == 0) {
      auto topic = cloud_.sns_->topic(arn);
      cloud_.sns_->publish(arn, delivery.body, std::nullopt, delivery.attributes);
      return topic.name;
    }
    if (arn.rfind("arn:aws:lambda:", 0) == 0) {
      const auto* function = cloud_.find_function(arn);
      if (function == nullptr) throw std::runtime_error("no function " + arn);
      cloud_.invoke_async(*function, delivery.body);
      return function->name;
    }
    if (arn.rfind("arn:aws:events:", 0) == 0) {
      nlohmann::ordered_json entry;
      entry["version"] = "0";
      entry["id"] = make_uuid();
      entry["detail-type"] = delivery.detail_type;
      entry["source"] = delivery.source;
      entry["account"] = std::string(kAccountId);
      entry["time"] = iso8601_seconds(cloud_.clock_->now());
      entry["region"] = std::string(kRegion);
      auto resources = nlohmann::ordered_json::array({arn});
      for (const auto& resource : delivery.resources) resources.push_back(resource);
      entry["resources"] = resources;
      entry["detail"] = lambda::json_or_string(delivery.body);
      {
        std::lock_guard lock(cloud_.bus_mutex_);
        cloud_.bus_events_.push_back(entry.dump());
      }
      auto slash = arn.rfind('/');
      return "event bus " + (slash == std::string::npos ? arn : arn.substr(slash + 1));
    }
    throw std::runtime_error("the local cloud cannot deliver to " + arn);
  }

 private:
  LocalCloud& cloud_;
};

LocalCloud::LocalCloud(CloudModel model, CloudOptions options) : model_(std::move(model)), options_(std::move(options)) {
  if (options_.clock_mode == ClockMode::manual) {
    auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
    clock_ = std::make_unique<Clock>(ClockMode::manual, 1.0, options_.manual_start.value_or(start_of_minute(wall)));
  } else {
    clock_ = std::make_unique<Clock>(ClockMode::real, options_.speed);
  }
  timeline_ = std::make_unique<Timeline>(options_.out, options_.format, options_.color);
  auto runtime_options = options_.runtime;
  runtime_options.on_log = [this](const LogLine& line) {
    timeline_->emit({.at = clock_->now(), .kind = "LOG", .resource = line.function_name, .request_id = line.request_id,
                     .text = line.text});
  };
  if (runtime_options.extra_environment.count("AWS_ENDPOINT_URL") == 0)
    runtime_options.extra_environment["AWS_ENDPOINT_URL"] = model_.endpoint_url;
  runtime_ = std::make_unique<Runtime>(runtime_options);
  sqs_ = std::make_unique<sqs::Sqs>(*clock_, *timeline_);
  router_ = std::make_unique<Router>(*this);
  async_ = std::make_unique<lambda::AsyncInvoker>(
      *clock_, *timeline_, *router_,
      [this](const std::string& name, const std::string& payload, const std::string& request_id) {
        const auto* function = find_function(name);
        if (function == nullptr) return lambda::Attempt{.ok = false, .error_message = "no function " + name};
        return attempt_of(invoke(*function, payload, request_id));
      });
  sns_ = std::make_unique<sns::Sns>(*clock_, *timeline_, *sqs_, [this](const std::string& arn, const std::string& payload) {
    const auto* function = find_function(arn);
    if (function == nullptr) throw std::runtime_error("no function " + arn);
    return invoke_async(*function, payload);
  });
  add_resources();
}

LocalCloud::~LocalCloud() { stop(); }

void LocalCloud::stop() {
  if (stopped_) return;
  stopped_ = true;
  clock_->stop();
  sqs_->wake_all();
  runtime_->stop_all();
}

const FunctionSpec* LocalCloud::find_function(const std::string& key) const { return model_.find_function(key); }

void LocalCloud::add_resources() {
  for (const auto& queue : model_.queues) {
    sqs::QueueConfig config{.name = queue.name,
                            .logical_id = queue.logical_id,
                            .arn = queue.arn,
                            .url = queue.url,
                            .visibility_timeout_s = queue.visibility_timeout_seconds,
                            .retention_s = queue.message_retention_seconds,
                            .delay_s = queue.delay_seconds,
                            .maximum_message_size = queue.maximum_message_size,
                            .receive_wait_s = queue.receive_message_wait_seconds};
    if (queue.redrive_policy) {
      config.dead_letter_arn = queue.redrive_policy->dead_letter_target_arn;
      config.max_receive_count = queue.redrive_policy->max_receive_count;
    }
    sqs_->add_queue(std::move(config));
  }
  for (const auto& topic : model_.topics)
    sns_->add_topic({.name = topic.name, .logical_id = topic.logical_id, .arn = topic.arn, .display_name = topic.display_name});
  for (const auto& s : model_.subscriptions)
    sns_->add_subscription({.arn = s.arn,
                            .topic_arn = s.topic_arn,
                            .protocol = s.protocol,
                            .endpoint = s.endpoint,
                            .raw_message_delivery = s.raw_message_delivery,
                            .filter_policy = s.filter_policy,
                            .filter_policy_scope = s.filter_policy_scope});
  for (const auto& function : model_.functions) {
    lambda::AsyncConfig config{.dead_letter = function.dead_letter_target_arn,
                               .reserved_concurrency = function.reserved_concurrency};
    if (const auto* invoke_config = model_.find_event_invoke_config(function.name)) {
      config.maximum_retry_attempts = invoke_config->maximum_retry_attempts;
      config.maximum_event_age_s = invoke_config->maximum_event_age_seconds;
      config.on_success = invoke_config->on_success_arn;
      config.on_failure = invoke_config->on_failure_arn;
    }
    async_->add_function(function.name, function.arn, config);
  }
}

void LocalCloud::start() {
  for (const auto& function : model_.functions) {
    auto why = Runtime::why_not_runnable(function);
    if (!why.empty()) timeline_->emit({.at = clock_->now(), .kind = "WARN", .resource = function.name, .text = why});
  }
  for (const auto& mapping : model_.event_source_mappings) {
    const auto* function = find_function(mapping.function_name);
    std::string label = mapping.logical_id;
    if (function == nullptr) {
      timeline_->emit({.at = clock_->now(), .kind = "WARN", .resource = label,
                       .text = "event source mapping names no function of the templates (" + mapping.function_name + ")"});
      continue;
    }
    if (mapping.event_source_arn.rfind("arn:aws:sqs:", 0) != 0) {
      timeline_->emit({.at = clock_->now(), .kind = "WARN", .resource = label,
                       .text = "event source " + mapping.event_source_arn + " is not an SQS queue: not polled locally"});
      continue;
    }
    if (!mapping.enabled) {
      timeline_->emit({.at = clock_->now(), .kind = "WARN", .resource = label,
                       .text = "disabled (Enabled: false): " + mapping.event_source_arn + " is not polled"});
      continue;
    }
    try {
      auto poller = std::make_unique<lambda::SqsPoller>(
          *clock_, *timeline_, *sqs_,
          lambda::MappingConfig{.id = label,
                                .function = function->name,
                                .queue_arn = mapping.event_source_arn,
                                .batch_size = mapping.batch_size,
                                .maximum_batching_window_s = mapping.maximum_batching_window_seconds,
                                .report_batch_item_failures = mapping.report_batch_item_failures},
          [this](const std::string& name, const std::string& payload) {
            const auto* target = find_function(name);
            if (target == nullptr) return lambda::Attempt{.ok = false, .error_message = "no function " + name};
            return attempt_of(invoke(*target, payload));
          });
      poller->start();
      pollers_.push_back(std::move(poller));
    } catch (const std::exception& e) {
      timeline_->emit({.at = clock_->now(), .kind = "WARN", .resource = label, .text = std::string("not polled: ") + e.what()});
    }
  }
  start_schedules();
}

InvokeOutcome LocalCloud::invoke(const FunctionSpec& function, const std::string& payload, std::string request_id) {
  if (request_id.empty()) request_id = make_uuid();
  const std::string& name = function.name;
  timeline_->emit({.at = clock_->now(), .kind = "START", .resource = name, .request_id = request_id,
                   .text = "START RequestId: " + request_id + " Version: $LATEST"});
  InvokeOutcome outcome;
  try {
    outcome = runtime_->invoke(function, payload, {.request_id = request_id});
  } catch (const std::exception& e) {
    outcome.status = InvokeOutcome::Status::NotRunnable;
    outcome.request_id = request_id;
    outcome.error_type = "Runtime.Unavailable";
    outcome.error_message = e.what();
    outcome.payload = nlohmann::json{{"errorMessage", e.what()}, {"errorType", "Runtime.Unavailable"}}.dump();
  }
  if (!outcome.ok()) {
    TimelineEvent error{.at = clock_->now(), .kind = "ERROR", .resource = name, .request_id = request_id,
                        .text = outcome.error_type + ": " + outcome.error_message};
    error.fields = {{"errorType", outcome.error_type}, {"errorMessage", outcome.error_message}};
    timeline_->emit(std::move(error));
  }
  timeline_->emit({.at = clock_->now(), .kind = "END", .resource = name, .request_id = request_id,
                   .text = "END RequestId: " + request_id});
  std::string report = "REPORT RequestId: " + request_id + "\tDuration: " + fixed2(outcome.duration_ms) +
                       " ms\tBilled Duration: " + std::to_string(outcome.billed_duration_ms()) +
                       " ms\tMemory Size: " + std::to_string(function.memory_size_mb) +
                       " MB\tMax Memory Used: " + std::to_string(outcome.max_memory_used_mb) + " MB";
  if (outcome.cold_start) report += "\tInit Duration: " + fixed2(outcome.init_duration_ms) + " ms";
  TimelineEvent line{.at = clock_->now(), .kind = "REPORT", .resource = name, .request_id = request_id, .text = report};
  line.fields = {{"durationMs", outcome.duration_ms},
                 {"billedDurationMs", outcome.billed_duration_ms()},
                 {"memorySizeMb", function.memory_size_mb},
                 {"maxMemoryUsedMb", outcome.max_memory_used_mb},
                 {"ok", outcome.ok()}};
  if (outcome.cold_start) line.fields["initDurationMs"] = outcome.init_duration_ms;
  timeline_->emit(std::move(line));
  return outcome;
}

std::string LocalCloud::invoke_async(const FunctionSpec& function, std::string payload) {
  auto id = make_uuid();
  timeline_->emit({.at = clock_->now(), .kind = "INVOKE", .resource = function.name, .request_id = id,
                   .text = "asynchronous invocation queued (RequestId: " + id + ")"});
  return async_->submit(function.name, std::move(payload), id);
}

std::vector<std::string> LocalCloud::bus_events() const {
  std::lock_guard lock(bus_mutex_);
  return bus_events_;
}

}  // namespace formwork::local
