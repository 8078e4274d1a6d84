#pragma once

// The local SQS service: the queues of the templates (and any the tests add), looked up by
// URL, ARN, name or logical ID; redrive to a queue's dead-letter queue; long polling on the
// local cloud's clock; listeners told when a queue may have messages (event source mappings).
// Thread-safe.

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "local/clock.hpp"
#include "local/sqs/queue.hpp"
#include "local/timeline.hpp"

namespace formwork::local::sqs {

/// An error SQS would answer with: `code` is the JSON protocol's shape name
/// (QueueDoesNotExist, ReceiptHandleIsInvalid, InvalidParameterValue, ...).
class SqsError : public std::runtime_error {
 public:
  SqsError(std::string code, const std::string& message, int status = 400)
      : std::runtime_error(message), code_(std::move(code)), status_(status) {}
  [[nodiscard]] const std::string& code() const { return code_; }
  [[nodiscard]] int status() const { return status_; }

 private:
  std::string code_;
  int status_;
};

struct ReceiveOptions {
  /// 1-10. Default: 1.
  int max_messages = 1;
  /// Default: the queue's visibility timeout.
  std::optional<int> visibility_timeout_s = std::nullopt;
  /// 0-20 seconds of clock time to wait for a message. Default: the queue's ReceiveMessageWaitTimeSeconds.
  std::optional<int> wait_time_s = std::nullopt;
};

class Sqs {
 public:
  Sqs(Clock& clock, Timeline& timeline) : clock_(clock), timeline_(timeline) {}

  /// Adds a queue (names must be unique). Returns its URL.
  std::string add_queue(QueueConfig config);

  /// The URL of the queue a key names (URL with any host, ARN, name, logical ID). Throws
  /// SqsError(QueueDoesNotExist).
  [[nodiscard]] std::string url_of(const std::string& key) const;
  /// Every queue's config, in the order added.
  [[nodiscard]] std::vector<QueueConfig> queues() const;
  [[nodiscard]] QueueConfig config_of(const std::string& key) const;

  /// SendMessage. Throws SqsError for an unknown queue, a body too large or empty, a delay out of 0-900.
  Message send(const std::string& key, std::string body, MessageAttributes attributes = {},
               std::optional<int> delay_s = std::nullopt);
  /// ReceiveMessage, with redrive and long polling (blocks the calling thread up to the wait time).
  std::vector<Message> receive(const std::string& key, const ReceiveOptions& options = {});
  /// DeleteMessage: true when deleted, false when the handle is of a message already gone.
  /// Throws ReceiptHandleIsInvalid for a handle that is not of this queue's shape.
  bool remove(const std::string& key, const std::string& receipt_handle);
  /// ChangeMessageVisibility (0-43200 s). Throws for an unknown handle.
  void change_visibility(const std::string& key, const std::string& receipt_handle, int timeout_s);
  std::size_t purge(const std::string& key);
  [[nodiscard]] QueueCounts counts(const std::string& key);
  [[nodiscard]] std::optional<Millis> next_visible_at(const std::string& key);
  [[nodiscard]] int visible_count(const std::string& key);

  /// Called (outside any lock) whenever messages may have become visible in the queue with
  /// this ARN: a send, a redrive into it, a visibility set to 0.
  void on_available(const std::string& arn, std::function<void()> listener);

  /// Wakes every long poll (shutdown).
  void wake_all();

 private:
  Queue& find_locked(const std::string& key) const;
  void notify(const std::string& arn);
  void redrive_locked(Queue& from, std::vector<Message>& moved, std::vector<std::string>& notify_arns);

  Clock& clock_;
  Timeline& timeline_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Queue>> queues_;
  std::map<std::string, std::vector<std::function<void()>>> listeners_;  // by queue ARN
};

}  // namespace formwork::local::sqs
