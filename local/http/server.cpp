// The only file that includes cpp-httplib (Debian's libcpp-httplib-dev, a compiled library
// built with these options; its header must see the same ones).
#define CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#include <httplib.h>

#include <stdexcept>

#include "local/http/server.hpp"

namespace formwork::local::http {

struct Server::Impl {
  Endpoint endpoint;
  ServerOptions options;
  httplib::Server server;
  int port = 0;
};

Server::Server(Endpoint endpoint, ServerOptions options) : impl_(new Impl{std::move(endpoint), std::move(options), {}, 0}) {
  const int threads = impl_->options.threads;
  impl_->server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  impl_->server.set_payload_max_length(8u << 20u);  // above Lambda's 6 MB, so the API answers RequestTooLarge
  impl_->server.set_read_timeout(30, 0);
  impl_->server.set_keep_alive_max_count(1000);
  impl_->server.set_tcp_nodelay(true);  // headers and body are separate writes: no 40 ms Nagle waits
  auto handler = [this](const httplib::Request& in, httplib::Response& out) {
    HttpRequest request{.method = in.method, .target = in.target, .body = in.body, .source_ip = in.remote_addr};
    for (const auto& [name, value] : in.headers) request.headers.emplace_back(name, value);
    auto response = route(impl_->endpoint, request);
    out.status = response.status;
    std::string content_type = "application/json";
    for (const auto& [name, value] : response.headers) {
      if (apigateway::iequals(name, "Content-Type"))
        content_type = value;
      else
        out.set_header(name, value);
    }
    if (response.status == 204 || (response.status == 202 && response.body.empty()))
      out.set_header("Content-Length", "0");
    else
      out.set_content(response.body, content_type);
  };
  for (const char* pattern : {".*"}) {
    impl_->server.Get(pattern, handler);
    impl_->server.Post(pattern, handler);
    impl_->server.Put(pattern, handler);
    impl_->server.Delete(pattern, handler);
    impl_->server.Patch(pattern, handler);
    impl_->server.Options(pattern, handler);
  }
}

Server::~Server() { stop(); }

int Server::bind() {
  const auto& host = impl_->options.host;
  if (impl_->options.port == 0) {
    impl_->port = impl_->server.bind_to_any_port(host);
  } else {
    impl_->port = impl_->server.bind_to_port(host, impl_->options.port) ? impl_->options.port : -1;
  }
  if (impl_->port <= 0)
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(impl_->options.port) +
                             " (in use? choose another with --port)");
  return impl_->port;
}

void Server::run() { impl_->server.listen_after_bind(); }

void Server::stop() {
  if (impl_->server.is_running()) impl_->server.stop();
}

}  // namespace formwork::local::http
