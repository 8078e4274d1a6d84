#pragma once

#include "constructs/core/value.hpp"

namespace formwork::lambda {

class Function;

/// Which outcome of an asynchronous invocation a destination receives.
enum class DestinationType { OnSuccess, OnFailure };

/// What a destination puts into `DestinationConfig.OnSuccess/OnFailure.Destination`.
struct DestinationConfig {
  /// The destination's ARN. Required.
  Value destination;
};

/// Where the result of an asynchronous invocation goes (SqsDestination, SnsDestination,
/// LambdaDestination, EventBridgeDestination). bind() grants the function what it needs.
class IDestination {
 public:
  virtual ~IDestination() = default;
  [[nodiscard]] virtual DestinationConfig bind(Function& fn, DestinationType type) const = 0;
};

/// "on-success destination" / "on-failure destination", for grant reasons and comments.
[[nodiscard]] inline const char* destination_label(DestinationType type) {
  return type == DestinationType::OnSuccess ? "on-success destination" : "on-failure destination";
}

}  // namespace formwork::lambda
