#pragma once

// The HTTP endpoint of `formwork serve` (cpp-httplib, kept inside server.cpp): binds a port
// on a host, answers every request through http::route on a pool of threads (a long poll
// holds one thread, never the server), and stops on request.

#include <memory>
#include <string>

#include "local/http/api.hpp"

namespace formwork::local::http {

struct ServerOptions {
  /// Default: loopback only.
  std::string host = "127.0.0.1";
  /// 0 picks a free port. Default: 4566 (LocalStack's, which AWS tooling often expects).
  int port = 4566;
  /// Threads answering requests. Default: 32.
  int threads = 32;
};

class Server {
 public:
  Server(Endpoint endpoint, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds; returns the port. Throws std::runtime_error naming host and port when it cannot.
  int bind();
  /// Answers requests until stop() (from another thread or a signal watcher).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace formwork::local::http
