#pragma once

// One SQS queue as SQS behaves: delay, visibility timeout, receive count, retention, and the
// MD5 digests SQS returns. Not thread-safe by itself: the Sqs service (sqs.hpp) locks.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "local/clock.hpp"

namespace formwork::local::sqs {

struct MessageAttribute {
  std::string data_type;     ///< String, Number, Binary, or one of those with a `.custom` suffix
  std::string string_value = {};  ///< for String and Number
  std::string binary_value = {};  ///< raw bytes, for Binary
  [[nodiscard]] bool is_binary() const { return data_type.rfind("Binary", 0) == 0; }
};
/// By name; std::map keeps them sorted, as the MD5 needs.
using MessageAttributes = std::map<std::string, MessageAttribute>;

/// MD5 of message attributes as SQS computes MD5OfMessageAttributes: for each attribute in
/// name order, length-prefixed (4 bytes, big-endian) name, data type, a transport byte (1
/// string, 2 binary) and the length-prefixed value. Empty string when there are none.
[[nodiscard]] std::string md5_of_attributes(const MessageAttributes& attributes);

struct Message {
  std::string id = {};
  std::string body = {};
  MessageAttributes attributes = {};
  std::string md5_of_body = {};
  std::string md5_of_attributes = {};  ///< empty when there are no attributes
  Millis sent_at = 0;
  Millis visible_at = 0;          ///< delay or visibility timeout ends
  Millis first_received_at = 0;   ///< 0 before the first receive
  int receive_count = 0;
  std::string receipt_handle = {};     ///< of the latest receive
  std::string sender_id = "AIDAFORMWORKLOCAL";
};

struct QueueConfig {
  std::string name = {};
  std::string logical_id = {};  ///< empty for a queue not from a template
  std::string arn = {};
  std::string url = {};
  /// Default: 30 seconds.
  int visibility_timeout_s = 30;
  /// Default: 4 days.
  int retention_s = 345600;
  /// Default: 0 seconds.
  int delay_s = 0;
  /// Default: 262,144 bytes (256 KiB).
  int maximum_message_size = 262144;
  /// Default: 0 seconds (short polling).
  int receive_wait_s = 0;
  /// The redrive policy's target queue ARN. Default: no dead-letter queue.
  std::string dead_letter_arn = {};
  /// Default: 0 (no redrive).
  int max_receive_count = 0;
};

/// Counts for GetQueueAttributes.
struct QueueCounts {
  int visible = 0;
  int in_flight = 0;
  int delayed = 0;
};

class Queue {
 public:
  explicit Queue(QueueConfig config, Millis created_at) : config_(std::move(config)), created_at_(created_at) {}

  [[nodiscard]] const QueueConfig& config() const { return config_; }
  [[nodiscard]] Millis created_at() const { return created_at_; }

  /// Adds a message; `delay_s` overrides the queue's delay. Returns the stored message.
  Message send(std::string body, MessageAttributes attributes, std::optional<int> delay_s, Millis now);
  /// Adds a message moved from another queue (redrive): same id, body and attributes, visible now.
  void accept_moved(Message message, Millis now);

  /// Up to `max` visible messages, each made invisible for `visibility_s` (the queue's when
  /// unset), its receive count incremented and a new receipt handle given. A message whose
  /// receive count has reached the redrive policy's maxReceiveCount is not returned but put
  /// into `moved` for the caller to hand to the dead-letter queue.
  std::vector<Message> receive(int max, std::optional<int> visibility_s, Millis now, std::vector<Message>& moved);

  /// Deletes the message a receipt handle names. False when the handle is unknown (already
  /// deleted or never given: SQS answers success for the first, ReceiptHandleIsInvalid for
  /// the second — the service decides).
  bool remove(const std::string& receipt_handle);
  /// Makes an in-flight message visible `timeout_s` from now. False when the handle is unknown.
  bool change_visibility(const std::string& receipt_handle, int timeout_s, Millis now);
  /// Removes every message; returns how many there were.
  std::size_t purge();

  [[nodiscard]] QueueCounts counts(Millis now);
  /// The earliest future time a message becomes visible (end of delay or visibility), if any.
  [[nodiscard]] std::optional<Millis> next_visible_at(Millis now);
  /// Number of visible messages now.
  [[nodiscard]] int visible_count(Millis now);

 private:
  void expire(Millis now);

  QueueConfig config_;
  Millis created_at_;
  std::vector<Message> messages_;  // in sending order
};

}  // namespace formwork::local::sqs
