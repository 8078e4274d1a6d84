#pragma once

#include "constructs/lambda/destination.hpp"

namespace formwork::sns {
class Topic;
}

namespace formwork::lambda {

/// Publishes the result of an asynchronous invocation to an SNS topic, and lets the
/// function's role publish to it (sns:Publish).
class SnsDestination : public IDestination {
 public:
  explicit SnsDestination(sns::Topic& topic) : topic_(topic) {}
  [[nodiscard]] DestinationConfig bind(Function& fn, DestinationType type) const override;

 private:
  sns::Topic& topic_;
};

}  // namespace formwork::lambda
