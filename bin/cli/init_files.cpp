// What `formwork init` writes: a project that builds against the installed package and
// synthesizes at once. @NAME@ is the project's name (a CMake target), @STACK@ its stack's id.
#include "bin/cli/init_files.hpp"

#include <cctype>

namespace formwork::cli {
namespace {

constexpr const char* kFormworkJson = R"({
  "app": {
    "target": "@NAME@",
    "build_dir": "build"
  },
  "context": {
    "stage": "dev"
  }
}
)";

constexpr const char* kCMakeLists = R"(# @NAME@: a formwork app. `formwork synth` (or any formwork command) in this folder builds
# the app target (`ninja -C build @NAME@`) and runs it, so the templates always come from the
# code as it is. `cmake --build build && ctest --test-dir build` runs the test.
cmake_minimum_required(VERSION 3.20)

# clang compiles a stack file in about two thirds of the time g++ takes, and both use the
# same C++ library: the app is built with clang when it is installed and no compiler was chosen.
if(NOT DEFINED CMAKE_CXX_COMPILER AND NOT DEFINED ENV{CXX})
  find_program(FORMWORK_APP_CLANGXX NAMES clang++ clang++-16 clang++-15 clang++-14)
  if(FORMWORK_APP_CLANGXX)
    set(CMAKE_CXX_COMPILER "${FORMWORK_APP_CLANGXX}")
  endif()
endif()
project(@NAME@ LANGUAGES CXX)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

find_package(formwork REQUIRED)

# The app runs for milliseconds: the cheapest build serves it. No build type means no
# optimisation and no debug information; the construct library's headers are precompiled
# once for the stacks (main.cpp and the test rarely change); lld links when it is installed.
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld FORMWORK_APP_HAS_LLD)
# The clang driver takes about 0.1 s to start (it loads LLVM): the stacks' library, relinked
# on every edit, is linked through the g++ driver instead, with the same linker.
find_program(FORMWORK_APP_GXX NAMES g++)
if(FORMWORK_APP_GXX AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  string(REPLACE "<CMAKE_CXX_COMPILER>" "${FORMWORK_APP_GXX}" CMAKE_CXX_CREATE_SHARED_LIBRARY
         "${CMAKE_CXX_CREATE_SHARED_LIBRARY}")
endif()

# The stacks, shared by the app and its test: a small shared library of their own, so that an
# edit recompiles the file it touched and relinks only this library (milliseconds). It takes
# formwork's headers only; the programs below hold the construct library and export it.
add_library(@NAME@_stacks SHARED app_stack.cpp)
target_include_directories(@NAME@_stacks PRIVATE $<TARGET_PROPERTY:formwork::formwork,INTERFACE_INCLUDE_DIRECTORIES>)
target_precompile_headers(@NAME@_stacks PRIVATE <formwork/formwork.hpp>)

# Every construct of formwork, whole, in the programs that load the stacks: a construct the
# next edit starts using is then already there, and the programs are not relinked.
get_target_property(formwork_constructs formwork::formwork INTERFACE_LINK_LIBRARIES)
set(formwork_whole LINKER:--whole-archive)
foreach(library IN LISTS formwork_constructs)
  list(APPEND formwork_whole $<TARGET_FILE:${library}>)
endforeach()
list(APPEND formwork_whole LINKER:--no-whole-archive)

# The app: every formwork command, from one call to run_cli.
add_executable(@NAME@ main.cpp)
target_link_libraries(@NAME@ PRIVATE @NAME@_stacks formwork::formwork formwork::cli)

# The test of the stacks, with formwork's assertions.
add_executable(@NAME@_test test/app_stack_test.cpp)
target_link_libraries(@NAME@_test PRIVATE @NAME@_stacks formwork::formwork formwork::assertions)

foreach(program @NAME@ @NAME@_test)
  set_target_properties(${program} PROPERTIES ENABLE_EXPORTS ON LINK_DEPENDS_NO_SHARED ON)
  target_link_options(${program} PRIVATE ${formwork_whole})
endforeach()
if(FORMWORK_APP_HAS_LLD)
  foreach(target @NAME@ @NAME@_test @NAME@_stacks)
    target_link_options(${target} PRIVATE -fuse-ld=lld)
  endforeach()
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
  // The stage comes from the context: formwork.json's "context", over which the command line's
  // `formwork synth --context stage=prod` wins. One app, a template per stage.
  const std::string stage = App::of(*this).context("stage").value_or("dev");
  auto& dead_letters = add<sqs::Queue>("DeadLetterQueue", sqs::QueueProps{.retention_period = Duration::days(14)});

  add<lambda::Function>("Greeter", lambda::FunctionProps{
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_asset("handler"),
      .timeout = Duration::seconds(10),
      .environment = {{"STAGE", stage}},
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
formwork synth --context stage=prod   # the same app for another stage (formwork.json has the default)
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

/// The folder's name as a CMake target: lower case letters, digits and '_'.
std::string project_name(const std::string& folder) {
  std::string name;
  for (char c : folder) {
    const auto u = static_cast<unsigned char>(c);
    name += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
  }
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) name = "app_" + name;
  return name;
}

/// The folder's name as a stack id: `my-app` -> `MyApp`, starting with a letter.
std::string stack_id(const std::string& folder) {
  std::string id;
  bool upper = true;
  for (char c : folder) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(u)) : c;
    upper = false;
  }
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id.front()))) id = "App" + id;
  return id;
}

std::string substituted(std::string text, const std::string& name, const std::string& stack) {
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"@NAME@", name}, {"@STACK@", stack}}) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  }
  return text;
}

}  // namespace formwork::cli
