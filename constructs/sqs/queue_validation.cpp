// The checks on QueueProps (CDK validate-queue-props.ts), as small tables. Limits from the
// SQS documentation and the AWS::SQS::Queue registry schema.
#include <optional>
#include <regex>

#include "constructs/sqs/queue.hpp"

namespace formwork::sqs {
namespace {

struct RangeCheck {
  const char* what;
  std::optional<std::int64_t> value;
  std::int64_t min;
  std::int64_t max;
  const char* unit;  // "seconds", "bytes" or empty
};

std::optional<std::int64_t> seconds_of(const std::optional<Duration>& d) {
  return d ? std::optional<std::int64_t>(d->to_seconds()) : std::nullopt;
}

void check_ranges(const std::vector<RangeCheck>& checks, std::vector<std::string>& errors) {
  for (const auto& c : checks) {
    if (!c.value || (*c.value >= c.min && *c.value <= c.max)) continue;
    std::string unit = *c.unit ? std::string(" ") + c.unit : "";
    errors.push_back(std::string(c.what) + " must be between " + std::to_string(c.min) + " and " +
                     std::to_string(c.max) + unit + ", got " + std::to_string(*c.value));
  }
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void check_name(const QueueProps& props, std::vector<std::string>& errors) {
  if (!props.queue_name) return;
  const std::string& name = *props.queue_name;
  const bool has_suffix = ends_with(name, ".fifo");
  if (props.fifo && !has_suffix) errors.push_back("a FIFO queue name must end in .fifo, got '" + name + "'");
  if (!props.fifo && has_suffix)
    errors.push_back("queue name '" + name + "' ends in .fifo but the queue is not FIFO (set fifo = true)");
  static const std::regex pattern("[A-Za-z0-9_-]+");
  const std::string base = has_suffix ? name.substr(0, name.size() - 5) : name;
  if (name.empty() || name.size() > 80 || !std::regex_match(base, pattern))
    errors.push_back("queue name must be 1 to 80 characters of A-Z a-z 0-9 - _ (80 including .fifo), got '" + name +
                     "' (" + std::to_string(name.size()) + " characters)");
}

void check_dead_letter_queue(const Queue& queue, const QueueProps& props, std::vector<std::string>& errors) {
  if (!props.dead_letter_queue) return;
  const DeadLetterQueue& dlq = *props.dead_letter_queue;
  if (dlq.queue == nullptr) {
    errors.push_back("dead_letter_queue needs a queue");
  } else if (dlq.queue == &queue) {
    errors.push_back("a queue cannot be its own dead-letter queue");
  } else if (dlq.queue->fifo() != props.fifo) {
    errors.push_back(std::string("the dead-letter queue of a ") + (props.fifo ? "FIFO" : "standard") +
                     " queue must also be " + (props.fifo ? "a FIFO" : "a standard") + " queue, got " +
                     (dlq.queue->fifo() ? "FIFO" : "standard") + " queue " + dlq.queue->node().id());
  }
  check_ranges({{"dead-letter queue max receive count", dlq.max_receive_count, 1, 1000, ""}}, errors);
}

}  // namespace

std::vector<std::string> Queue::validate() const {
  std::vector<std::string> errors;
  check_ranges(
      {
          {"visibility timeout", seconds_of(props_.visibility_timeout), 0, 43200, "seconds"},
          {"retention period", seconds_of(props_.retention_period), 60, 1209600, "seconds"},
          {"delivery delay", seconds_of(props_.delivery_delay), 0, 900, "seconds"},
          {"receive message wait time", seconds_of(props_.receive_message_wait_time), 0, 20, "seconds"},
          {"max message size", props_.max_message_size_bytes, 1024, 1048576, "bytes"},
      },
      errors);
  check_name(props_, errors);
  if (props_.content_based_deduplication && !props_.fifo)
    errors.push_back("content-based deduplication applies only to FIFO queues (set fifo = true)");
  check_dead_letter_queue(*this, props_, errors);
  return errors;
}

}  // namespace formwork::sqs
