// App::context: the code's own values, then formwork.json's "context" in the current folder,
// then FORMWORK_CONTEXT (set by run_cli from `--context KEY=VALUE`), each over the one before.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "constructs/core/app.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"
#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork;
using formwork::testing::TempDir;
using formwork::testing::write_file;

namespace {

/// Runs `body` in `directory` with FORMWORK_CONTEXT set to `context` (unset when empty).
template <class Body>
void with_context(const fs::path& directory, const char* context, Body body) {
  const fs::path previous = fs::current_path();
  fs::current_path(directory);
  if (*context != 0) ::setenv("FORMWORK_CONTEXT", context, 1);
  try {
    body();
  } catch (...) {
    ::unsetenv("FORMWORK_CONTEXT");
    fs::current_path(previous);
    throw;
  }
  ::unsetenv("FORMWORK_CONTEXT");
  fs::current_path(previous);
}

}  // namespace

TEST_CASE("the context comes from the code, the project file and the command line, the last winning",
          "[core][context]") {
  TempDir temp;
  with_context(temp.path(), "", [] {
    App app({.context = {{"stage", "dev"}, {"region", "eu-west-1"}}});
    CHECK(app.context("stage") == "dev");
    CHECK_FALSE(app.context("missing").has_value());
    auto& stack = app.add<Stack>("S");
    CHECK(&App::of(stack) == &app);
  });
  write_file(temp.path() / "formwork.json", R"({"app": {"target": "x"}, "context": {"stage": "test", "replicas": 3, "on": true}})");
  with_context(temp.path(), "", [] {
    App app({.context = {{"stage", "dev"}, {"region", "eu-west-1"}}});
    CHECK(app.context("stage") == "test");
    CHECK(app.context("region") == "eu-west-1");
    CHECK(app.context("replicas") == "3");
    CHECK(app.context("on") == "true");
  });
  with_context(temp.path(), R"({"stage": "prod"})", [] {
    App app({.context = {{"stage", "dev"}}});
    CHECK(app.context("stage") == "prod");
    CHECK(app.context().size() == 3);  // on, replicas, stage: sorted by key
    CHECK(app.context().front().first == "on");
  });
}

TEST_CASE("a malformed context is one error naming where it came from", "[core][context]") {
  TempDir temp;
  with_context(temp.path(), "[1, 2]", [] {
    CHECK_THROWS_WITH(App(), "FORMWORK_CONTEXT: the context must be a JSON object (InvalidContext)");
  });
  write_file(temp.path() / "formwork.json", R"({"context": {"stage": ["dev"]}})");
  with_context(temp.path(), "", [] {
    CHECK_THROWS_WITH(App(), "formwork.json: context value 'stage' must be a string, a number or a boolean "
                             "(InvalidContext)");
  });
}
