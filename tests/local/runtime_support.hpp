#pragma once

// Helpers of the local runtime tests: function specs over the fixture handlers.

#include <string>

#include <nlohmann/json.hpp>

#include "local/model.hpp"

namespace formwork::local::testing {

inline std::string source_dir() { return FORMWORK_SOURCE_DIR; }

/// A function whose code is the folder `dir` (relative to the repository root).
inline FunctionSpec function_in(const std::string& name, const std::string& runtime, const std::string& handler,
                                const std::string& dir, int timeout_seconds = 10) {
  FunctionSpec f;
  f.stack = "Test";
  f.logical_id = name;
  f.name = name;
  f.arn = function_arn(name);
  f.runtime = runtime;
  f.handler = handler;
  f.code.kind = CodeLocation::Kind::Directory;
  f.code.directory = source_dir() + "/" + dir;
  f.timeout_seconds = timeout_seconds;
  f.log_group_name = "/aws/lambda/" + name;
  return f;
}

inline FunctionSpec python_fixture(const std::string& name, const std::string& handler, int timeout_seconds = 10) {
  return function_in(name, "python3.12", handler, "tests/local/handlers/python", timeout_seconds);
}

inline FunctionSpec node_fixture(const std::string& name, const std::string& handler, int timeout_seconds = 10) {
  return function_in(name, "nodejs22.x", handler, "tests/local/handlers/node", timeout_seconds);
}

inline nlohmann::json parse(const std::string& text) { return nlohmann::json::parse(text); }

}  // namespace formwork::local::testing
