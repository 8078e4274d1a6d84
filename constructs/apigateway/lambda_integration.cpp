#include "constructs/apigateway/lambda_integration.hpp"

#include <regex>

#include "constructs/apigateway/method.hpp"
#include "constructs/apigateway/rest_api.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::apigateway {

namespace {

// What a non-proxy option set on a proxy integration would silently do nothing for.
std::vector<std::string> proxy_errors(const LambdaIntegrationOptions& o) {
  std::vector<std::string> errors;
  auto ignored = [&](bool set, const std::string& what) {
    if (set) errors.push_back(what + " only apply to a non-proxy integration (proxy = false), got a proxy integration");
  };
  ignored(o.invocation_type && o.invocation_type->kind() != InvocationType::Kind::Synchronous,
          "asynchronous invocation types");
  ignored(!o.request_templates.empty(), "request templates");
  ignored(!o.integration_responses.empty(), "integration responses");
  ignored(o.passthrough_behavior.has_value(), "passthrough behaviours");
  return errors;
}

std::vector<std::string> parameter_errors(const Value::Map& parameters) {
  static const std::regex target(R"(integration\.request\.(header|querystring|path|multivaluequerystring)\.[^.\s]+)");
  static const std::regex source(R"(method\.request\.(header|querystring|path|multivaluequerystring)\.[^.\s]+|'[^']*'|context\..+|stageVariables\..+)");
  std::vector<std::string> errors;
  for (const auto& [name, value] : parameters) {
    if (!std::regex_match(name, target))
      errors.push_back("integration request parameter must read integration.request.{header|querystring|path}.<name>, got '" +
                       name + "'");
    const std::string* text = value.as_string();
    if (text != nullptr && !std::regex_match(*text, source))
      errors.push_back("integration request parameter " + name +
                       " must map from method.request.…, context.…, stageVariables.… or a 'quoted literal', got '" +
                       *text + "'");
  }
  return errors;
}

}  // namespace

LambdaIntegration::LambdaIntegration(lambda::Function& handler, LambdaIntegrationOptions options)
    : handler_(&handler), options_(std::move(options)) {}

IntegrationConfig LambdaIntegration::bind(Method& method) const {
  IntegrationConfig config{
      .type = options_.proxy ? "AWS_PROXY" : "AWS",
      // Lambda's Invoke API is a POST, whatever the client's method.
      .integration_http_method = "POST",
      .uri = Value::sub(Stack::of(method).with_env(
                            "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Arn}/invocations"),
                        {{"Arn", handler_->function_arn()}}),
      .request_parameters = options_.request_parameters,
      .request_templates = options_.request_templates,
      .integration_responses = options_.integration_responses,
      .passthrough_behavior = options_.passthrough_behavior,
  };
  if (options_.invocation_type) {
    const InvocationType& type = *options_.invocation_type;
    if (type.kind() == InvocationType::Kind::Asynchronous) {
      set_entry(config.request_parameters, kInvocationTypeParameter, "'Event'");
    } else if (type.kind() == InvocationType::Kind::FromHeader) {
      std::string header = "method.request.header." + type.header();
      set_entry(config.request_parameters, kInvocationTypeParameter, header);
      config.method_request_parameters.emplace_back(header, type.header_required());
    }
  }
  // Without an integration response a non-proxy method answers every call with a 500.
  if (!options_.proxy && config.integration_responses.empty()) config.integration_responses.push_back({.status_code = "200"});

  method.api().add_invoke_permission(*handler_, method, options_.allow_test_invoke);
  std::vector<std::string> errors = options_.proxy ? proxy_errors(options_) : std::vector<std::string>{};
  for (auto& e : parameter_errors(config.request_parameters)) errors.push_back(std::move(e));
  if (options_.invocation_type && options_.invocation_type->kind() == InvocationType::Kind::FromHeader &&
      !std::regex_match(options_.invocation_type->header(), std::regex("[A-Za-z0-9_-]+")))
    errors.push_back("invocation type header must be a header name (A-Z a-z 0-9 _ -), got '" +
                     options_.invocation_type->header() + "'");
  if (!errors.empty()) method.node().add_validation([errors] { return errors; });
  return config;
}

}  // namespace formwork::apigateway
