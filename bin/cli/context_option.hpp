#pragma once

#include <string>
#include <utility>
#include <vector>

#include "constructs/core/app.hpp"

namespace formwork::cli {

/// The command line without its `--context KEY=VALUE` (also `--context=KEY=VALUE`, `-c KEY=VALUE`)
/// options, which it returns in order. A malformed one is a UsageError.
struct ContextOptions {
  std::vector<std::pair<std::string, std::string>> values;
  std::vector<const char*> rest;
};
[[nodiscard]] ContextOptions take_context_options(int argc, const char* const* argv);

/// The app's tree is built before run_cli sees the command line: when the command line gives
/// context the app was not built with, runs this program again with the context in
/// FORMWORK_CONTEXT (which App reads) and does not return. Returns when the app has it.
void ensure_context(const App& app, const ContextOptions& options, const char* const* argv);

}  // namespace formwork::cli
