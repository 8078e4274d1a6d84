#pragma once

#include "constructs/core/stack.hpp"

namespace stacks {

/// A Python function `SimpleFunc` that fails when the event's `name` is empty, invoked
/// asynchronously: Lambda retries a failed event twice, drops it after an hour, and otherwise
/// sends it to the dead-letter queue (`DeadLetterConfig`); the role may only
/// `sqs:SendMessage` to that queue. Output `QueueUrl`. The code is a directory asset, so
/// deploying needs `AssetsBucket`.
class LambdaAsyncDlq : public formwork::Stack {
 public:
  LambdaAsyncDlq(formwork::Construct& scope, std::string_view id, const formwork::StackProps& props = {});
};

}  // namespace stacks
