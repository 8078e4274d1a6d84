#include "constructs/lambda/sqs_destination.hpp"

#include "constructs/lambda/function.hpp"
#include "constructs/sqs/queue.hpp"

namespace formwork::lambda {

DestinationConfig SqsDestination::bind(Function& fn, DestinationType type) const {
  queue_.grant_send_messages(fn, "send to " + queue_.node().id() + " (" + destination_label(type) + ")");
  return {queue_.queue_arn()};
}

}  // namespace formwork::lambda
