#include "constructs/lambda/alias.hpp"

#include <regex>


#include "constructs/lambda/function.hpp"
#include "constructs/lambda/version.hpp"

namespace formwork::lambda {

Alias::Alias(Construct& scope, std::string_view id, AliasProps props) : Construct(scope, id), props_(std::move(props)) {
  Function& fn = props_.version.function();
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Lambda::Alias"});
  resource_->set_property("FunctionName", fn.function_name());
  resource_->set_property("FunctionVersion", props_.version.version());
  resource_->set_property("Name", props_.alias_name);
  if (props_.description) resource_->set_property("Description", *props_.description);
  resource_->set_comment("Alias " + props_.alias_name + " of function " + fn.node().id() + ": points at version " +
                         props_.version.node().id());
  node().add_validation([this] { return validate(); });
  if (props_.retry_attempts || props_.max_event_age || props_.on_success || props_.on_failure) {
    configure_async_invoke({.retry_attempts = props_.retry_attempts,
                            .max_event_age = props_.max_event_age,
                            .on_success = props_.on_success,
                            .on_failure = props_.on_failure});
  }
}

Function& Alias::function() const { return props_.version.function(); }

void Alias::configure_async_invoke(EventInvokeConfigOptions options) {
  const bool first = event_invoke_config_ == nullptr;
  if (first) {
    event_invoke_config_ = &add_event_invoke_config(*this);
  }
  // CDK's form: the alias name out of its ARN, so the config waits for the alias.
  Value qualifier = Value::select(7, Value::split(":", alias_arn()));
  const std::string comment =
      apply_event_invoke_config(*event_invoke_config_, function(), std::move(qualifier), options);
  event_invoke_config_->set_comment(comment + " (alias " + props_.alias_name + " of function " +
                                    function().node().id() + ")");
  async_options_ = options;
  if (first) node().add_validation([this] { return validate_event_invoke_config(async_options_); });
}

Permission& Alias::add_permission(std::string_view id, PermissionProps props) {
  return add<Permission>(id, std::move(props));
}

FunctionUrl& Alias::add_function_url(FunctionUrlOptions options) {
  const bool open = options.auth_type == FunctionUrlAuthType::None;
  auto& url = add<FunctionUrl>("FunctionUrl", std::move(options));
  if (open)
    for (auto& [id, permission] : FunctionUrl::public_permissions()) add_permission(id, std::move(permission));
  return url;
}

std::vector<std::string> Alias::validate() const {
  std::vector<std::string> errors;
  static const std::regex pattern("[a-zA-Z0-9_-]{1,128}");
  static const std::regex digits("[0-9]+");
  const auto& name = props_.alias_name;
  if (!std::regex_match(name, pattern) || std::regex_match(name, digits))
    errors.push_back("alias name must be 1 to 128 characters of a-z A-Z 0-9 - _, not only digits, got '" + name +
                     "' (" + std::to_string(name.size()) + " characters)");
  if (props_.description && props_.description->size() > 256)
    errors.push_back("alias description must be at most 256 characters, got " +
                     std::to_string(props_.description->size()));
  return errors;
}

}  // namespace formwork::lambda
