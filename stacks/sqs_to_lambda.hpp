#pragma once

#include "constructs/core/stack.hpp"

namespace stacks {

/// An SQS queue `Jobs` (with its own dead-letter queue after 3 receives) feeding the Python
/// function `Worker` through an event source mapping (batches of 10, partial batch failure
/// reporting); an EventBridge rule also invokes `Worker` every 5 minutes, asynchronously,
/// so failed scheduled runs go to the function's dead-letter queue.
class SqsToLambda : public formwork::Stack {
 public:
  SqsToLambda(formwork::Construct& scope, std::string_view id, const formwork::StackProps& props = {});
};

}  // namespace stacks
