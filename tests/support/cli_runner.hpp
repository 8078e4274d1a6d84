#pragma once

// Runs the formwork CLI in this process on an App built by the test.

#include <string>
#include <vector>

#include "constructs/core/app.hpp"

namespace formwork::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// `formwork ARGS…` on `app` through run_cli, with standard output and error captured and
/// standard input reading `input`.
CliResult run_formwork(App& app, std::vector<std::string> args, const std::string& input = {});

}  // namespace formwork::testing
