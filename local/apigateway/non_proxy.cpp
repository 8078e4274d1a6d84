#include "local/apigateway/non_proxy.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "local/apigateway/selection_pattern.hpp"

namespace formwork::local::apigateway {

namespace {

HttpResponse internal_error() { return gateway_error(500, "Internal server error", "InternalServerErrorException"); }

void note(const GatewayLog& log, const std::string& line) {
  if (log) log("API Gateway: " + line);
}

std::optional<std::string> lookup(const std::vector<std::pair<std::string, std::string>>& pairs,
                                  const std::string& name, bool case_insensitive, bool join_all) {
  std::optional<std::string> found;
  for (const auto& [key, value] : pairs) {
    if (case_insensitive ? iequals(key, name) : key == name) {
      found = join_all && found ? *found + "," + value : value;
    }
  }
  return found;
}

std::optional<std::string> strip_prefix(const std::string& text, std::string_view prefix) {
  if (text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0) return text.substr(prefix.size());
  return std::nullopt;
}

std::string method_label(const RequestInfo& request) {
  return request.route.method->logical_id + " (" + request.route.method->http_method + " " +
         request.route.resource->path + ")";
}

}  // namespace

std::optional<std::string> missing_parameters_message(const Method& method, const RequestInfo& request) {
  if (!method.validate_request_parameters) return std::nullopt;
  std::vector<std::string> missing;
  for (const auto& [name, required] : method.request_parameters) {
    if (!required) continue;
    const auto value = parameter_source_value(name, request);
    if (!value || value->empty()) missing.push_back(name.substr(name.rfind('.') + 1));
  }
  if (missing.empty()) return std::nullopt;
  std::string message = "Missing required request parameters: [";
  for (std::size_t i = 0; i < missing.size(); ++i) message += (i ? ", " : "") + missing[i];
  return message + "]";
}

std::optional<std::string> parameter_source_value(const std::string& source, const RequestInfo& request) {
  if (source.size() >= 2 && source.front() == '\'' && source.back() == '\'') return source.substr(1, source.size() - 2);
  const Route& route = request.route;
  if (auto name = strip_prefix(source, "method.request.path.")) {
    const auto it = route.path_parameters.find(*name);
    return it == route.path_parameters.end() ? std::nullopt : std::optional(it->second);
  }
  if (auto name = strip_prefix(source, "method.request.querystring.")) return lookup(request.query, *name, false, false);
  if (auto name = strip_prefix(source, "method.request.multivaluequerystring.")) return lookup(request.query, *name, false, true);
  if (auto name = strip_prefix(source, "method.request.header.")) return lookup(request.http.headers, *name, true, false);
  if (auto name = strip_prefix(source, "method.request.multivalueheader.")) return lookup(request.http.headers, *name, true, true);
  if (auto name = strip_prefix(source, "stageVariables.")) {
    const auto it = route.stage->variables.find(*name);
    return it == route.stage->variables.end() ? std::nullopt : std::optional(it->second);
  }
  if (auto name = strip_prefix(source, "context.")) {
    if (*name == "requestId") return request.request_id;
    if (*name == "extendedRequestId") return request.extended_request_id;
    if (*name == "httpMethod") return request.http.method;
    if (*name == "resourcePath") return route.resource->path;
    if (*name == "resourceId") return route.resource->id;
    if (*name == "stage") return route.stage->name;
    if (*name == "apiId") return route.api->id;
    if (*name == "accountId") return request.account_id;
    if (*name == "path") return request.stage_path();
    if (*name == "requestTime") return request.request_time();
    if (*name == "requestTimeEpoch") return std::to_string(request.time_ms);
    if (*name == "identity.sourceIp") return request.http.source_ip;
    if (*name == "identity.userAgent") return header_value(request.http.headers, "User-Agent");
  }
  if (source == "method.request.body") return request.http.body;
  return std::nullopt;
}

RequestTemplateChoice choose_request_template(const Integration& integration,
                                              std::optional<std::string> content_type_header) {
  RequestTemplateChoice choice;
  choice.content_type = media_type(content_type_header.value_or("application/json"));
  if (choice.content_type.empty()) choice.content_type = "application/json";
  for (const auto& [type, text] : integration.request_templates) {
    if (media_type(type) == choice.content_type) {
      choice.template_text = &text;
      return choice;
    }
  }
  const std::string& behavior = integration.passthrough_behavior;
  if (behavior == "NEVER" || (behavior == "WHEN_NO_TEMPLATES" && !integration.request_templates.empty())) {
    choice.unsupported_media_type = true;
  }
  return choice;
}

const IntegrationResponse* select_integration_response(const Integration& integration,
                                                       const std::optional<std::string>& selector) {
  const IntegrationResponse* fallback = nullptr;
  for (const auto& response : integration.responses) {
    if (response.selection_pattern.empty()) {
      if (fallback == nullptr) fallback = &response;
    } else if (selector && selection_matches(response.selection_pattern, *selector)) {
      return &response;
    }
  }
  return fallback;
}

const std::pair<std::string, std::string>* choose_response_template(const IntegrationResponse& response,
                                                                    const std::string& accept_header) {
  const auto& templates = response.response_templates;
  if (templates.empty()) return nullptr;
  std::string_view rest = accept_header;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string wanted = media_type(rest.substr(0, comma));
    for (const auto& entry : templates) {
      if (media_type(entry.first) == wanted) return &entry;
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  for (const auto& entry : templates) {
    if (media_type(entry.first) == "application/json") return &entry;
  }
  return &templates.front();
}

vtl::RenderInput render_input(const RequestInfo& request, std::string body) {
  const Route& route = request.route;
  vtl::RenderInput input{.body = std::move(body)};
  input.path_params = route.path_parameters;
  for (const auto& [name, value] : request.query) input.querystring_params[name] = value;
  for (const auto& [name, value] : request.http.headers) input.header_params[name] = value;
  input.stage_variables = route.stage->variables;
  vtl::Context& c = input.context;
  c.request_id = request.request_id;
  c.extended_request_id = request.extended_request_id;
  c.account_id = request.account_id;
  c.api_id = route.api->id;
  c.stage = route.stage->name;
  c.resource_id = route.resource->id;
  c.resource_path = route.resource->path;
  c.http_method = request.http.method;
  c.path = request.stage_path();
  c.protocol = request.http.protocol;
  c.domain_name = request.domain_name();
  c.domain_prefix = route.api->id;
  c.request_time = request.request_time();
  c.request_time_epoch = request.time_ms;
  c.identity.source_ip = request.http.source_ip;
  c.identity.user_agent = header_value(request.http.headers, "User-Agent").value_or("");
  return input;
}

HttpResponse run_non_proxy(const RequestInfo& request, const LambdaInvoker& invoke, const GatewayLog& log) {
  const Method& method = *request.route.method;
  const Integration& integration = method.integration;
  if (auto missing = missing_parameters_message(method, request)) {
    return gateway_error(400, *missing, "BadRequestException");
  }
  // Request template (or passthrough), then $context.requestOverride.
  const RequestTemplateChoice choice =
      choose_request_template(integration, header_value(request.http.headers, "Content-Type"));
  if (choice.unsupported_media_type) return gateway_error(415, "Unsupported Media Type", "UnsupportedMediaTypeException");
  std::string integration_body = request.http.body;
  vtl::Overrides request_overrides;
  if (choice.template_text != nullptr) {
    try {
      auto rendered = vtl::render(*choice.template_text, render_input(request, request.http.body),
                                  {.template_name = method.logical_id + " RequestTemplates " + choice.content_type});
      integration_body = std::move(rendered.output);
      request_overrides = std::move(rendered.overrides);
    } catch (const vtl::Error& error) {
      note(log, std::string("request template failed: ") + error.what() + ": 500");
      return internal_error();
    }
  }
  // Integration request parameters: the Lambda invocation type.
  InvocationType type = InvocationType::request_response;
  std::optional<std::string> invocation_type;
  for (const auto& [target, source] : integration.request_parameters) {
    if (iequals(target, "integration.request.header.X-Amz-Invocation-Type")) invocation_type = parameter_source_value(source, request);
  }
  for (const auto& [name, value] : request_overrides.request_headers) {
    if (iequals(name, "X-Amz-Invocation-Type")) invocation_type = value;
  }
  std::optional<std::string> selector;
  std::string integration_response_body;
  if (integration.type == IntegrationType::mock) {
    // MOCK: the request template's statusCode is the integration's status.
    const auto json = nlohmann::json::parse(integration_body, nullptr, false);
    selector = json.is_object() && json.contains("statusCode") ? json.at("statusCode").dump() : "200";
  } else if (integration.type == IntegrationType::aws && integration.function_arn.empty()) {
    note(log, method_label(request) + ": AWS integration with " + integration.uri +
                  " is not run locally (only Lambda functions are): 500");
    return internal_error();
  } else if (integration.type == IntegrationType::aws) {
    if (invocation_type && *invocation_type == "Event") {
      type = InvocationType::event;
    } else if (invocation_type && *invocation_type == "DryRun") {
      type = InvocationType::dry_run;
    } else if (invocation_type && *invocation_type != "RequestResponse") {
      note(log, method_label(request) + ": Lambda rejected X-Amz-Invocation-Type '" + *invocation_type +
                    "' (InvalidParameterValueException: Event, RequestResponse or DryRun): 500");
      return internal_error();
    }
    const LambdaResult result = invoke(integration.function_arn, integration_body, type);
    if (result.status == LambdaResult::Status::rejected) {
      note(log, method_label(request) + ": Lambda rejected the call: " + result.reason + ": 500");
      return internal_error();
    }
    integration_response_body = result.payload;
    if (result.status == LambdaResult::Status::function_error) {
      const auto error = nlohmann::json::parse(result.payload, nullptr, false);
      const bool has_message = error.is_object() && error.contains("errorMessage") && error.at("errorMessage").is_string();
      selector = has_message ? error.at("errorMessage").get<std::string>() : result.payload;
    }
  } else {
    note(log, method_label(request) + ": HTTP integrations are not run locally: 500");
    return internal_error();
  }
  // Integration response, by selection pattern.
  const IntegrationResponse* selected = nullptr;
  try {
    selected = select_integration_response(integration, selector);
  } catch (const std::invalid_argument& error) {
    note(log, method_label(request) + ": " + error.what() + ": 500");
    return internal_error();
  }
  if (selected == nullptr) {
    note(log, method_label(request) + ": no integration response matches and there is no default one: 500");
    return internal_error();
  }
  if (std::find(method.method_response_codes.begin(), method.method_response_codes.end(), selected->status_code) ==
      method.method_response_codes.end()) {
    note(log, method_label(request) + ": integration response " + selected->status_code +
                  " has no method response with that status: 500");
    return internal_error();
  }
  HttpResponse response{.status = std::stoi(selected->status_code)};
  std::string content_type = "application/json";
  vtl::Overrides overrides;
  const auto* chosen = choose_response_template(*selected, header_value(request.http.headers, "Accept").value_or(""));
  if (chosen != nullptr) {
    content_type = chosen->first;
    try {
      auto rendered = vtl::render(chosen->second, render_input(request, integration_response_body),
                                  {.template_name = method.logical_id + " IntegrationResponses " + selected->status_code +
                                                    " ResponseTemplates " + chosen->first});
      response.body = std::move(rendered.output);
      overrides = std::move(rendered.overrides);
    } catch (const vtl::Error& error) {
      note(log, std::string("response template failed: ") + error.what() + ": 500");
      return internal_error();
    }
  } else {
    response.body = integration_response_body;
  }
  response.headers.emplace_back("Content-Type", content_type);
  for (const auto& [target, source] : selected->response_parameters) {
    const auto name = strip_prefix(target, "method.response.header.");
    if (!name) continue;
    std::optional<std::string> value;
    if (source.size() >= 2 && source.front() == '\'' && source.back() == '\'') {
      value = source.substr(1, source.size() - 2);
    } else if (source == "integration.response.body") {
      value = integration_response_body;
    } else if (auto path = strip_prefix(source, "integration.response.body.")) {
      try {
        const auto json = nlohmann::json::parse(vtl::jsonpath_json(integration_response_body, "$." + *path));
        value = json.is_string() ? json.get<std::string>() : json.dump();
      } catch (const std::exception&) {
      }
    }
    if (!value) continue;
    std::erase_if(response.headers, [&](const Header& h) { return iequals(h.first, *name); });
    response.headers.emplace_back(*name, *value);
  }
  // $context.responseOverride: final, after the whole template.
  if (overrides.status) {
    try {
      response.status = std::stoi(*overrides.status);
    } catch (const std::exception&) {
      note(log, method_label(request) + ": $context.responseOverride.status '" + *overrides.status +
                    "' is not a status code: 500");
      return internal_error();
    }
  }
  for (const auto& [name, value] : overrides.response_headers) {
    std::erase_if(response.headers, [&](const Header& h) { return iequals(h.first, name); });
    response.headers.emplace_back(name, value);
  }
  return response;
}

}  // namespace formwork::local::apigateway
