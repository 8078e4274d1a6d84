#include "constructs/lambda/lambda_destination.hpp"

#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

DestinationConfig LambdaDestination::bind(Function& fn, DestinationType type) const {
  target_.grant_invoke(fn, "invoke function " + target_.node().id() + " (" + destination_label(type) + ")");
  return {target_.function_arn()};
}

}  // namespace formwork::lambda
