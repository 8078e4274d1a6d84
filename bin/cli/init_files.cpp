// What `formwork init` writes: a project that builds against the installed package and
// synthesizes at once. @NAME@ is the project's name (a CMake target), @STACK@ its stack's id.
#include "bin/cli/init_files.hpp"

namespace formwork::cli {
namespace {

constexpr const char* kFormworkJson = R"({
  "app": {
    "target": "@NAME@",
    "build_dir": "build"
  }
}
)";

constexpr const char* kCMakeLists = R"(# @NAME@: a formwork app. `formwork synth` (or any formwork command) in this folder builds the
# app target with `cmake --build build --target @NAME@` and runs it, so the templates always
# come from the code as it is. `cmake --build build && ctest --test-dir build` runs the test.
cmake_minimum_required(VERSION 3.20)
project(@NAME@ LANGUAGES CXX)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

find_package(formwork REQUIRED)

# The app runs for milliseconds: the cheapest build serves it. No build type means no
# optimisation and no debug information; the construct library's headers are precompiled
# once, so an edit recompiles only what the edit touched; lld links when it is installed.
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld FORMWORK_APP_HAS_LLD)

# The stacks, shared by the app and its test.
add_library(@NAME@_stacks OBJECT app_stack.cpp)
target_link_libraries(@NAME@_stacks PUBLIC formwork::formwork)
target_precompile_headers(@NAME@_stacks PRIVATE <formwork/formwork.hpp>)

# The app: every formwork command, from one call to run_cli.
add_executable(@NAME@ main.cpp)
target_link_libraries(@NAME@ PRIVATE @NAME@_stacks formwork::cli)
target_precompile_headers(@NAME@ REUSE_FROM @NAME@_stacks)

# The test of the stacks, with formwork's assertions.
add_executable(@NAME@_test test/app_stack_test.cpp)
target_link_libraries(@NAME@_test PRIVATE @NAME@_stacks formwork::assertions)
target_precompile_headers(@NAME@_test REUSE_FROM @NAME@_stacks)

if(FORMWORK_APP_HAS_LLD)
  target_link_options(@NAME@ PRIVATE -fuse-ld=lld)
  target_link_options(@NAME@_test PRIVATE -fuse-ld=lld)
endif()

enable_testing()
add_test(NAME @NAME@_test COMMAND @NAME@_test WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
)";

constexpr const char* kMain = R"(// The app: its stacks, and every formwork command from one call.
#include <formwork/cli.hpp>

#include "app_stack.hpp"

int main(int argc, char** argv) {
  formwork::App app;
  app.add<AppStack>("@STACK@", {.description = "A function invoked asynchronously, with retries and a dead-letter queue"});
  return formwork::run_cli(app, argc, argv);  // synth, ls, diff, lint, deploy, destroy, graph, …
}
)";

constexpr const char* kStackHpp = R"(#pragma once

#include <formwork/formwork.hpp>

/// A Python function invoked asynchronously: Lambda retries a failed event twice, drops
/// events older than an hour, then sends the event to a dead-letter queue.
class AppStack : public formwork::Stack {
 public:
  AppStack(formwork::Construct& scope, std::string_view id, const formwork::StackProps& props = {});
};
)";

constexpr const char* kStackCpp = R"(#include "app_stack.hpp"

using namespace formwork;

// Props are written with their type (lambda::FunctionProps{…}): a misspelled or mistyped
// field then gets a compiler error that names it.
AppStack::AppStack(Construct& scope, std::string_view id, const StackProps& props) : Stack(scope, id, props) {
  auto& dead_letters = add<sqs::Queue>("DeadLetterQueue", sqs::QueueProps{.retention_period = Duration::days(14)});

  add<lambda::Function>("Greeter", lambda::FunctionProps{
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_asset("handler"),
      .timeout = Duration::seconds(10),
      .description = "Greets the event's name; fails when it is empty",
      .dead_letter_queue = &dead_letters,
      .retry_attempts = 2,
      .max_event_age = Duration::hours(1),
  });

  add<CfnOutput>("DeadLetterQueueUrl", CfnOutputProps{
      .value = dead_letters.queue_url(),
      .description = "Where the events Greeter failed to process end up",
  });
}
)";

constexpr const char* kHandler = R"("""Greeter: greets the event's `name`, and fails when it is empty.

Invoked asynchronously, a failure is retried twice; then Lambda puts the event on the
dead-letter queue.
"""


def handler(event, context):
    name = (event or {}).get("name", "")
    if not name:
        raise ValueError("the event has no name")
    return {"message": f"Hello, {name}!"}
)";

constexpr const char* kTest = R"(// The stack's test: `cmake --build build && ctest --test-dir build`.
#include <cstdio>

#include <formwork/assertions.hpp>

#include "../app_stack.hpp"

using formwork::assertions::Match;
using formwork::assertions::Template;

int main() {
  try {
    formwork::App app;
    auto& stack = app.add<AppStack>("@STACK@");
    auto t = Template::from_stack(stack);
    t.resource_count_is("AWS::Lambda::Function", 1);
    t.resource_count_is("AWS::SQS::Queue", 1);
    t.has_resource_properties("AWS::Lambda::Function", Match::object_like({
        {"Runtime", "python3.12"},
        {"DeadLetterConfig", Match::object_like({{"TargetArn", Match::any_value()}})},
    }));
    t.has_resource_properties("AWS::Lambda::EventInvokeConfig", Match::object_like({
        {"MaximumRetryAttempts", 2},
        {"MaximumEventAgeInSeconds", 3600},
    }));
    t.has_output("DeadLetterQueueUrl", Match::any_value());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FAILED: %s\n", e.what());
    return 1;
  }
  std::puts("passed");
  return 0;
}
)";

constexpr const char* kGitignore = R"(build/
)";

constexpr const char* kReadme = R"(# @NAME@

A formwork app: infrastructure as C++ code for AWS CloudFormation.
`app_stack.cpp` is the stack (a Python function in `handler/`, invoked asynchronously, with
retries and a dead-letter queue); `main.cpp` is the app.

```sh
formwork synth            # builds the app (only what changed) and writes templates/@STACK@.yaml
formwork ls --long        # the stacks
formwork lint             # formwork's checks and cfn-lint
formwork diff             # the code now against templates/
formwork graph            # the architecture, as a Mermaid diagram
formwork deploy           # aws cloudformation deploy (--endpoint-url URL for a local endpoint)
formwork destroy @STACK@ --yes
cmake --build build && ctest --test-dir build   # the stack's test (test/app_stack_test.cpp)
```

Every formwork command in this folder (or below it) rebuilds the app first, as
`formwork.json` says, so what it shows is always the code you see. The first build
configures `build/` against the installed formwork package.
)";

}  // namespace

std::vector<std::pair<std::string, std::string>> init_files() {
  return {
      {"formwork.json", kFormworkJson},
      {"CMakeLists.txt", kCMakeLists},
      {"main.cpp", kMain},
      {"app_stack.hpp", kStackHpp},
      {"app_stack.cpp", kStackCpp},
      {"handler/index.py", kHandler},
      {"test/app_stack_test.cpp", kTest},
      {".gitignore", kGitignore},
      {"README.md", kReadme},
  };
}

}  // namespace formwork::cli
