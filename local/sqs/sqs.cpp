#include "local/sqs/sqs.hpp"

#include <algorithm>

namespace formwork::local::sqs {
namespace {

std::string last_segment(const std::string& text) {
  auto trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.pop_back();
  auto slash = trimmed.rfind('/');
  return slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
}

}  // namespace

std::string Sqs::add_queue(QueueConfig config) {
  std::lock_guard lock(mutex_);
  for (const auto& queue : queues_)
    if (queue->config().name == config.name) throw SqsError("QueueAlreadyExists", "queue " + config.name + " exists");
  auto url = config.url;
  queues_.push_back(std::make_unique<Queue>(std::move(config), clock_.now()));
  return url;
}

Queue& Sqs::find_locked(const std::string& key) const {
  const bool is_url = key.rfind("http://", 0) == 0 || key.rfind("https://", 0) == 0;
  const std::string name = is_url ? last_segment(key) : key;
  for (const auto& queue : queues_) {
    const auto& c = queue->config();
    if (c.name == name || c.arn == key) return *queue;
  }
  if (!is_url)
    for (const auto& queue : queues_)
      if (queue->config().logical_id == key) return *queue;
  throw SqsError("QueueDoesNotExist", "The specified queue does not exist.");
}

std::string Sqs::url_of(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return find_locked(key).config().url;
}

QueueConfig Sqs::config_of(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return find_locked(key).config();
}

std::vector<QueueConfig> Sqs::queues() const {
  std::lock_guard lock(mutex_);
  std::vector<QueueConfig> out;
  for (const auto& queue : queues_) out.push_back(queue->config());
  return out;
}

Message Sqs::send(const std::string& key, std::string body, MessageAttributes attributes, std::optional<int> delay_s) {
  Message message;
  std::string arn;
  {
    std::lock_guard lock(mutex_);
    auto& queue = find_locked(key);
    if (body.empty()) throw SqsError("MissingParameter", "The request must contain the parameter MessageBody.");
    std::size_t size = body.size();
    for (const auto& [name, attribute] : attributes)
      size += name.size() + attribute.data_type.size() + attribute.string_value.size() + attribute.binary_value.size();
    if (size > static_cast<std::size_t>(queue.config().maximum_message_size))
      throw SqsError("InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be shorter than " +
                                                  std::to_string(queue.config().maximum_message_size) + " bytes.");
    if (delay_s && (*delay_s < 0 || *delay_s > 900))
      throw SqsError("InvalidParameterValue", "Value " + std::to_string(*delay_s) +
                                                  " for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.");
    message = queue.send(std::move(body), std::move(attributes), delay_s, clock_.now());
    arn = queue.config().arn;
  }
  changed_.notify_all();
  notify(arn);
  return message;
}

void Sqs::redrive_locked(Queue& from, std::vector<Message>& moved, std::vector<std::string>& notify_arns) {
  if (moved.empty()) return;
  const auto& target_arn = from.config().dead_letter_arn;
  Queue* target = nullptr;
  for (const auto& queue : queues_)
    if (queue->config().arn == target_arn) target = queue.get();
  for (auto& message : moved) {
    TimelineEvent event{.at = clock_.now(), .kind = "REDRIVE", .resource = from.config().name};
    event.fields = {{"messageId", message.id}, {"receiveCount", message.receive_count}, {"to", target_arn}};
    if (target == nullptr) {
      event.text = "message " + message.id + " reached maxReceiveCount " + std::to_string(message.receive_count) +
                   " but dead-letter queue " + target_arn + " does not exist: dropped";
    } else {
      event.text = "moved message " + message.id + " to " + target->config().name + " after " +
                   std::to_string(message.receive_count) + " receives (maxReceiveCount " +
                   std::to_string(from.config().max_receive_count) + ")";
      target->accept_moved(std::move(message), clock_.now());
    }
    timeline_.emit(std::move(event));
  }
  if (target != nullptr) notify_arns.push_back(target->config().arn);
}

std::vector<Message> Sqs::receive(const std::string& key, const ReceiveOptions& options) {
  if (options.max_messages < 1 || options.max_messages > 10)
    throw SqsError("InvalidParameterValue", "Value " + std::to_string(options.max_messages) +
                                                " for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
  if (options.visibility_timeout_s && (*options.visibility_timeout_s < 0 || *options.visibility_timeout_s > 43200))
    throw SqsError("InvalidParameterValue", "Value " + std::to_string(*options.visibility_timeout_s) +
                                                " for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.");
  if (options.wait_time_s && (*options.wait_time_s < 0 || *options.wait_time_s > 20))
    throw SqsError("InvalidParameterValue", "Value " + std::to_string(*options.wait_time_s) +
                                                " for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
  std::vector<Message> out;
  std::vector<std::string> notify_arns;
  {
    std::unique_lock lock(mutex_);
    auto* queue = &find_locked(key);
    const int wait_s = options.wait_time_s.value_or(queue->config().receive_wait_s);
    const Millis deadline = clock_.now() + 1000LL * wait_s;
    auto attempt = [&] {
      std::vector<Message> moved;
      out = queue->receive(options.max_messages, options.visibility_timeout_s, clock_.now(), moved);
      redrive_locked(*queue, moved, notify_arns);
      return !out.empty();
    };
    if (!attempt() && wait_s > 0) clock_.wait_until(lock, changed_, deadline, attempt);
  }
  for (const auto& arn : notify_arns) notify(arn);
  return out;
}

bool Sqs::remove(const std::string& key, const std::string& receipt_handle) {
  std::lock_guard lock(mutex_);
  auto& queue = find_locked(key);
  if (receipt_handle.size() < 24)
    throw SqsError("ReceiptHandleIsInvalid", "The input receipt handle \"" + receipt_handle + "\" is not a valid receipt handle.");
  return queue.remove(receipt_handle);
}

void Sqs::change_visibility(const std::string& key, const std::string& receipt_handle, int timeout_s) {
  std::string arn;
  {
    std::lock_guard lock(mutex_);
    auto& queue = find_locked(key);
    if (timeout_s < 0 || timeout_s > 43200)
      throw SqsError("InvalidParameterValue", "Value " + std::to_string(timeout_s) +
                                                  " for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.");
    if (!queue.change_visibility(receipt_handle, timeout_s, clock_.now()))
      throw SqsError("ReceiptHandleIsInvalid", "The input receipt handle \"" + receipt_handle + "\" is not a valid receipt handle.");
    arn = queue.config().arn;
  }
  changed_.notify_all();
  if (timeout_s == 0) notify(arn);
}

std::size_t Sqs::purge(const std::string& key) {
  std::lock_guard lock(mutex_);
  return find_locked(key).purge();
}

QueueCounts Sqs::counts(const std::string& key) {
  std::lock_guard lock(mutex_);
  return find_locked(key).counts(clock_.now());
}

std::optional<Millis> Sqs::next_visible_at(const std::string& key) {
  std::lock_guard lock(mutex_);
  return find_locked(key).next_visible_at(clock_.now());
}

int Sqs::visible_count(const std::string& key) {
  std::lock_guard lock(mutex_);
  return find_locked(key).visible_count(clock_.now());
}

void Sqs::on_available(const std::string& arn, std::function<void()> listener) {
  std::lock_guard lock(mutex_);
  listeners_[arn].push_back(std::move(listener));
}

void Sqs::notify(const std::string& arn) {
  std::vector<std::function<void()>> listeners;
  {
    std::lock_guard lock(mutex_);
    auto it = listeners_.find(arn);
    if (it != listeners_.end()) listeners = it->second;
  }
  for (const auto& listener : listeners) listener();
}

void Sqs::wake_all() { changed_.notify_all(); }

}  // namespace formwork::local::sqs
