#pragma once

#include "constructs/core/stack.hpp"

namespace stacks {

/// An SNS topic `Notifications` with the Node.js function `Echo` subscribed (subscription plus an
/// invoke permission for sns.amazonaws.com scoped to the topic; 512 MB, 10 s, STAGE, logs kept
/// 5 days; events that fail every retry go to the queue `EchoFailures`), and the Node.js
/// function `Hello` behind a proxy REST API `Api`.
class SnsToLambda : public formwork::Stack {
 public:
  SnsToLambda(formwork::Construct& scope, std::string_view id, const formwork::StackProps& props = {});
};

}  // namespace stacks
