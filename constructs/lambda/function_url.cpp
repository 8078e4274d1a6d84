#include "constructs/lambda/function_url.hpp"

#include "constructs/lambda/alias.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

namespace {

const char* method_name(HttpMethod method) {
  switch (method) {
    case HttpMethod::Get:
      return "GET";
    case HttpMethod::Put:
      return "PUT";
    case HttpMethod::Head:
      return "HEAD";
    case HttpMethod::Post:
      return "POST";
    case HttpMethod::Patch:
      return "PATCH";
    case HttpMethod::Delete:
      return "DELETE";
    case HttpMethod::All:
      break;
  }
  return "*";
}

Value strings(const std::vector<std::string>& items) { return Value::List(items.begin(), items.end()); }

Value render_cors(const FunctionUrlCors& cors) {
  Value::Map out;
  if (cors.allow_credentials) out.emplace_back("AllowCredentials", *cors.allow_credentials);
  if (!cors.allowed_headers.empty()) out.emplace_back("AllowHeaders", strings(cors.allowed_headers));
  Value::List methods;
  for (HttpMethod method : cors.allowed_methods) methods.emplace_back(method_name(method));
  if (methods.empty()) methods.emplace_back("*");
  out.emplace_back("AllowMethods", std::move(methods));
  if (!cors.allowed_origins.empty()) out.emplace_back("AllowOrigins", strings(cors.allowed_origins));
  if (!cors.exposed_headers.empty()) out.emplace_back("ExposeHeaders", strings(cors.exposed_headers));
  if (cors.max_age) out.emplace_back("MaxAge", cors.max_age->to_seconds());
  return Value::map(std::move(out));
}

// "at most 100 allowed origins of at most 253 characters" checks, for one list of the CORS settings.
void check_list(std::vector<std::string>& errors, const char* what, const std::vector<std::string>& items,
                std::size_t max_length) {
  if (items.size() > 100)
    errors.push_back(std::string("CORS lists at most 100 ") + what + ", got " + std::to_string(items.size()));
  for (const auto& item : items)
    if (item.empty() || item.size() > max_length)
      errors.push_back(std::string("CORS ") + what + " must be 1 to " + std::to_string(max_length) +
                       " characters each, got '" + item + "' (" + std::to_string(item.size()) + " characters)");
}

}  // namespace

FunctionUrl::FunctionUrl(Construct& scope, std::string_view id, FunctionUrlOptions options)
    : Construct(scope, id), options_(std::move(options)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Lambda::Url"});
  const bool open = options_.auth_type == FunctionUrlAuthType::None;
  resource_->set_property("AuthType", open ? "NONE" : "AWS_IAM");
  if (options_.cors) resource_->set_property("Cors", render_cors(*options_.cors));
  if (options_.invoke_mode)
    resource_->set_property("InvokeMode",
                            *options_.invoke_mode == InvokeMode::Buffered ? "BUFFERED" : "RESPONSE_STREAM");
  auto* alias = dynamic_cast<Alias*>(&scope);
  Function* function = alias != nullptr ? &alias->function() : dynamic_cast<Function*>(&scope);
  const std::string who = open ? "anyone" : "callers with lambda:InvokeFunctionUrl";
  if (function != nullptr) {
    resource_->set_property("TargetFunctionArn", function->function_arn());
    std::string target = "function " + function->node().id();
    if (alias != nullptr) {
      resource_->set_property("Qualifier", alias->alias_name());
      resource_->add_depends_on(alias->resource());  // the alias must exist before its URL
      target = "alias " + alias->alias_name() + " of " + target;
    }
    resource_->set_comment("HTTPS endpoint that lets " + who + " call " + target);
  }
  node().add_validation([this, valid = function != nullptr] { return validate(valid); });
}

std::vector<std::pair<std::string, PermissionProps>> FunctionUrl::public_permissions() {
  return {
      {"invoke-function-url",
       {.principal = "*",
        .action = "lambda:InvokeFunctionUrl",
        .function_url_auth_type = "NONE",
        .reason = "its function URL, without authentication"}},
      {"invoke-function",
       {.principal = "*",
        .action = "lambda:InvokeFunction",
        .invoked_via_function_url = true,
        .reason = "through its function URL"}},
  };
}

std::vector<std::string> FunctionUrl::validate(bool valid_scope) const {
  std::vector<std::string> errors;
  if (!valid_scope)
    errors.push_back("a function URL must be created under its function or alias, with add_function_url(options)");
  if (!options_.cors) return errors;
  const FunctionUrlCors& cors = *options_.cors;
  check_list(errors, "allowed origins", cors.allowed_origins, 253);
  check_list(errors, "allowed headers", cors.allowed_headers, 1024);
  check_list(errors, "exposed headers", cors.exposed_headers, 1024);
  if (cors.max_age && (cors.max_age->to_seconds() < 0 || cors.max_age->to_seconds() > 86400))
    errors.push_back("CORS max age must be between 0 and 86400 seconds, got " +
                     std::to_string(cors.max_age->to_seconds()));
  return errors;
}

}  // namespace formwork::lambda
