#pragma once

// Routing as API Gateway does it for a REST API: the stage, then the resource tree (a literal
// path part before a {param}, before a greedy {proxy+}), then the method (its own before ANY).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "local/apigateway/api.hpp"
#include "local/apigateway/http.hpp"

namespace formwork::local::apigateway {

struct Route {
  const RestApi* api = nullptr;
  const Stage* stage = nullptr;
  const Resource* resource = nullptr;
  const Method* method = nullptr;
  std::map<std::string, std::string> path_parameters = {};  // decoded values; proxy+ keeps its slashes
  std::string path = {};  // the request path after the stage, decoded: /square/4
};

/// The path prefix of every API request: /restapis/ID/STAGE/_user_request_/PATH.
inline constexpr std::string_view kApiPrefix = "/restapis/";

/// True when `raw_path` is addressed to an API (starts with /restapis/).
[[nodiscard]] bool is_api_request(std::string_view raw_path);

/// The route of `http_method` `raw_path`, or the response API Gateway gives when there is none:
/// an unknown API 404 `Not Found` (no such host on AWS), an unknown stage 403 `Forbidden`, no
/// resource or no method 403 `Missing Authentication Token`.
[[nodiscard]] std::variant<Route, HttpResponse> route(const std::vector<RestApi>& apis, std::string_view http_method,
                                                      std::string_view raw_path);

}  // namespace formwork::local::apigateway
