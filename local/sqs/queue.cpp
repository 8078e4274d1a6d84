#include "local/sqs/queue.hpp"

#include <algorithm>

#include "local/ids.hpp"

namespace formwork::local::sqs {
namespace {

void append_length_prefixed(std::string& out, const std::string& bytes) {
  auto length = static_cast<std::uint32_t>(bytes.size());
  out += static_cast<char>((length >> 24) & 0xff);
  out += static_cast<char>((length >> 16) & 0xff);
  out += static_cast<char>((length >> 8) & 0xff);
  out += static_cast<char>(length & 0xff);
  out += bytes;
}

}  // namespace

std::string md5_of_attributes(const MessageAttributes& attributes) {
  if (attributes.empty()) return "";
  std::string buffer;
  for (const auto& [name, attribute] : attributes) {
    append_length_prefixed(buffer, name);
    append_length_prefixed(buffer, attribute.data_type);
    if (attribute.is_binary()) {
      buffer += static_cast<char>(2);
      append_length_prefixed(buffer, attribute.binary_value);
    } else {
      buffer += static_cast<char>(1);
      append_length_prefixed(buffer, attribute.string_value);
    }
  }
  return md5_hex(buffer);
}

Message Queue::send(std::string body, MessageAttributes attributes, std::optional<int> delay_s, Millis now) {
  expire(now);
  Message message;
  message.id = make_uuid();
  message.md5_of_body = md5_hex(body);
  message.md5_of_attributes = md5_of_attributes(attributes);
  message.body = std::move(body);
  message.attributes = std::move(attributes);
  message.sent_at = now;
  message.visible_at = now + 1000LL * delay_s.value_or(config_.delay_s);
  messages_.push_back(message);
  return message;
}

void Queue::accept_moved(Message message, Millis now) {
  expire(now);
  message.visible_at = now;
  message.receipt_handle.clear();
  messages_.push_back(std::move(message));
}

std::vector<Message> Queue::receive(int max, std::optional<int> visibility_s, Millis now,
                                    std::vector<Message>& moved) {
  expire(now);
  std::vector<Message> out;
  const Millis visibility = 1000LL * visibility_s.value_or(config_.visibility_timeout_s);
  for (auto it = messages_.begin(); it != messages_.end() && static_cast<int>(out.size()) < max;) {
    if (it->visible_at > now) {
      ++it;
      continue;
    }
    if (!config_.dead_letter_arn.empty() && config_.max_receive_count > 0 &&
        it->receive_count >= config_.max_receive_count) {
      moved.push_back(std::move(*it));
      it = messages_.erase(it);
      continue;
    }
    it->receive_count += 1;
    if (it->first_received_at == 0) it->first_received_at = now;
    it->visible_at = now + visibility;
    it->receipt_handle = make_token(24) + base64_encode(it->id + "#" + std::to_string(it->receive_count));
    out.push_back(*it);
    ++it;
  }
  return out;
}

bool Queue::remove(const std::string& receipt_handle) {
  auto it = std::find_if(messages_.begin(), messages_.end(),
                         [&](const Message& m) { return !m.receipt_handle.empty() && m.receipt_handle == receipt_handle; });
  if (it == messages_.end()) return false;
  messages_.erase(it);
  return true;
}

bool Queue::change_visibility(const std::string& receipt_handle, int timeout_s, Millis now) {
  for (auto& message : messages_) {
    if (!message.receipt_handle.empty() && message.receipt_handle == receipt_handle) {
      message.visible_at = now + 1000LL * timeout_s;
      return true;
    }
  }
  return false;
}

std::size_t Queue::purge() {
  auto count = messages_.size();
  messages_.clear();
  return count;
}

QueueCounts Queue::counts(Millis now) {
  expire(now);
  QueueCounts counts;
  for (const auto& message : messages_) {
    if (message.visible_at <= now)
      ++counts.visible;
    else if (message.receive_count > 0)
      ++counts.in_flight;
    else
      ++counts.delayed;
  }
  return counts;
}

std::optional<Millis> Queue::next_visible_at(Millis now) {
  expire(now);
  std::optional<Millis> next;
  for (const auto& message : messages_)
    if (message.visible_at > now && (!next || message.visible_at < *next)) next = message.visible_at;
  return next;
}

int Queue::visible_count(Millis now) { return counts(now).visible; }

void Queue::expire(Millis now) {
  const Millis retention = 1000LL * config_.retention_s;
  std::erase_if(messages_, [&](const Message& m) { return m.sent_at + retention <= now; });
}

}  // namespace formwork::local::sqs
