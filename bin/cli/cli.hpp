#pragma once

#include "constructs/core/app.hpp"

namespace formwork {

/// The formwork command line for an app: `synth`, `ls`, `diff`, `lint`, `deploy`, `destroy`,
/// `graph`. A user's program ends its `main` with `return formwork::run_cli(app, argc, argv);`.
/// Returns the exit code: 0 success, 1 findings or differences asked to fail on, 2 bad
/// usage or invalid input. Errors go to stderr, one line each.
int run_cli(App& app, int argc, const char* const* argv);

}  // namespace formwork
