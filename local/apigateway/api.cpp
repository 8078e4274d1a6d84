#include "local/apigateway/api.hpp"

#include <algorithm>
#include <stdexcept>

namespace formwork::local::apigateway {

namespace {

using Json = nlohmann::ordered_json;

std::string text_of(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  return value.dump();
}

std::string str(const Json& object, const char* key, std::string fallback = {}) {
  if (!object.is_object() || !object.contains(key) || object.at(key).is_null()) return fallback;
  return text_of(object.at(key));
}

bool boolean(const Json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string()) return value.get<std::string>() == "true";
  return false;
}

Pairs pairs(const Json& object, const char* key) {
  Pairs out;
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_object()) return out;
  for (const auto& [name, value] : object.at(key).items()) out.emplace_back(name, text_of(value));
  return out;
}

IntegrationType integration_type(const std::string& text, const std::string& logical_id) {
  if (text == "AWS") return IntegrationType::aws;
  if (text == "AWS_PROXY") return IntegrationType::aws_proxy;
  if (text == "HTTP") return IntegrationType::http;
  if (text == "HTTP_PROXY") return IntegrationType::http_proxy;
  if (text == "MOCK" || text.empty()) return IntegrationType::mock;
  throw std::runtime_error(logical_id + ": integration type '" + text +
                           "' is not one of AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK");
}

std::string function_arn_of(const std::string& uri) {
  static constexpr std::string_view kMarker = ":lambda:path/2015-03-31/functions/";
  const auto at = uri.find(kMarker);
  if (at == std::string::npos) return {};
  std::string rest = uri.substr(at + kMarker.size());
  if (const auto end = rest.rfind("/invocations"); end != std::string::npos) rest.resize(end);
  return rest;
}

Method method_of(const ResourceRecord& record, const std::map<std::string, bool>& validators) {
  const Json& p = record.properties;
  Method method{.logical_id = record.logical_id, .http_method = str(p, "HttpMethod")};
  std::transform(method.http_method.begin(), method.http_method.end(), method.http_method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  method.authorization_type = str(p, "AuthorizationType", "NONE");
  method.api_key_required = p.contains("ApiKeyRequired") && boolean(p.at("ApiKeyRequired"));
  if (p.contains("RequestParameters") && p.at("RequestParameters").is_object()) {
    for (const auto& [name, required] : p.at("RequestParameters").items()) {
      method.request_parameters.emplace_back(name, boolean(required));
    }
  }
  if (const auto validator = validators.find(str(p, "RequestValidatorId")); validator != validators.end()) {
    method.validate_request_parameters = validator->second;
  }
  if (p.contains("MethodResponses") && p.at("MethodResponses").is_array()) {
    for (const auto& response : p.at("MethodResponses")) method.method_response_codes.push_back(str(response, "StatusCode"));
  }
  const Json integration = p.contains("Integration") ? p.at("Integration") : Json::object();
  Integration& out = method.integration;
  out.type = integration_type(str(integration, "Type"), record.logical_id);
  out.uri = str(integration, "Uri");
  out.function_arn = function_arn_of(out.uri);
  out.integration_http_method = str(integration, "IntegrationHttpMethod");
  out.request_parameters = pairs(integration, "RequestParameters");
  out.request_templates = pairs(integration, "RequestTemplates");
  out.passthrough_behavior = str(integration, "PassthroughBehavior", "WHEN_NO_MATCH");
  if (integration.contains("TimeoutInMillis")) {
    out.timeout_ms = std::stoi(text_of(integration.at("TimeoutInMillis")));
  }
  if (integration.contains("IntegrationResponses") && integration.at("IntegrationResponses").is_array()) {
    for (const auto& response : integration.at("IntegrationResponses")) {
      out.responses.push_back({.status_code = str(response, "StatusCode"),
                               .selection_pattern = str(response, "SelectionPattern"),
                               .response_templates = pairs(response, "ResponseTemplates"),
                               .response_parameters = pairs(response, "ResponseParameters")});
    }
  }
  return method;
}

std::string full_path(const RestApi& api, const Resource& resource, int depth = 0) {
  if (resource.id == api.root_resource_id || resource.parent_id.empty()) return "";
  if (depth > 64) throw std::runtime_error("API " + api.logical_id + ": resource paths form a cycle");
  for (const auto& parent : api.resources) {
    if (parent.id == resource.parent_id) return full_path(api, parent, depth + 1) + "/" + resource.path_part;
  }
  return "/" + resource.path_part;  // parent unknown: the root (a model without RootResourceId)
}

}  // namespace

