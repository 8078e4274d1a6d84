#pragma once

#include "constructs/lambda/destination.hpp"

namespace formwork::sqs {
class Queue;
}

namespace formwork::lambda {

/// Sends the result of an asynchronous invocation to an SQS queue, and lets the function's
/// role send to it (sqs:SendMessage, sqs:GetQueueAttributes, sqs:GetQueueUrl).
///
///   lambda::SqsDestination on_success(results);
///   stack.add<lambda::Function>("F", {…, .on_success = &on_success});
class SqsDestination : public IDestination {
 public:
  explicit SqsDestination(sqs::Queue& queue) : queue_(queue) {}
  [[nodiscard]] DestinationConfig bind(Function& fn, DestinationType type) const override;

 private:
  sqs::Queue& queue_;
};

}  // namespace formwork::lambda
