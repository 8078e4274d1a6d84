#include "bin/cli/context_option.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "constructs/core/errors.hpp"

namespace formwork::cli {
namespace {

std::pair<std::string, std::string> key_value(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0)
    throw UsageError("InvalidContext", "", "--context '" + text + "' must be KEY=VALUE");
  return {text.substr(0, equals), text.substr(equals + 1)};
}

}  // namespace

ContextOptions take_context_options(int argc, const char* const* argv) {
  ContextOptions options;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i > 0 && (arg == "--context" || arg == "-c")) {
      if (i + 1 >= argc) throw UsageError("InvalidContext", "", arg + " needs KEY=VALUE");
      options.values.push_back(key_value(argv[++i]));
    } else if (i > 0 && arg.rfind("--context=", 0) == 0) {
      options.values.push_back(key_value(arg.substr(std::strlen("--context="))));
    } else if (arg == "--") {  // the rest is not ours
      options.rest.insert(options.rest.end(), argv + i, argv + argc);
      break;
    } else {
      options.rest.push_back(argv[i]);
    }
  }
  return options;
}

void ensure_context(const App& app, const ContextOptions& options, const char* const* argv) {
  const bool rerun = std::getenv("FORMWORK_CONTEXT_RERUN") != nullptr;
  ::unsetenv("FORMWORK_CONTEXT_RERUN");
  bool missing = false;
  for (const auto& [key, value] : options.values) missing = missing || app.context(key) != value;
  if (!missing) return;
  if (rerun)  // the rerun did not take it: never loop
    throw UsageError("InvalidContext", "", "the app did not take the --context values (does its App read them?)");
  std::map<std::string, std::string> context;
  if (const char* text = std::getenv("FORMWORK_CONTEXT"); text != nullptr && *text != 0) {
    for (const auto& [key, value] : nlohmann::json::parse(text).items())
      context[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  for (const auto& [key, value] : options.values) context[key] = value;
  const std::string json = nlohmann::json(context).dump();
  ::setenv("FORMWORK_CONTEXT", json.c_str(), 1);
  ::setenv("FORMWORK_CONTEXT_RERUN", "1", 1);
  ::execv("/proc/self/exe", const_cast<char* const*>(argv));
  throw UsageError("InvalidContext", "", std::string("cannot run the app again with its context: ") + std::strerror(errno));
}

}  // namespace formwork::cli
