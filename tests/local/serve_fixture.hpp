#pragma once

// `formwork serve` for the end-to-end tests: started on a free port of 127.0.0.1 with a
// manual clock, its timeline written to a file the test reads; the REAL AWS CLI and curl
// against it; stopped with SIGINT (and killed if it does not stop) at the end of the scope.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/tools.hpp"

namespace formwork::testing {

class ServeProcess {
 public:
  /// `arguments` follow `formwork serve` (template files, --format ...); --port and
  /// --clock manual are added.
  explicit ServeProcess(std::vector<std::string> arguments) {
    port_ = pick_port();
    log_ = directory_.path() / "serve.log";
    arguments.insert(arguments.begin(), {formwork_bin(), "serve"});
    for (const char* extra : {"--clock", "manual", "--port"}) arguments.emplace_back(extra);
    arguments.push_back(std::to_string(port_));
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      FILE* log = std::fopen(log_.c_str(), "w");
      if (log) {
        dup2(fileno(log), STDOUT_FILENO);
        dup2(fileno(log), STDERR_FILENO);
      }
      if (chdir(directory_.path().c_str()) != 0) _exit(126);
      setenv("NO_COLOR", "1", 1);
      std::vector<char*> argv;
      for (auto& a : arguments) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    if (!wait_for([&] { return log().find("ready: http://") != std::string::npos; }, 60))
      FAIL("formwork serve did not become ready:\n" << log());
  }

  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGINT);
      if (!wait_exit(10)) {
        kill(-pid_, SIGKILL);
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
      }
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  [[nodiscard]] std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] const std::filesystem::path& directory() const { return directory_.path(); }
  [[nodiscard]] std::string log() const {
    std::ifstream in(log_);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  /// The timeline lines containing `text`.
  [[nodiscard]] std::vector<std::string> lines_with(const std::string& text) const {
    std::vector<std::string> out;
    std::istringstream in(log());
    for (std::string line; std::getline(in, line);)
      if (line.find(text) != std::string::npos) out.push_back(line);
    return out;
  }
  /// The JSON timeline events (--format json) of one kind.
  [[nodiscard]] std::vector<nlohmann::json> events(const std::string& kind) const {
    std::vector<nlohmann::json> out;
    std::istringstream in(log());
    for (std::string line; std::getline(in, line);) {
      auto event = nlohmann::json::parse(line, nullptr, false);
      if (!event.is_discarded() && event.is_object() && event.value("kind", "") == kind) out.push_back(event);
    }
    return out;
  }

  /// `aws <args> --endpoint-url …` with test credentials.
  process::RunResult aws(std::vector<std::string> args) const {
    args.insert(args.begin(), "aws");
    args.push_back("--endpoint-url");
    args.push_back(endpoint());
    return process::run(args, {.environment = {{"AWS_ACCESS_KEY_ID", "test"},
                                               {"AWS_SECRET_ACCESS_KEY", "test"},
                                               {"AWS_DEFAULT_REGION", "us-east-1"},
                                               {"AWS_PAGER", ""}},
                               .working_directory = directory_.path().string()});
  }
  /// As aws(), failing the test unless it succeeds; the answer parsed as JSON (null when empty).
  nlohmann::json aws_json(std::vector<std::string> args) const {
    args.push_back("--output");
    args.push_back("json");
    auto result = aws(args);
    INFO("aws stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    if (result.out.find_first_not_of(" \n") == std::string::npos) return nullptr;
    return nlohmann::json::parse(result.out);
  }
  /// curl with the given arguments after `curl -s`; returns its output.
  process::RunResult curl(std::vector<std::string> args) const {
    args.insert(args.begin(), {"curl", "-s", "--max-time", "60"});
    return process::run(args);
  }
  /// Moves the manual clock forward; everything due runs before it returns.
  void advance(int seconds) const {
    auto result = curl({"-d", "", endpoint() + "/_formwork/clock/advance?seconds=" + std::to_string(seconds)});
    INFO(result.out << result.err);
    REQUIRE(result.out.find("\"now\"") != std::string::npos);
  }

  /// Polls `condition` every 50 ms for up to `seconds` of real time.
  static bool wait_for(const std::function<bool()>& condition, int seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      if (condition()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
  }

  /// Sends SIGINT and waits for the exit; returns the exit status (or -1 after `seconds`).
  int interrupt(int seconds) {
    kill(pid_, SIGINT);
    return wait_exit(seconds) ? status_ : -1;
  }

 private:
  bool wait_exit(int seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        pid_ = -1;
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  static int pick_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    int port = ntohs(address.sin_port);
    close(fd);
    return port;
  }

  TempDir directory_;
  std::filesystem::path log_;
  int port_ = 0;
  int pid_ = -1;
  int status_ = -1;
};

/// The path of a reference template.
inline std::string reference_template(const std::string& stack) {
  return (source_dir() / "templates" / (stack + ".yaml")).string();
}

/// Whether the tools an end-to-end test needs are here (under CI=true their absence fails).
inline bool e2e_tools_present() {
  return require_tool("aws") && require_tool("curl") && require_tool("python3") && require_tool("node");
}

}  // namespace formwork::testing
