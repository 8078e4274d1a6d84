#pragma once

#include "constructs/lambda/destination.hpp"

namespace formwork::lambda {

/// Invokes another function with the result of an asynchronous invocation, and lets the
/// function's role invoke it (lambda:InvokeFunction on it and its versions).
class LambdaDestination : public IDestination {
 public:
  explicit LambdaDestination(Function& target) : target_(target) {}
  [[nodiscard]] DestinationConfig bind(Function& fn, DestinationType type) const override;

 private:
  Function& target_;
};

}  // namespace formwork::lambda
