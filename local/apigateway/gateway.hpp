#pragma once

// The local API Gateway: every AWS::ApiGateway::RestApi of the served stacks, answering at
// ENDPOINT/restapis/ID/STAGE/_user_request_/PATH (the form LocalStack uses; the model rewrites
// execute-api URLs in stack outputs to it) with API Gateway's routing, AWS_PROXY and AWS
// (non-proxy, VTL mapping templates) integrations, and MOCK. `formwork serve` hands it every
// request whose path starts with /restapis/.
//
// Needs from the others (see the commit messages):
// - local/model.hpp: ResourceSpec::properties resolved for AWS::ApiGateway::* types: Ref of a
//   RestApi = its id, of a Resource = a resource id, of a Stage = its StageName, of a
//   Deployment = a deployment id; GetAtt RestApi.RootResourceId = any value that is not another
//   resource's id (a parent that is no resource of the API is taken as the root).
// - `serve`: a LambdaInvoker over Runtime (RequestResponse) and AsyncInvoker::submit (Event).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "local/apigateway/api.hpp"
#include "local/apigateway/http.hpp"
#include "local/apigateway/request.hpp"

namespace formwork::local {
struct CloudModel;
}

namespace formwork::local::apigateway {

struct GatewayOptions {
  std::string account_id = "123456789012";  // Default: the local cloud's account.
  std::string region = "us-east-1";         // Default: the local cloud's region.
  /// Milliseconds since the epoch on the local cloud's clock. Default: the system clock.
  std::function<std::int64_t()> now_ms = {};
  /// Receives one line per request (`GET /square/4 -> 200`) and per failure. Default: none.
  GatewayLog log = {};
};

class Gateway {
 public:
  Gateway(std::vector<RestApi> apis, LambdaInvoker invoke, GatewayOptions options = {});

  /// Answers one request addressed to /restapis/…; never throws.
  [[nodiscard]] HttpResponse handle(const HttpRequest& request) const;

  [[nodiscard]] const std::vector<RestApi>& apis() const { return apis_; }

  /// One line per API and stage for `serve` to print at start:
  /// `SquareApi (squareapi) http://127.0.0.1:4566/restapis/squareapi/prod/_user_request_/`, then
  /// one indented line per method: `  GET /square/{number} (AWS)`.
  [[nodiscard]] std::vector<std::string> describe(std::string_view endpoint) const;

 private:
  std::vector<RestApi> apis_;
  LambdaInvoker invoke_;
  GatewayOptions options_;
};

/// The API Gateway resources of the model, as build_rest_apis reads them.
[[nodiscard]] std::vector<ResourceRecord> records_from(const CloudModel& model);

}  // namespace formwork::local::apigateway
