#pragma once

// Plain HTTP request and response structs for the local API Gateway, independent of the
// HTTP server that receives them (cpp-httplib in `formwork serve`), so every rule of API
// Gateway is unit-tested without a socket.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace formwork::local::apigateway {

/// Header name and value, in the order received; a name may repeat.
using Header = std::pair<std::string, std::string>;
/// Query parameter name and value (URL-decoded), in the order received; a name may repeat.
using QueryParam = std::pair<std::string, std::string>;

struct HttpRequest {
  std::string method;  // GET, POST, …
  /// The request target as received: raw (URL-encoded) path, then `?` and the query string.
  std::string target;
  std::vector<Header> headers = {};  // Default: none.
  std::string body = {};             // Default: empty.
  std::string source_ip = "127.0.0.1";  // Default: loopback.
  std::string protocol = "HTTP/1.1";    // Default: HTTP/1.1.
};

struct HttpResponse {
  int status = 200;                  // Default: 200.
  std::vector<Header> headers = {};  // Default: none.
  std::string body = {};             // Default: empty.
};

/// The last value of header `name` (case-insensitive), or nullopt.
[[nodiscard]] std::optional<std::string> header_value(const std::vector<Header>& headers, std::string_view name);
/// Case-insensitive ASCII comparison.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);
/// `%XX` decoded; with `plus_is_space`, `+` becomes a space (query strings).
[[nodiscard]] std::string url_decode(std::string_view text, bool plus_is_space);
/// Splits a target into its raw path and its decoded query parameters.
[[nodiscard]] std::pair<std::string, std::vector<QueryParam>> split_target(std::string_view target);
/// The media type of a Content-Type or Accept entry: lower-case, without parameters or spaces.
[[nodiscard]] std::string media_type(std::string_view value);
/// A JSON error body as API Gateway writes it: {"message":"…"}.
[[nodiscard]] HttpResponse gateway_error(int status, std::string_view message, std::string_view error_type);

}  // namespace formwork::local::apigateway
