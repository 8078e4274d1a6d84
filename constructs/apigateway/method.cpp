#include "constructs/apigateway/method.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "constructs/apigateway/resource.hpp"
#include "constructs/apigateway/rest_api.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::apigateway {

namespace {

constexpr std::array<std::string_view, 8> kHttpMethods = {"GET",   "POST", "PUT",     "DELETE",
                                                          "PATCH", "HEAD", "OPTIONS", "ANY"};

// Where a method request parameter may come from: `method.request.<location>.<name>`.
constexpr std::array<std::string_view, 4> kParameterPrefixes = {
    "method.request.path.", "method.request.querystring.", "method.request.header.", "method.request.multivaluequerystring."};

IResource& resource_of(Construct& scope) {
  auto* resource = dynamic_cast<IResource*>(&scope);
  if (resource == nullptr)
    throw UsageError("MethodScope", scope.node().path(), "a method must be added to an API resource (resource.add_method)");
  return *resource;
}

Value to_value(const IntegrationResponse& response) {
  Value::Map entry;
  if (!response.response_parameters.empty()) entry.emplace_back("ResponseParameters", response.response_parameters);
  if (!response.response_templates.empty()) entry.emplace_back("ResponseTemplates", response.response_templates);
  if (response.selection_pattern) entry.emplace_back("SelectionPattern", *response.selection_pattern);
  entry.emplace_back("StatusCode", response.status_code);
  return Value::map(std::move(entry));
}

Value to_value(const MethodResponse& response) {
  Value::Map entry;
  if (!response.response_models.empty()) entry.emplace_back("ResponseModels", response.response_models);
  if (!response.response_parameters.empty()) entry.emplace_back("ResponseParameters", response.response_parameters);
  entry.emplace_back("StatusCode", response.status_code);
  return Value::map(std::move(entry));
}

Value integration_value(const IntegrationConfig& config) {
  Value::Map integration;
  if (config.integration_http_method) integration.emplace_back("IntegrationHttpMethod", *config.integration_http_method);
  if (!config.integration_responses.empty()) {
    Value::List responses;
    for (const auto& r : config.integration_responses) responses.push_back(to_value(r));
    integration.emplace_back("IntegrationResponses", std::move(responses));
  }
  if (config.passthrough_behavior) integration.emplace_back("PassthroughBehavior", to_string(*config.passthrough_behavior));
  if (!config.request_parameters.empty()) integration.emplace_back("RequestParameters", config.request_parameters);
  if (!config.request_templates.empty()) integration.emplace_back("RequestTemplates", config.request_templates);
  integration.emplace_back("Type", config.type);
  if (config.uri) integration.emplace_back("Uri", *config.uri);
  return Value::map(std::move(integration));
}

// A mock integration that answers 200 with an empty body: the backend of a method added
// without one.
IntegrationConfig mock_integration() {
  return {.type = "MOCK",
          .request_templates = {{"application/json", "{\"statusCode\": 200}"}},
          .integration_responses = {{.status_code = "200"}}};
}

}  // namespace

const char* to_string(AuthorizationType type) {
  switch (type) {
    case AuthorizationType::None: return "NONE";
    case AuthorizationType::Iam: return "AWS_IAM";
    case AuthorizationType::Cognito: return "COGNITO_USER_POOLS";
    case AuthorizationType::Custom: return "CUSTOM";
  }
  return "NONE";
}

const char* to_string(PassthroughBehavior behavior) {
  switch (behavior) {
    case PassthroughBehavior::WhenNoMatch: return "WHEN_NO_MATCH";
    case PassthroughBehavior::WhenNoTemplates: return "WHEN_NO_TEMPLATES";
    case PassthroughBehavior::Never: return "NEVER";
  }
  return "WHEN_NO_MATCH";
}

