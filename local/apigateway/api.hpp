#pragma once

// The REST APIs of the served stacks, as the local API Gateway routes them: built from the
// resolved properties of AWS::ApiGateway::RestApi, Resource, Method, Stage, Deployment and
// RequestValidator resources (intrinsics already resolved to local ids, names and ARNs).

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork::local::apigateway {

/// One resource of a served stack as the local model resolved it.
struct ResourceRecord {
  std::string logical_id = {};
  std::string type = {};         // AWS::ApiGateway::Method, …
  std::string physical_id = {};  // what Ref gives (API id, resource id, stage name, …)
  nlohmann::ordered_json properties = nlohmann::ordered_json::object();  // Default: none.
  /// Fn::GetAtt values by attribute name, e.g. RootResourceId of a RestApi. Default: none.
  std::map<std::string, std::string> attributes = {};
};

using Pairs = std::vector<std::pair<std::string, std::string>>;

enum class IntegrationType { aws, aws_proxy, http, http_proxy, mock };

struct IntegrationResponse {
  std::string status_code = {};
  std::string selection_pattern = {};    // Default: empty, the default response.
  Pairs response_templates = {};         // Default: none (the body passes through).
  Pairs response_parameters = {};        // Default: none. method.response.header.X -> source
};

struct Integration {
  IntegrationType type = IntegrationType::mock;  // Default: MOCK.
  std::string uri = {};                  // Default: empty.
  std::string function_arn = {};         // the Lambda ARN of a lambda:path/…/functions/ARN/invocations URI
  std::string integration_http_method = {};  // Default: empty.
  Pairs request_parameters = {};         // integration.request.header.X -> method.request.header.Y | 'v'
  Pairs request_templates = {};          // content type -> template, in the template's order
  std::string passthrough_behavior = "WHEN_NO_MATCH";  // Default: WHEN_NO_MATCH.
  std::vector<IntegrationResponse> responses = {};
  int timeout_ms = 29000;  // Default: 29 s.
};

struct Method {
  std::string logical_id = {};
  std::string http_method = {};  // GET, …, ANY
  std::string authorization_type = "NONE";  // Default: NONE.
  bool api_key_required = false;            // Default: false.
  /// method.request.{path,querystring,header}.name -> required.
  std::vector<std::pair<std::string, bool>> request_parameters = {};
  /// A RequestValidator with ValidateRequestParameters is attached: required ones are enforced.
  bool validate_request_parameters = false;  // Default: false (API Gateway enforces nothing).
  Integration integration = {};
  std::vector<std::string> method_response_codes = {};  // Default: none.
};

struct Resource {
  std::string id = {};
  std::string parent_id = {};  // empty for the root
  std::string path_part = {};  // empty for the root
  std::string path = {};       // /square/{number}
  std::vector<Method> methods = {};
};

struct Stage {
  std::string name = {};
  std::map<std::string, std::string> variables = {};  // Default: none.
  std::string deployment_id = {};
};

struct RestApi {
  std::string logical_id = {};
  std::string id = {};
  std::string name = {};
  std::string root_resource_id = {};
  std::vector<std::string> binary_media_types = {};  // `~1` already turned back into `/`
  std::vector<Resource> resources = {};              // root first, then by path
  std::vector<Stage> stages = {};                    // by name
  /// What of the API is not served, for `serve` to say at start. Default: none.
  std::vector<std::string> notes = {};
};

/// Every RestApi among `records`, with its resources, methods and stages. Throws
/// std::runtime_error naming the resource's logical ID for what is not an API Gateway
/// template (an integration type that does not exist, a RestApiId that is no API).
[[nodiscard]] std::vector<RestApi> build_rest_apis(const std::vector<ResourceRecord>& records);

/// The local URL of an API: `endpoint` (http://127.0.0.1:4566) + /restapis/ID/STAGE/_user_request_
/// (the form LocalStack uses).
[[nodiscard]] std::string local_stage_url(std::string_view endpoint, std::string_view api_id, std::string_view stage);

}  // namespace formwork::local::apigateway