std::vector<RestApi> build_rest_apis(const std::vector<ResourceRecord>& records) {
  std::vector<RestApi> apis;
  std::map<std::string, bool> validators;  // validator id -> ValidateRequestParameters
  for (const auto& record : records) {
    if (record.type == "AWS::ApiGateway::RequestValidator") {
      const Json& p = record.properties;
      validators[record.physical_id] = p.contains("ValidateRequestParameters") && boolean(p.at("ValidateRequestParameters"));
    }
    if (record.type != "AWS::ApiGateway::RestApi") continue;
    const Json& p = record.properties;
    RestApi api{.logical_id = record.logical_id, .id = record.physical_id, .name = str(p, "Name", record.logical_id)};
    if (p.contains("Body") || p.contains("BodyS3Location")) {
      api.notes.push_back("defined by an OpenAPI Body, which the local cloud does not read: only its "
                          "AWS::ApiGateway::Resource and Method resources are served");
    }
    const auto root = record.attributes.find("RootResourceId");
    api.root_resource_id = root != record.attributes.end() ? root->second : record.physical_id + "-root";
    if (p.contains("BinaryMediaTypes") && p.at("BinaryMediaTypes").is_array()) {
      for (const auto& type : p.at("BinaryMediaTypes")) {
        std::string text = text_of(type);
        for (std::size_t at = text.find("~1"); at != std::string::npos; at = text.find("~1", at + 1)) text.replace(at, 2, "/");
        api.binary_media_types.push_back(text);
      }
    }
    api.resources.push_back({.id = api.root_resource_id, .parent_id = "", .path_part = "", .path = "/"});
    apis.push_back(std::move(api));
  }
  auto api_of = [&](const Json& properties) -> RestApi* {
    const std::string id = str(properties, "RestApiId");
    for (auto& api : apis) {
      if (api.id == id) return &api;
    }
    return nullptr;
  };
  for (const auto& record : records) {
    if (record.type != "AWS::ApiGateway::Resource") continue;
    RestApi* api = api_of(record.properties);
    if (api == nullptr) throw std::runtime_error(record.logical_id + ": RestApiId is not a REST API of the served stacks");
    api->resources.push_back({.id = record.physical_id,
                              .parent_id = str(record.properties, "ParentId"),
                              .path_part = str(record.properties, "PathPart")});
  }
  for (const auto& record : records) {
    const bool is_stage = record.type == "AWS::ApiGateway::Stage";
    const bool is_deployment = record.type == "AWS::ApiGateway::Deployment";
    if (record.type == "AWS::ApiGateway::Method") {
      RestApi* api = api_of(record.properties);
      if (api == nullptr) throw std::runtime_error(record.logical_id + ": RestApiId is not a REST API of the served stacks");
      const std::string resource_id = str(record.properties, "ResourceId");
      auto resource = std::find_if(api->resources.begin(), api->resources.end(),
                                   [&](const Resource& r) { return r.id == resource_id; });
      // Not a Resource of the API: GetAtt RootResourceId, as the model resolved it.
      if (resource == api->resources.end()) resource = api->resources.begin();
      resource->methods.push_back(method_of(record, validators));
    } else if (is_stage || (is_deployment && !str(record.properties, "StageName").empty())) {
      RestApi* api = api_of(record.properties);
      if (api == nullptr) continue;
      Stage stage{.name = str(record.properties, "StageName"),
                  .deployment_id = is_stage ? str(record.properties, "DeploymentId") : record.physical_id};
      const Json variables_holder = is_stage ? record.properties
                                             : (record.properties.contains("StageDescription")
                                                    ? record.properties.at("StageDescription")
                                                    : Json::object());
      for (const auto& [name, value] : pairs(variables_holder, "Variables")) stage.variables[name] = value;
      if (std::none_of(api->stages.begin(), api->stages.end(), [&](const Stage& s) { return s.name == stage.name; })) {
        api->stages.push_back(std::move(stage));
      }
    }
  }
  for (auto& api : apis) {
    for (auto& resource : api.resources) {
      const bool parent_known = std::any_of(api.resources.begin(), api.resources.end(),
                                            [&](const Resource& r) { return r.id == resource.parent_id; });
      if (!resource.parent_id.empty() && !parent_known) resource.parent_id = api.root_resource_id;
    }
    for (auto& resource : api.resources) resource.path = resource.id == api.root_resource_id ? "/" : full_path(api, resource);
    std::stable_sort(api.resources.begin() + 1, api.resources.end(),
                     [](const Resource& a, const Resource& b) { return a.path < b.path; });
    std::sort(api.stages.begin(), api.stages.end(), [](const Stage& a, const Stage& b) { return a.name < b.name; });
  }
  return apis;
}

std::string local_stage_url(std::string_view endpoint, std::string_view api_id, std::string_view stage) {
  std::string url(endpoint);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/restapis/" + std::string(api_id) + "/" + std::string(stage) + "/_user_request_";
}

}  // namespace formwork::local::apigateway