Method::Method(Construct& scope, std::string_view id, MethodProps props)
    : Construct(scope, id), http_method_(id), api_resource_(&resource_of(scope)), options_(std::move(props.options)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::ApiGateway::Method"});
  api().register_method(*this);
  // The integration binds once the method exists, so that it can add what it needs around it.
  integration_ = props.integration != nullptr ? props.integration->bind(*this) : mock_integration();

  Value::Map request_parameters = options_.request_parameters;
  for (const auto& [name, required] : integration_.method_request_parameters)
    if (find_entry(request_parameters, name) == nullptr) request_parameters.emplace_back(name, required);
  std::vector<MethodResponse> method_responses = options_.method_responses;
  if (method_responses.empty())
    for (const auto& r : integration_.integration_responses)
      if (std::none_of(method_responses.begin(), method_responses.end(),
                       [&](const MethodResponse& m) { return m.status_code == r.status_code; }))
        method_responses.push_back({.status_code = r.status_code});

  resource_->set_property("ApiKeyRequired", options_.api_key_required ? Value(true) : Value());
  resource_->set_property("AuthorizationType", to_string(options_.authorization_type));
  resource_->set_property("HttpMethod", http_method_);
  resource_->set_property("Integration", integration_value(integration_));
  if (!method_responses.empty()) {
    Value::List responses;
    for (const auto& r : method_responses) responses.push_back(to_value(r));
    resource_->set_property("MethodResponses", std::move(responses));
  }
  if (options_.operation_name) resource_->set_property("OperationName", *options_.operation_name);
  if (!request_parameters.empty()) resource_->set_property("RequestParameters", std::move(request_parameters));
  resource_->set_property("ResourceId", api_resource_->resource_id());
  resource_->set_property("RestApiId", api().rest_api_id());
  resource_->set_comment("Serves " + description() + " of API " + api().node().id() + " (" + integration_.type +
                         " integration)");
  node().add_validation([this] { return validate(); });
}

RestApi& Method::api() const { return api_resource_->api(); }

std::string Method::description() const { return http_method_ + " " + api_resource_->path(); }

Value Method::execute_api_arn(const std::string& stage) const {
  // Path parameters match any value: `/square/{number}` -> `/square/*`.
  std::string path;
  const std::string& resource_path = api_resource_->path();
  for (std::size_t i = 0; i < resource_path.size(); ++i) {
    if (resource_path[i] == '{') {
      path += '*';
      i = std::min(resource_path.find('}', i), resource_path.size() - 1);
    } else {
      path += resource_path[i];
    }
  }
  std::string method = http_method_ == "ANY" ? "*" : http_method_;
  return Value::sub(Stack::of(*this).with_env("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/" +
                                             stage + "/" + method + path),
                    {{"Api", api().rest_api_id()}});
}

std::vector<std::string> Method::validate() const {
  std::vector<std::string> errors;
  if (std::find(kHttpMethods.begin(), kHttpMethods.end(), http_method_) == kHttpMethods.end())
    errors.push_back("HTTP method must be one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, ANY, got '" + http_method_ +
                     "'");
  std::set<std::string> path_parameters;
  const std::string& path = api_resource_->path();
  for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
    if (!name.empty() && name.back() == '+') name.pop_back();
    path_parameters.insert(name);
  }
  Value::Map all = options_.request_parameters;
  all.insert(all.end(), integration_.method_request_parameters.begin(), integration_.method_request_parameters.end());
  for (const auto& [name, required] : all) {
    bool known = std::any_of(kParameterPrefixes.begin(), kParameterPrefixes.end(),
                             [&](std::string_view p) { return name.rfind(p, 0) == 0 && name.size() > p.size(); });
    if (!known) {
      errors.push_back("method request parameter must read method.request.{path|querystring|header}.<name>, got '" + name +
                       "'");
      continue;
    }
    const std::string path_prefix = "method.request.path.";
    if (name.rfind(path_prefix, 0) == 0 && !path_parameters.contains(name.substr(path_prefix.size())))
      errors.push_back("method request parameter '" + name + "' names no parameter of path " + path);
    if (!required.is<bool>() && !required.is_unresolved())
      errors.push_back("method request parameter '" + name + "' must map to true (required) or false");
  }
  return errors;
}

}  // namespace formwork::apigateway
