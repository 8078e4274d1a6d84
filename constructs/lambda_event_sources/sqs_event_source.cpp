#include "constructs/lambda_event_sources/sqs_event_source.hpp"

#include "constructs/lambda/function.hpp"
#include "constructs/lambda_event_sources/detail/filter_criteria.hpp"
#include "constructs/lambda_event_sources/detail/mapping.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::lambda_event_sources {

namespace {

constexpr int kMaxBatch = 10;
constexpr int kMaxBatchWithWindow = 10000;
constexpr std::int64_t kMaxWindowSeconds = 300;

}  // namespace

void SqsEventSource::bind(lambda::Function& fn) const {
  sqs::Queue& queue = queue_;
  const std::string queue_id = queue.node().id();
  auto& mapping = detail::add_mapping(fn, "SqsEventSource", queue);
  mapping.set_comment("Polls queue " + queue_id + " and invokes function " + fn.node().id() + " with batches of " +
                      std::to_string(props_.batch_size.value_or(kMaxBatch)) + " messages");
  mapping.set_property("EventSourceArn", queue.queue_arn());
  mapping.set_property("FunctionName", fn.function_name());
  if (props_.batch_size) mapping.set_property("BatchSize", *props_.batch_size);
  if (props_.max_batching_window)
    mapping.set_property("MaximumBatchingWindowInSeconds", props_.max_batching_window->to_seconds());
  if (props_.report_batch_item_failures)
    mapping.set_property("FunctionResponseTypes", Value::list({"ReportBatchItemFailures"}));
  if (!props_.filters.empty()) mapping.set_property("FilterCriteria", detail::filter_criteria(props_.filters));
  if (!props_.enabled) mapping.set_property("Enabled", false);

  queue.grant_consume_messages(fn, "consume messages from " + queue_id + " (event source)");

  SqsEventSourceProps props = props_;
  mapping.node().add_validation([props, &queue, &fn]() -> std::vector<std::string> {
    std::vector<std::string> errors;
    const std::int64_t window = props.max_batching_window ? props.max_batching_window->to_seconds() : 0;
    if (props.batch_size) {
      const int size = *props.batch_size;
      if (window > 0 && (size < 1 || size > kMaxBatchWithWindow))
        errors.push_back("batch size must be between 1 and 10000 with a batching window, got " + std::to_string(size));
      if (window == 0 && (size < 1 || size > kMaxBatch))
        errors.push_back("batch size must be between 1 and 10 (up to 10000 with a batching window), got " +
                         std::to_string(size));
    }
    if (window < 0 || window > kMaxWindowSeconds)
      errors.push_back("maximum batching window must be between 0 and 300 seconds, got " + std::to_string(window));
    if (queue.fifo() && props.max_batching_window)
      errors.push_back("a FIFO queue takes no batching window, got " + std::to_string(window) + " seconds");
    const auto visibility = queue.visibility_timeout().to_seconds();
    const auto timeout = fn.timeout().to_seconds();
    if (visibility < timeout)
      errors.push_back("queue " + queue.node().id() + " has a visibility timeout of " + std::to_string(visibility) +
                       " seconds, shorter than the " + std::to_string(timeout) + " second timeout of function " +
                       fn.node().id() + " (AWS rejects the event source mapping)");
    return errors;
  });
}

}  // namespace formwork::lambda_event_sources
