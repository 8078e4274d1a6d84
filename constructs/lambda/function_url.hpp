#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/duration.hpp"
#include "constructs/lambda/permission.hpp"

namespace formwork::lambda {

/// Who may call a function URL.
enum class FunctionUrlAuthType {
  /// Callers sign requests with SigV4 and need `lambda:InvokeFunctionUrl` (CDK's default).
  AwsIam,
  /// Anyone on the internet: the function's resource policy allows principal `*`.
  None,
};

/// How a function URL returns the response.
enum class InvokeMode { Buffered, ResponseStream };

/// The HTTP methods a browser may use across origins (`Cors.AllowMethods`).
enum class HttpMethod { Get, Put, Head, Post, Patch, Delete, All };

/// Cross-origin resource sharing for a function URL (`Cors`).
struct FunctionUrlCors {
  /// Origins allowed, such as `https://example.com` or `*`; at most 100, each at most 253
  /// characters. Default: none.
  std::vector<std::string> allowed_origins = {};
  /// Default: every method (`*`), as CDK.
  std::vector<HttpMethod> allowed_methods = {};
  /// Request headers allowed; at most 100, each at most 1024 characters. Default: none.
  std::vector<std::string> allowed_headers = {};
  /// Response headers the browser may read; at most 100, each at most 1024 characters.
  /// Default: none.
  std::vector<std::string> exposed_headers = {};
  /// Whether cookies and credentials are allowed. Default: not set (false).
  std::optional<bool> allow_credentials = std::nullopt;
  /// How long a preflight answer may be cached, 0 to 86400 seconds. Default: not cached.
  std::optional<Duration> max_age = std::nullopt;
};

struct FunctionUrlOptions {
  /// Default: AwsIam, as CDK.
  FunctionUrlAuthType auth_type = FunctionUrlAuthType::AwsIam;
  /// Default: no CORS headers.
  std::optional<FunctionUrlCors> cors = std::nullopt;
  /// Default: Lambda's Buffered.
  std::optional<InvokeMode> invoke_mode = std::nullopt;
};

/// An HTTPS endpoint for a function or an alias (`AWS::Lambda::Url`). Create it with
/// `fn.add_function_url(options)` or `alias.add_function_url(options)`, which also add, for
/// `FunctionUrlAuthType::None`, CDK's two statements that let anyone call it
/// (`invoke-function-url` and `invoke-function`).
///
///   auto& url = fn.add_function_url({.auth_type = lambda::FunctionUrlAuthType::None,
///                                    .cors = lambda::FunctionUrlCors{.allowed_origins = {"*"}}});
///   stack.add<CfnOutput>("Url", {.value = url.url()});
class FunctionUrl : public Construct {
 public:
  using Props = FunctionUrlOptions;
  /// `scope` is the Function or the Alias the URL invokes.
  FunctionUrl(Construct& scope, std::string_view id, FunctionUrlOptions options);

  /// `https://<id>.lambda-url.<region>.on.aws/` (`!GetAtt X.FunctionUrl`).
  [[nodiscard]] Value url() const { return resource_->get_att("FunctionUrl"); }
  [[nodiscard]] FunctionUrlAuthType auth_type() const { return options_.auth_type; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }

  /// The permissions CDK adds for an unauthenticated URL, by construct id: principal `*` may
  /// call `lambda:InvokeFunctionUrl` (auth type NONE) and `lambda:InvokeFunction` through a URL.
  [[nodiscard]] static std::vector<std::pair<std::string, PermissionProps>> public_permissions();

 private:
  [[nodiscard]] std::vector<std::string> validate(bool valid_scope) const;

  FunctionUrlOptions options_;
  CfnResource* resource_;
};

}  // namespace formwork::lambda
