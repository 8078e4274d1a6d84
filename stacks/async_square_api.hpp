#pragma once

#include "constructs/core/stack.hpp"

namespace stacks {

/// API Gateway `GET /square/{number}` -> a Python function that squares the number. The
/// client picks the invocation: with the header `InvocationType: Event` the call is
/// asynchronous (answered 202 at once, the result goes to the queue
/// `async_get_square_fn_dest_queue`), without it synchronous (answered with the square).
class AsyncSquareApi : public formwork::Stack {
 public:
  AsyncSquareApi(formwork::Construct& scope, std::string_view id, const formwork::StackProps& props = {});
};

}  // namespace stacks
