// Issue 10: a synthesis stopped while it writes templates/ leaves no temporary file after
// SIGINT, SIGTERM or SIGHUP; after a SIGKILL (which no program can handle) the next run
// removes what it left. Real signals, sent to a real process while its temporary file exists.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "tests/support/tools.hpp"

namespace {
namespace fs = std::filesystem;

// Three stacks of about 400 KB each, so that writing one takes long enough to be interrupted.
std::unique_ptr<formwork::App> big_app() {
  auto app = std::make_unique<formwork::App>();
  for (const char* name : {"First", "Second", "Third"}) {
    auto& stack = app->add<formwork::Stack>(name);
    for (int i = 0; i < 350; ++i)
      stack.add<formwork::CfnResource>("Topic" + std::to_string(i),
                                       {.type = "AWS::SNS::Topic",
                                        .properties = {{"DisplayName", std::string(1000, 'a' + i % 26)}}});
  }
  return app;
}

std::vector<std::string> temporaries_in(const fs::path& directory) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) names.push_back(entry.path().filename());
  return names;
}

struct Stopped {
  int signal = 0;                     // the signal the child died of (0: it did not)
  std::vector<std::string> leftovers;  // temporary files after its death
};

// A child writes the templates over and over, as a plain program (default signal handlers);
// the signal is sent as soon as one of its temporary files exists.
Stopped stop_while_writing(const formwork::CloudAssembly& assembly, const fs::path& directory, int signal_number) {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    for (int s : {SIGINT, SIGTERM, SIGHUP}) signal(s, SIG_DFL);  // Catch2 installs its own
    try {
      for (;;) (void)formwork::write_templates(assembly, directory);
    } catch (...) {
    }
    _exit(3);
  }
  const std::string marker = ".tmp-" + std::to_string(pid);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  bool sent = false;
  while (!sent && std::chrono::steady_clock::now() < deadline) {
    for (const auto& name : temporaries_in(directory))
      if (name.ends_with(marker)) sent = true;
    if (!sent) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  kill(pid, sent ? signal_number : SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  Stopped stopped;
  if (sent && WIFSIGNALED(status)) stopped.signal = WTERMSIG(status);
  stopped.leftovers = temporaries_in(directory);
  return stopped;
}

// What a run after the stopped one finds and leaves: whole templates and no temporary file.
void check_next_run(const formwork::CloudAssembly& assembly, const fs::path& directory) {
  (void)formwork::write_templates(assembly, directory);
  CHECK(temporaries_in(directory).empty());
  for (const auto& stack : assembly.stacks)
    CHECK(formwork::testing::read_file(directory / (stack.name + ".yaml")) == formwork::render(stack));
}

}  // namespace

TEST_CASE("a synthesis stopped by SIGINT, SIGTERM or SIGHUP while writing leaves no temporary file",
          "[core][synthesis][leftovers][hostile]") {
  auto app = big_app();
  const auto assembly = formwork::synthesize(*app);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    INFO("signal " << strsignal(signal_number));
    formwork::testing::TempDir dir;
    auto stopped = stop_while_writing(assembly, dir.path(), signal_number);
    REQUIRE(stopped.signal == signal_number);  // it died of the signal, as a program should
    CHECK(stopped.leftovers.empty());
    check_next_run(assembly, dir.path());
  }
}

TEST_CASE("a synthesis killed (SIGKILL) while writing leaves temporary files, which the next run removes",
          "[core][synthesis][leftovers][hostile]") {
  auto app = big_app();
  const auto assembly = formwork::synthesize(*app);
  formwork::testing::TempDir dir;
  // A kill can land just after a rename; try until one leaves a temporary file behind.
  Stopped stopped;
  for (int attempt = 0; attempt < 20 && stopped.leftovers.empty(); ++attempt) {
    stopped = stop_while_writing(assembly, dir.path(), SIGKILL);
    REQUIRE(stopped.signal == SIGKILL);
  }
  REQUIRE_FALSE(stopped.leftovers.empty());
  check_next_run(assembly, dir.path());
}
