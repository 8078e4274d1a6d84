#include "local/lambda/esm.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "local/lambda/records.hpp"

namespace formwork::local::lambda {
namespace {

BatchVerdict fail_all(const std::vector<std::string>& ids, std::string reason) {
  return {.all_failed = true, .failed_ids = ids, .reason = std::move(reason)};
}

}  // namespace

BatchVerdict judge_batch(const Attempt& result, bool report_batch_item_failures,
                         const std::vector<std::string>& message_ids) {
  if (!result.ok) {
    std::string what = result.error_type.empty() ? result.error_message : result.error_type + ": " + result.error_message;
    return fail_all(message_ids, "function error (" + what + ")");
  }
  if (!report_batch_item_failures) return {};
  std::string text = result.payload;
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};  // empty response
  auto response = nlohmann::json::parse(text, nullptr, false);
  if (response.is_discarded()) return fail_all(message_ids, "the response is not valid JSON");
  if (response.is_null()) return {};
  if (!response.is_object()) return fail_all(message_ids, "the response is not an object with batchItemFailures");
  auto it = response.find("batchItemFailures");
  if (it == response.end() || it->is_null()) return {};
  if (!it->is_array()) return fail_all(message_ids, "batchItemFailures is not a list");
  BatchVerdict verdict;
  for (const auto& entry : *it) {
    if (!entry.is_object()) return fail_all(message_ids, "a batchItemFailures entry is not an object");
    auto id = entry.find("itemIdentifier");
    if (id == entry.end()) return fail_all(message_ids, "a batchItemFailures entry has no itemIdentifier key");
    if (id->is_null()) return fail_all(message_ids, "an itemIdentifier is null");
    if (!id->is_string()) return fail_all(message_ids, "an itemIdentifier is not a string");
    auto value = id->get<std::string>();
    if (value.empty()) return fail_all(message_ids, "an itemIdentifier is empty");
    if (std::find(message_ids.begin(), message_ids.end(), value) == message_ids.end())
      return fail_all(message_ids, "itemIdentifier " + value + " is not a message of the batch");
    if (std::find(verdict.failed_ids.begin(), verdict.failed_ids.end(), value) == verdict.failed_ids.end())
      verdict.failed_ids.push_back(value);
  }
  return verdict;
}

SqsPoller::SqsPoller(Clock& clock, Timeline& timeline, sqs::Sqs& sqs, MappingConfig config, SyncInvoke invoke)
    : clock_(clock), timeline_(timeline), sqs_(sqs), config_(std::move(config)), invoke_(std::move(invoke)) {
  auto queue = sqs_.config_of(config_.queue_arn);
  queue_name_ = queue.name;
  max_receive_count_ = queue.dead_letter_arn.empty() ? 0 : queue.max_receive_count;
}

void SqsPoller::start() {
  sqs_.on_available(config_.queue_arn, [this] {
    const Millis now = clock_.now();
    const Millis window = 1000LL * std::max(1, config_.maximum_batching_window_s);
    wake(sqs_.visible_count(config_.queue_arn) >= config_.batch_size ? now : now + window);
  });
  const Millis now = clock_.now();
  if (sqs_.visible_count(config_.queue_arn) > 0) wake(now + 1000LL * std::max(1, config_.maximum_batching_window_s));
  else if (auto next = sqs_.next_visible_at(config_.queue_arn)) wake(*next);
}

void SqsPoller::wake(Millis at) {
  std::lock_guard lock(mutex_);
  if (scheduled_at_ >= 0 && scheduled_at_ <= at) return;
  if (scheduled_at_ >= 0) clock_.cancel(scheduled_id_);
  scheduled_at_ = at;
  scheduled_id_ = clock_.schedule_at(at, [this] {
    {
      std::lock_guard inner(mutex_);
      scheduled_at_ = -1;
    }
    poll();
  });
}

void SqsPoller::poll() {
  // Lambda's pollers receive up to 10 messages a call; a batch larger than 10 is gathered
  // from several receives.
  std::vector<sqs::Message> batch;
  while (static_cast<int>(batch.size()) < config_.batch_size) {
    int want = std::min(10, config_.batch_size - static_cast<int>(batch.size()));
    auto got = sqs_.receive(config_.queue_arn, {.max_messages = want, .wait_time_s = 0});
    if (got.empty()) break;
    batch.insert(batch.end(), got.begin(), got.end());
  }
  if (!batch.empty()) {
    std::vector<std::string> ids;
    for (const auto& message : batch) ids.push_back(message.id);
    Attempt result = invoke_(config_.function, sqs_event(batch, config_.queue_arn).dump());
    auto verdict = judge_batch(result, config_.report_batch_item_failures, ids);
    std::vector<std::string> failed;
    for (const auto& message : batch) {
      if (std::find(verdict.failed_ids.begin(), verdict.failed_ids.end(), message.id) != verdict.failed_ids.end())
        failed.push_back(message.id);
      else
        sqs_.remove(config_.queue_arn, message.receipt_handle);
    }
    TimelineEvent line{.at = clock_.now(), .kind = "BATCH", .resource = config_.function};
    line.text = "batch of " + std::to_string(batch.size()) + " from " + queue_name_ + ": ";
    if (failed.empty()) {
      line.text += "all succeeded, deleted";
    } else {
      int receive = 0;
      for (const auto& message : batch)
        if (std::find(failed.begin(), failed.end(), message.id) != failed.end())
          receive = std::max(receive, message.receive_count);
      line.text += std::to_string(failed.size()) + " failed";
      if (verdict.all_failed) line.text += " (" + verdict.reason + ")";
      line.text += ", returned to " + queue_name_ + " (receive " + std::to_string(receive);
      line.text += max_receive_count_ > 0 ? " of " + std::to_string(max_receive_count_) + ")" : ")";
      auto config = sqs_.config_of(config_.queue_arn);
      line.text += ", visible again in " + std::to_string(config.visibility_timeout_s) + " s";
    }
    line.fields = {{"queue", queue_name_},
                   {"size", batch.size()},
                   {"failed", failed},
                   {"deleted", batch.size() - failed.size()}};
    timeline_.emit(std::move(line));
  }
  const Millis now = clock_.now();
  if (sqs_.visible_count(config_.queue_arn) > 0)
    wake(now + (batch.empty() ? 1000 : 0));
  else if (auto next = sqs_.next_visible_at(config_.queue_arn))
    wake(*next);
}

}  // namespace formwork::local::lambda
