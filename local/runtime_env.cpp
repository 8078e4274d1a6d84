#include "local/runtime_env.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

extern char** environ;

namespace formwork::local::detail {
namespace {

constexpr std::string_view kEndMarker = "\x1e" "FWEND";
constexpr std::size_t kMaxLogLine = 256U * 1024U;

// Moves `fd` to a number >= 10 with close-on-exec, so dup2 onto 0-3 in the child never
// meets the same number (dup2(fd, fd) would keep close-on-exec).
int high_fd(int fd) {
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  close(fd);
  if (moved < 0) throw std::runtime_error(std::string("fcntl: ") + std::strerror(errno));
  return moved;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    std::string name = strsignal(WTERMSIG(status));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return "signal: " + name;
  }
  return "exit status unknown";
}

}  // namespace

Environment::Environment(const std::vector<std::string>& argv, const std::string& directory,
                         const std::map<std::string, std::string>& environment) {
  int sockets[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0)
    throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
  int ours = high_fd(sockets[0]);
  int theirs = high_fd(sockets[1]);
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    close(ours);
    close(theirs);
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  int log_read = high_fd(pipe_fds[0]);
  int log_write = high_fd(pipe_fds[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, log_write, 1);
  posix_spawn_file_actions_adddup2(&actions, log_write, 2);
  posix_spawn_file_actions_adddup2(&actions, theirs, 3);
  posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&default_signals, sig);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<std::string> env_strings;
  for (const auto& [key, value] : environment) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (auto& s : args) argp.push_back(s.data());
  argp.push_back(nullptr);

  pid_t pid = -1;
  int error = posix_spawnp(&pid, argp[0], &actions, &attributes, argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(theirs);
  close(log_write);
  if (error != 0) {
    close(ours);
    close(log_read);
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
  }
  pid_ = pid;
  channel_ = ours;
  log_ = log_read;
}

Environment::~Environment() {
  kill();
  if (channel_ >= 0) close(channel_);
  if (log_ >= 0) close(log_);
}

bool Environment::send(const std::string& line) {
  std::string data = line + "\n";
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(channel_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

void Environment::reap(bool block) {
  if (reaped_ || pid_ <= 0) return;
  int status = 0;
  pid_t r = 0;
  do {
    r = waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == pid_ || (r < 0 && errno == ECHILD)) {
    reaped_ = true;
    status_ = status;
  }
}

void Environment::kill() {
  if (pid_ <= 0 || reaped_) return;
  ::killpg(pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  reap(true);
}

bool Environment::alive() {
  reap(false);
  return !reaped_;
}

int Environment::peak_memory_mb() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      long kb = std::atol(line.c_str() + 6);
      return static_cast<int>((kb + 1023) / 1024);
    }
  }
  return 0;
}

// Splits the log buffer into lines; a line holding the end marker ends the phase (text before
// the marker is a line of its own: the handler printed without a final newline).
bool Environment::take_log_lines(const LineSink& sink, bool& saw_end) {
  bool any = false;
  for (;;) {
    auto newline = log_buffer_.find('\n');
    if (newline == std::string::npos) {
      if (log_buffer_.size() > kMaxLogLine) {
        sink(log_buffer_.substr(0, kMaxLogLine) + " [formwork: line cut at 256 KiB]");
        log_buffer_.clear();
        any = true;
      }
      return any;
    }
    std::string line = log_buffer_.substr(0, newline);
    log_buffer_.erase(0, newline + 1);
    any = true;
    auto marker = line.find(kEndMarker);
    if (marker != std::string::npos) {
      if (marker > 0) sink(line.substr(0, marker));
      saw_end = true;
      continue;
    }
    if (line.size() > kMaxLogLine) line = line.substr(0, kMaxLogLine) + " [formwork: line cut at 256 KiB]";
    sink(line);
  }
}

// Reads what is left in the log pipe (the process is gone or killed), for up to timeout_ms.
void Environment::drain_log(const LineSink& sink, int timeout_ms) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char chunk[65536];
  bool ignored = false;
  while (log_ >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
    pollfd p{log_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::max<long>(left, 0))) <= 0) break;
    ssize_t n = read(log_, chunk, sizeof chunk);
    if (n <= 0) break;
    log_buffer_.append(chunk, static_cast<std::size_t>(n));
    take_log_lines(sink, ignored);
  }
  if (!log_buffer_.empty()) {
    take_log_lines(sink, ignored);
    if (!log_buffer_.empty()) sink(log_buffer_);
    log_buffer_.clear();
  }
}

PhaseResult Environment::wait_phase(std::chrono::steady_clock::time_point deadline, const LineSink& sink,
                                    std::size_t max_answer_bytes) {
  PhaseResult result;
  bool answered = false;
  bool saw_end = false;
  bool channel_open = true;
  bool log_open = true;
  char chunk[65536];
  while (!(answered && (saw_end || !log_open))) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      kill();
      drain_log(sink, 100);
      result.end = PhaseResult::End::TimedOut;
      return result;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1;
    pollfd fds[2] = {{channel_open ? channel_ : -1, POLLIN, 0}, {log_open ? log_ : -1, POLLIN, 0}};
    int ready = poll(fds, 2, static_cast<int>(std::min<long>(left, 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (log_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t n = read(log_, chunk, sizeof chunk);
      if (n <= 0) {
        log_open = false;
      } else {
        log_buffer_.append(chunk, static_cast<std::size_t>(n));
        take_log_lines(sink, saw_end);
      }
    }
    if (channel_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t n = read(channel_, chunk, sizeof chunk);
      if (n <= 0) {
        channel_open = false;
      } else if (!answered) {
        channel_buffer_.append(chunk, static_cast<std::size_t>(n));
        auto newline = channel_buffer_.find('\n');
        if (newline == std::string::npos && channel_buffer_.size() > max_answer_bytes) {
          dropping_answer_ = true;
          channel_buffer_.clear();
        } else if (newline != std::string::npos) {
          std::string line = channel_buffer_.substr(0, newline);
          channel_buffer_.erase(0, newline + 1);
          answered = true;
          if (dropping_answer_ || line.size() > max_answer_bytes) {
            result.payload_too_large = true;
            result.type = "result";
            dropping_answer_ = false;
          } else {
            auto message = nlohmann::json::parse(line, nullptr, false);
            if (message.is_object()) {
              result.type = message.value("type", "");
              result.payload = message.value("payload", "");
            }
          }
        }
      }
    }
    if (!channel_open && !answered) {
      drain_log(sink, 200);
      reap(true);
      result.end = PhaseResult::End::Exited;
      result.exit_description = describe_status(status_);
      return result;
    }
  }
  result.end = PhaseResult::End::Answered;
  return result;
}

}  // namespace formwork::local::detail
