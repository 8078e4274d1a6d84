#pragma once

// formwork's VTL engine: the subset of Apache Velocity 1.7 that API Gateway documents for
// mapping templates, with API Gateway's variables ($input, $util, $context, $stageVariables).
// A template that uses anything outside the subset fails with its name, line and column;
// it never renders differently from Velocity without saying so. docs/vtl.md lists the subset
// and the differences from plain Velocity that API Gateway documents.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace formwork::vtl {

/// A template could not be parsed or rendered. `what()` reads
/// `name:line:column: message`, for example `RequestTemplates/application/json:3:7: #macro is
/// outside the VTL subset API Gateway supports`. Line and column are 1-based and count in the
/// template text (column in bytes).
class Error : public std::runtime_error {
 public:
  Error(std::string template_name, int line, int column, const std::string& message);

  [[nodiscard]] const std::string& template_name() const { return template_name_; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] int column() const { return column_; }
  /// The message without name, line and column.
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  std::string template_name_;
  int line_;
  int column_;
  std::string message_;
};

/// `$context.identity.*`. Empty strings render as empty strings.
struct Identity {
  std::string source_ip = {};   // Default: empty. $context.identity.sourceIp
  std::string user_agent = {};  // Default: empty. $context.identity.userAgent
  std::string caller = {};      // Default: empty. $context.identity.caller
  std::string user = {};        // Default: empty. $context.identity.user
  std::string user_arn = {};    // Default: empty. $context.identity.userArn
  std::string api_key = {};     // Default: empty. $context.identity.apiKey
  std::string account_id = {};  // Default: empty. $context.identity.accountId
};

/// `$context.*` as API Gateway sets it for a REST API request.
struct Context {
  std::string request_id = {};           // Default: empty. $context.requestId
  std::string extended_request_id = {};  // Default: empty. $context.extendedRequestId
  std::string account_id = {};           // Default: empty. $context.accountId
  std::string api_id = {};               // Default: empty. $context.apiId
  std::string stage = {};                // Default: empty. $context.stage
  std::string resource_id = {};          // Default: empty. $context.resourceId
  std::string resource_path = {};        // Default: empty. $context.resourcePath, e.g. /square/{n}
  std::string http_method = {};          // Default: empty. $context.httpMethod
  std::string path = {};                 // Default: empty. $context.path, e.g. /Prod/square/4
  std::string protocol = {};             // Default: empty. $context.protocol, e.g. HTTP/1.1
  std::string domain_name = {};          // Default: empty. $context.domainName
  std::string domain_prefix = {};        // Default: empty. $context.domainPrefix
  std::string request_time = {};         // Default: empty. $context.requestTime, 10/Mar/2020:00:03:59 +0000
  std::int64_t request_time_epoch = 0;  // Default: 0. $context.requestTimeEpoch (milliseconds)
  Identity identity = {};           // Default: all empty.
  /// $context.authorizer.<key>. Default: empty.
  std::map<std::string, std::string> authorizer = {};
};

/// What a mapping template sees of the request (or, for a response template, of the
/// integration's response: `body` is then the integration's response body).
struct RenderInput {
  std::string body = {};  // Default: empty. $input.body, and the JSON $input.path/json/parseJson read
  /// $input.params().path / $input.params('name'), looked up in path, then querystring, then header.
  std::map<std::string, std::string> path_params = {};         // Default: none.
  std::map<std::string, std::string> querystring_params = {};  // Default: none.
  std::map<std::string, std::string> header_params = {};       // Default: none.
  std::map<std::string, std::string> stage_variables = {};     // Default: none. $stageVariables.x
  Context context = {};                                        // Default: all empty.
};

/// Bounds that keep a hostile template from hanging or exhausting memory; each one, when
/// exceeded, is an Error at the line and column where it happened.
struct RenderOptions {
  /// Names the template in errors, e.g. `GetSquareMethod RequestTemplates application/json`.
  std::string template_name = "template";  // Default: "template".
  /// API Gateway stops a #foreach after 1,000 iterations. Default: 1000.
  std::size_t max_foreach_iterations = 1000;
  /// Nesting of directives and #define expansion. Default: 64.
  std::size_t max_depth = 64;
  /// Bytes of output. Default: 10 MiB (API Gateway's payload limit).
  std::size_t max_output_bytes = 10u * 1024u * 1024u;
  /// Evaluation steps (nodes and expressions evaluated) before the render is stopped; also
  /// bounds the memory a template can fill. Default: 1,000,000.
  std::size_t max_steps = 1'000'000;
};

/// What `#set($context.responseOverride...)` and `$context.requestOverride...` left after
/// the whole template rendered (API Gateway applies them after rendering).
struct Overrides {
  /// $context.responseOverride.status as the template set it (a string such as "400").
  std::optional<std::string> status = std::nullopt;          // Default: not set.
  std::map<std::string, std::string> response_headers = {};  // Default: none. .responseOverride.header.X
  std::map<std::string, std::string> request_headers = {};   // Default: none. .requestOverride.header.X
  std::map<std::string, std::string> request_querystring = {};  // Default: none.
  std::map<std::string, std::string> request_path = {};         // Default: none.
};

struct RenderResult {
  std::string output = {};
  Overrides overrides = {};
};

/// Renders a mapping template. Throws Error (name:line:column) on a syntax error, on anything
/// outside the subset, on an invalid argument (a bad JSONPath, a bad regex, body that is not
/// JSON for $input.path/json) and when a bound of RenderOptions is exceeded.
RenderResult render(std::string_view template_text, const RenderInput& input, const RenderOptions& options = {});

/// Parses only: throws Error for a syntax error or a directive outside the subset (for lint).
void check(std::string_view template_text, std::string_view template_name);

/// JSONPath as API Gateway's $input.json evaluates it (Jayway syntax: $, .field, ['field'],
/// [n], [-n], [*], [a,b], [start:end], ..field): the selected value of `json_text` as compact
/// JSON text. A path with a wildcard or deep scan yields a JSON array. Throws Error (named
/// "jsonpath", column in the path) for a bad path or JSON text that does not parse.
std::string jsonpath_json(std::string_view json_text, std::string_view path);

}  // namespace formwork::vtl
