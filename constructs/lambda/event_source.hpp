#pragma once

namespace formwork::lambda {

class Function;

/// Something that invokes a function by polling (an SQS queue, a stream): bind() adds the
/// event source mapping under the function and grants its role what polling needs.
///
///   fn.add_event_source(lambda_event_sources::SqsEventSource(queue, {.batch_size = 10}));
class IEventSource {
 public:
  virtual ~IEventSource() = default;
  virtual void bind(Function& fn) const = 0;
};

}  // namespace formwork::lambda
