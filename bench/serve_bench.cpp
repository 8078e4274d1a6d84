// Benchmark of `formwork serve`: time from start to ready, and invocations per second through
// its Lambda Invoke API for a warm Python and a warm Node.js handler, synchronous
// (RequestResponse, one keep-alive connection, one call at a time) and asynchronous (Event:
// 202s accepted per second, and events run to completion per second, read from the timeline).
// Usage: serve_bench [path/to/formwork] [invocations]   (default: ./formwork, 200)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

int free_port() {
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

int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// One HTTP/1.1 request on a keep-alive connection; returns the status code (-1 on error).
int request(int fd, const std::string& method, const std::string& path, const std::string& body,
            const std::string& extra_headers) {
  std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
  if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) return -1;
  std::string in;
  char buffer[65536];
  std::size_t header_end;
  while ((header_end = in.find("\r\n\r\n")) == std::string::npos) {
    auto n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return -1;
    in.append(buffer, static_cast<std::size_t>(n));
  }
  int status = std::atoi(in.c_str() + 9);
  std::size_t length = 0;
  auto at = in.find("Content-Length: ");
  if (at != std::string::npos && at < header_end) length = std::strtoul(in.c_str() + at + 16, nullptr, 10);
  while (in.size() < header_end + 4 + length) {
    auto n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return -1;
    in.append(buffer, static_cast<std::size_t>(n));
  }
  return status;
}

int count_in_file(const std::string& path, const std::string& needle) {
  std::ifstream in(path);
  int count = 0;
  for (std::string line; std::getline(in, line);)
    if (line.find(needle) != std::string::npos) ++count;
  return count;
}

const char* kTemplate = R"(Resources:
  Py:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/bench
      Timeout: 30
      Code:
        ZipFile: |
          def handler(event, context):
              return {"echo": event}
  Node:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/bench
      Timeout: 30
      Code:
        ZipFile: |
          exports.handler = async (event) => ({ echo: event });
)";

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::string formwork = argc > 1 ? argv[1] : (std::filesystem::path(argv[0]).parent_path() / "formwork").string();
  const int n = argc > 2 ? std::atoi(argv[2]) : 200;
  auto directory = std::filesystem::temp_directory_path() / ("serve-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(directory);
  auto file = (directory / "Bench.yaml").string();
  std::ofstream(file) << kTemplate;
  auto log = (directory / "serve.log").string();
  const int port = free_port();

  auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::fopen(log.c_str(), "w");
    dup2(fileno(out), STDOUT_FILENO);
    dup2(fileno(out), STDERR_FILENO);
    setenv("NO_COLOR", "1", 1);
    std::string p = std::to_string(port);
    execl(formwork.c_str(), "formwork", "serve", file.c_str(), "--port", p.c_str(), "--format", "json", nullptr);
    _exit(127);
  }
  int fd = -1;
  while (seconds_since(start) < 60) {
    fd = connect_to(port);
    if (fd >= 0 && request(fd, "GET", "/_formwork/health", "", "") == 200) break;
    if (fd >= 0) close(fd);
    fd = -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (fd < 0) {
    std::fprintf(stderr, "serve did not start\n");
    kill(pid, SIGKILL);
    return 1;
  }
  std::printf("serve start to ready: %.0f ms\n", seconds_since(start) * 1000);

  // One call on the keep-alive connection, reconnecting once when the server closed it.
  auto call = [&](const std::string& method, const std::string& path, const std::string& body, const std::string& headers) {
    int status = request(fd, method, path, body, headers);
    if (status < 0) {
      close(fd);
      fd = connect_to(port);
      status = request(fd, method, path, body, headers);
    }
    return status;
  };
  for (const char* function : {"Py", "Node"}) {
    const std::string path = std::string("/2015-03-31/functions/") + function + "/invocations";
    auto cold = Clock::now();
    call("POST", path, R"({"warm":true})", "");
    std::printf("%s first (cold) invocation: %.0f ms\n", function, seconds_since(cold) * 1000);
    auto sync = Clock::now();
    int ok = 0;
    for (int i = 0; i < n; ++i) ok += call("POST", path, R"({"i":1})", "") == 200;
    double sync_s = seconds_since(sync);
    std::printf("%s synchronous: %d/%d in %.2f s = %.0f invocations/s\n", function, ok, n, sync_s, n / sync_s);
    const std::string report = std::string("\"kind\":\"REPORT\",\"resource\":\"") + function + "\"";
    const int reports_before = count_in_file(log, report);
    auto async = Clock::now();
    int accepted = 0;
    for (int i = 0; i < n; ++i) accepted += call("POST", path, R"({"i":1})", "X-Amz-Invocation-Type: Event\r\n") == 202;
    double accept_s = seconds_since(async);
    while (count_in_file(log, report) < reports_before + n && seconds_since(async) < 120)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    double done_s = seconds_since(async);
    std::printf("%s asynchronous: %d/%d accepted (202) in %.2f s = %.0f/s; all run in %.2f s = %.0f invocations/s\n",
                function, accepted, n, accept_s, n / accept_s, done_s, n / done_s);
  }
  close(fd);
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  std::filesystem::remove_all(directory);
  return 0;
}
