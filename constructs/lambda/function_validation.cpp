// The checks on FunctionProps and EventInvokeConfigOptions, as small tables.
#include <algorithm>
#include <array>
#include <cstdint>
#include <regex>
#include <string_view>

#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

namespace {

// The names Lambda sets itself and refuses in `Environment.Variables` (as cfn-lint E3663 lists them).
constexpr std::array<std::string_view, 18> kReservedEnvironmentVariables = {
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
};

struct Range {
  const char* what;
  std::int64_t min;
  std::int64_t max;
  const char* unit;
};

constexpr Range kMemory{"memory size", 128, 10240, " MB"};
constexpr Range kTimeout{"timeout", 1, 900, " seconds"};
constexpr Range kEphemeralStorage{"ephemeral storage", 512, 10240, " MB"};
// Lambda's default quota of concurrent executions per account and region; an account whose
// quota was raised can reserve more than Lambda lets formwork know of.
constexpr Range kReservedConcurrency{"reserved concurrent executions", 0, 1000,
                                     " (Lambda's default account limit)"};
constexpr std::size_t kInlineCodeLimit = 4096;
constexpr std::size_t kEnvironmentLimit = 4096;

void check(std::vector<std::string>& errors, const Range& range, std::int64_t value) {
  if (value >= range.min && value <= range.max) return;
  errors.push_back(std::string(range.what) + " must be between " + std::to_string(range.min) + " and " +
                   std::to_string(range.max) + range.unit + ", got " + std::to_string(value));
}

}  // namespace

std::vector<std::string> Function::validate() const {
  std::vector<std::string> errors;
  if (props_.handler.empty()) errors.push_back("a function needs a handler, such as index.handler");
  if (props_.memory_size_mb) check(errors, kMemory, *props_.memory_size_mb);
  if (props_.timeout) check(errors, kTimeout, props_.timeout->to_seconds());
  if (props_.function_name) {
    static const std::regex pattern("[a-zA-Z0-9_-]{1,64}");
    const auto& name = *props_.function_name;
    if (!std::regex_match(name, pattern))
      errors.push_back("function name must be 1 to 64 characters of a-z A-Z 0-9 - _, got '" + name + "' (" +
                       std::to_string(name.size()) + " characters)");
  }
  if (props_.description && props_.description->size() > 256)
    errors.push_back("description must be at most 256 characters, got " + std::to_string(props_.description->size()));
  // Lambda's limits: names match [a-zA-Z][a-zA-Z0-9_]+, and names and values together are
  // at most 4 KB (values that are tokens count when deployed, so only literals count here).
  static const std::regex variable_name("[a-zA-Z][a-zA-Z0-9_]+");
  std::size_t environment_bytes = 0;
  for (const auto& [key, value] : props_.environment) {
    if (std::find(kReservedEnvironmentVariables.begin(), kReservedEnvironmentVariables.end(), key) !=
        kReservedEnvironmentVariables.end())
      errors.push_back("environment variable '" + key + "' is reserved by Lambda and cannot be set");
    else if (key.size() > 256 || !std::regex_match(key, variable_name))
      errors.push_back("environment variable name must match [a-zA-Z][a-zA-Z0-9_]+, got '" + key + "'");
    environment_bytes += key.size() + (value.as_string() ? value.as_string()->size() : 0);
  }
  if (environment_bytes > kEnvironmentLimit)
    errors.push_back("environment variables must total at most 4096 bytes (names and values), got " +
                     std::to_string(environment_bytes));
  if (props_.reserved_concurrent_executions) check(errors, kReservedConcurrency, *props_.reserved_concurrent_executions);
  if (props_.ephemeral_storage_mb) check(errors, kEphemeralStorage, *props_.ephemeral_storage_mb);
  validate_configuration(errors);
  for (std::size_t i = 0; i < props_.initial_policy.size(); ++i) {
    const iam::PolicyStatement& statement = props_.initial_policy[i];
    const std::string which = "initial policy statement " + std::to_string(i + 1) + " of " +
                              std::to_string(props_.initial_policy.size());
    if (statement.actions.empty()) errors.push_back(which + " must name at least one action, got none");
    if (statement.resources.empty())
      errors.push_back(which + " must name at least one resource (an identity policy), got none");
    if (!statement.principals.empty())
      errors.push_back(which + " must not name a principal (an identity policy), got " +
                       std::to_string(statement.principals.size()));
  }
  if (props_.code.is_inline()) {
    if (!props_.runtime.supports_inline_code())
      errors.push_back("inline code needs a Python or Node.js runtime, got " + props_.runtime.name());
    if (props_.code.inline_source().size() > kInlineCodeLimit)
      errors.push_back("inline code must be at most 4096 bytes, got " +
                       std::to_string(props_.code.inline_source().size()));
  }
  if (props_.dead_letter_topic != nullptr && (props_.dead_letter_queue != nullptr || props_.dead_letter_queue_enabled))
    errors.push_back("a function can send failed events to a dead-letter queue or a dead-letter topic, not both");
  return errors;
}

std::vector<std::string> Function::validate_async(const EventInvokeConfigOptions& options) const {
  return validate_event_invoke_config(options);
}

}  // namespace formwork::lambda
