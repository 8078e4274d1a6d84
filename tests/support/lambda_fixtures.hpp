#pragma once

// What the tests of constructs that take a function share: a minimal function and a way to get
// the synthesis error text.

#include <string>

#include "constructs/core/app.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::testing {

inline lambda::FunctionProps inline_function_props() {
  return {.runtime = lambda::Runtime::python_3_12(),
          .handler = "index.handler",
          .code = lambda::Code::from_inline("def handler(event, context):\n    return event\n")};
}

/// The message of the ValidationError synthesis throws, or "" when it succeeds.
inline std::string validation_errors(App& app) {
  try {
    (void)synthesize(app);
  } catch (const ValidationError& error) {
    return error.what();
  }
  return {};
}

/// The validation errors of a function whose props are inline_function_props() changed by
/// `change`, at path S/F; "" when there are none.
inline std::string function_validation_errors(void (*change)(lambda::FunctionProps&)) {
  App app;
  auto& stack = app.add<Stack>("S");
  auto props = inline_function_props();
  change(props);
  stack.add<lambda::Function>("F", std::move(props));
  return validation_errors(app);
}

}  // namespace formwork::testing
