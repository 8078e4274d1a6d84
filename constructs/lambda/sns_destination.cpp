#include "constructs/lambda/sns_destination.hpp"

#include "constructs/lambda/function.hpp"
#include "constructs/sns/topic.hpp"

namespace formwork::lambda {

DestinationConfig SnsDestination::bind(Function& fn, DestinationType type) const {
  topic_.grant_publish(fn, "publish to " + topic_.node().id() + " (" + destination_label(type) + ")");
  return {topic_.topic_arn()};
}

}  // namespace formwork::lambda
