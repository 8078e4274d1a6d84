// A mistake raised while a program builds its tree, before run_cli can catch it (a duplicate
// id in main), is one `error:` line and exit code 2, like every other mistake: an App installs
// the terminate handler that reports it.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <stdexcept>
#include <string>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/stack.hpp"

namespace {

struct ChildResult {
  int exit_code = -1;
  std::string err;
};

/// Runs `body` in a child process whose standard error is captured; an exception that leaves
/// `body` reaches std::terminate there with the exception current, as one that leaves main does.
template <class Body>
ChildResult in_child(Body body) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    try {
      body();
    } catch (...) {
      std::terminate();  // what the C++ runtime does with an exception that leaves main
    }
    _exit(0);
  }
  close(fds[1]);
  ChildResult result;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) result.err.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

void throw_two_lines() { throw std::runtime_error("first problem\nsecond problem"); }

}  // namespace

TEST_CASE("a duplicate construct id that escapes main is one line and exit 2, not an abort", "[core][errors]") {
  auto result = in_child([]() {
    formwork::App app;
    auto& stack = app.add<formwork::Stack>("Orders");
    stack.add<formwork::CfnResource>("Jobs", {.type = "AWS::SQS::Queue"});
    stack.add<formwork::CfnResource>("Jobs", {.type = "AWS::SQS::Queue"});
  });
  CHECK(result.exit_code == 2);
  CHECK(result.err == "error: [Orders] there is already a construct with id 'Jobs' in this scope (DuplicateId)\n");
}

TEST_CASE("any exception that escapes a program with an App is reported line by line, exit 2", "[core][errors]") {
  auto result = in_child([]() {
    formwork::App app;
    throw_two_lines();
  });
  CHECK(result.exit_code == 2);
  CHECK(result.err == "error: first problem\nerror: second problem\n");
}
