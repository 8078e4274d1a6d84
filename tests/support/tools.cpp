#include "tests/support/tools.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

namespace formwork::testing {
namespace fs = std::filesystem;

fs::path source_dir() { return FORMWORK_SOURCE_DIR; }
std::string formwork_bin() { return FORMWORK_BIN; }
std::string reference_app() { return FORMWORK_REFERENCE_APP; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("cannot read " << path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) FAIL("cannot write " << path);
}

process::RunResult run(const std::vector<std::string>& argv, const process::RunOptions& options) {
  return process::run(argv, options);
}

bool require_tool(const std::string& program) {
  if (process::find_program(program)) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true") FAIL(program << " is not installed, and CI=true forbids skipping");
  WARN("skipped: " << program << " is not installed");
  return false;
}

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("formwork-test-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

namespace {

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  close(fd);
  return port;
}

bool accepts_connections(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

}  // namespace

MotoServer::MotoServer() {
  auto program = process::find_program("moto_server");
  if (!program) FAIL("moto_server is not installed");
  port_ = free_port();
  log_ = fs::temp_directory_path() / ("moto-" + std::to_string(port_) + ".log");
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    FILE* log = std::fopen(log_.c_str(), "w");
    if (log) {
      dup2(fileno(log), STDOUT_FILENO);
      dup2(fileno(log), STDERR_FILENO);
    }
    std::string port = std::to_string(port_);
    execl(program->c_str(), "moto_server", "-H", "127.0.0.1", "-p", port.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 300 && !accepts_connections(port_); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (!accepts_connections(port_)) FAIL("moto_server did not start on port " << port_);
}

MotoServer::~MotoServer() {
  if (pid_ > 0) {
    kill(-pid_, SIGTERM);
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::error_code ignored;
  fs::remove(log_, ignored);
}

std::map<std::string, std::string> MotoServer::environment() const {
  return {{"AWS_ACCESS_KEY_ID", "test"},
          {"AWS_SECRET_ACCESS_KEY", "test"},
          {"AWS_DEFAULT_REGION", "us-east-1"},
          {"AWS_REGION", "us-east-1"},
          {"AWS_PAGER", ""}};
}

process::RunResult MotoServer::aws(std::vector<std::string> args) const {
  args.insert(args.begin(), "aws");
  args.push_back("--endpoint-url");
  args.push_back(endpoint());
  return process::run(args, {.environment = environment()});
}

}  // namespace formwork::testing
