#pragma once

// REST APIs for the API Gateway unit tests, as the local model resolves them: the resources
// of templates/AsyncSquareApi.yaml and SnsToLambda.yaml (ids as the model gives them), and
// small builders for the cases the reference stacks do not have.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "local/apigateway/api.hpp"
#include "local/apigateway/gateway.hpp"

namespace formwork::testing::apigw {

using local::apigateway::ResourceRecord;
using Json = nlohmann::ordered_json;

inline ResourceRecord rest_api(const std::string& logical_id, Json properties = Json::object()) {
  properties["Name"] = logical_id;
  return {.logical_id = logical_id, .type = "AWS::ApiGateway::RestApi", .physical_id = "api" + logical_id,
          .properties = properties};
}
inline ResourceRecord resource(const std::string& id, const std::string& api, const std::string& parent,
                               const std::string& part) {
  return {.logical_id = id, .type = "AWS::ApiGateway::Resource", .physical_id = id,
          .properties = {{"RestApiId", "api" + api}, {"ParentId", parent}, {"PathPart", part}}};
}
inline ResourceRecord method(const std::string& id, const std::string& api, const std::string& resource_id,
                             const std::string& verb, Json integration, Json extra = Json::object()) {
  Json properties = {{"RestApiId", "api" + api}, {"ResourceId", resource_id}, {"HttpMethod", verb},
                     {"AuthorizationType", "NONE"}, {"Integration", integration}};
  for (const auto& [key, value] : extra.items()) properties[key] = value;
  return {.logical_id = id, .type = "AWS::ApiGateway::Method", .physical_id = id, .properties = properties};
}
inline ResourceRecord stage(const std::string& api, const std::string& name, Json variables = Json::object()) {
  Json properties = {{"RestApiId", "api" + api}, {"StageName", name}, {"DeploymentId", "dep1"}};
  if (!variables.empty()) properties["Variables"] = variables;
  return {.logical_id = "Stage" + name, .type = "AWS::ApiGateway::Stage", .physical_id = name, .properties = properties};
}
inline Json lambda_uri(const std::string& function) {
  return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:" +
         function + "/invocations";
}
inline Json proxy_integration(const std::string& function) {
  return {{"Type", "AWS_PROXY"}, {"IntegrationHttpMethod", "POST"}, {"Uri", lambda_uri(function)}};
}

/// AsyncSquareApi's API exactly as templates/AsyncSquareApi.yaml writes it, resolved.
inline std::vector<ResourceRecord> square_api() {
  const Json integration = Json::parse(R"json({
    "IntegrationHttpMethod": "POST",
    "IntegrationResponses": [
      {"ResponseTemplates": {"application/json": "#if(\"$!input.body\" == \"\")\n#set($context.responseOverride.status = 202)\n{\"status\": \"event received\"}\n#else\n$input.json('$')\n#end\n"},
       "StatusCode": "200"},
      {"ResponseTemplates": {"application/json": "{\"error\": \"$util.escapeJavaScript($input.path('$.errorMessage'))\"}"},
       "SelectionPattern": "^number must be an integer.*", "StatusCode": "400"}],
    "PassthroughBehavior": "WHEN_NO_TEMPLATES",
    "RequestParameters": {"integration.request.header.X-Amz-Invocation-Type": "method.request.header.InvocationType"},
    "RequestTemplates": {"application/json": "{\"number\": \"$input.params('number')\"}"},
    "Type": "AWS"})json");
  Json with_uri = integration;
  with_uri["Uri"] = lambda_uri("Square");
  return {rest_api("SquareApi"),
          resource("SquareApiSquare", "SquareApi", "SquareApi.RootResourceId", "square"),
          resource("SquareApiSquareNumber", "SquareApi", "SquareApiSquare", "{number}"),
          method("SquareApiSquareNumberGET", "SquareApi", "SquareApiSquareNumber", "GET", with_uri,
                 {{"MethodResponses", Json::array({{{"StatusCode", "200"}}, {{"StatusCode", "202"}}, {{"StatusCode", "400"}}})},
                  {"RequestParameters", {{"method.request.path.number", true}, {"method.request.header.InvocationType", false}}}}),
          {.logical_id = "SquareApiDeployment", .type = "AWS::ApiGateway::Deployment", .physical_id = "dep1",
           .properties = {{"RestApiId", "apiSquareApi"}}},
          stage("SquareApi", "prod")};
}

/// SnsToLambda's proxy API: ANY / and ANY /{proxy+} to Hello.
inline std::vector<ResourceRecord> hello_api() {
  return {rest_api("Api"),
          method("ApiANY", "Api", "Api.RootResourceId", "ANY", proxy_integration("Hello")),
          resource("ApiProxy", "Api", "Api.RootResourceId", "{proxy+}"),
          method("ApiProxyANY", "Api", "ApiProxy", "ANY", proxy_integration("Hello")),
          stage("Api", "prod")};
}

}  // namespace formwork::testing::apigw
