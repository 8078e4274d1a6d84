// FW3001-FW3003: how functions are wired to their event sources.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "lint/rules.hpp"

namespace formwork::lint {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const Json& at(const Json& object, const std::string& key) {
  static const Json null_value;
  if (!object.is_object()) return null_value;
  auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

bool is_string(const Json& value, std::string_view text) {
  return value.is_string() && value.get<std::string>() == text;
}

// Whether an API Gateway integration asks Lambda for an asynchronous invocation: the
// X-Amz-Invocation-Type header set to 'Event', or mapped from the client's request.
bool api_invokes_async(const Json& integration) {
  for (const auto& [key, value] : at(integration, "RequestParameters").items()) {
    if (lower(key) != "integration.request.header.x-amz-invocation-type") continue;
    if (!value.is_string()) return true;
    std::string v = value.get<std::string>();
    bool literal = v.size() >= 2 && v.front() == '\'' && v.back() == '\'';
    return !literal || v == "'Event'";
  }
  return false;
}

// Function logical ID -> what invokes it asynchronously, in template order.
std::map<std::string, std::vector<std::string>> async_invokers(const TemplateModel& model) {
  std::map<std::string, std::vector<std::string>> out;
  auto add = [&](const Json& target, const std::string& who) {
    for (const auto& fn : model.functions_in(target)) {
      auto& list = out[fn];
      if (std::find(list.begin(), list.end(), who) == list.end()) list.push_back(who);
    }
  };
  for (const auto& [id, definition] : model.section("Resources").items()) {
    if (!definition.is_object()) continue;
    std::string type = model.type_of(id);
    const Json& props = model.properties(id);
    if (type == "AWS::SNS::Subscription" && is_string(at(props, "Protocol"), "lambda")) {
      add(at(props, "Endpoint"), "SNS subscription " + id);
    } else if (type == "AWS::SNS::Topic") {
      for (const auto& s : at(props, "Subscription"))
        if (is_string(at(s, "Protocol"), "lambda")) add(at(s, "Endpoint"), "SNS topic " + id);
    } else if (type == "AWS::Events::Rule") {
      for (const auto& target : at(props, "Targets")) add(at(target, "Arn"), "EventBridge rule " + id);
    } else if (type == "AWS::S3::Bucket") {
      for (const auto& c : at(at(props, "NotificationConfiguration"), "LambdaConfigurations"))
        add(at(c, "Function"), "S3 bucket " + id);
    } else if (type == "AWS::Lambda::Permission") {
      const Json& principal = at(props, "Principal");
      for (const char* service : {"sns.amazonaws.com", "events.amazonaws.com", "s3.amazonaws.com"})
        if (is_string(principal, service)) add(at(props, "FunctionName"), "permission " + id + " for " + service);
    } else if (type == "AWS::ApiGateway::Method") {
      const Json& integration = at(props, "Integration");
      if (api_invokes_async(integration)) add(at(integration, "Uri"), "API method " + id + " (X-Amz-Invocation-Type)");
    }
  }
  return out;
}

bool has_failure_handling(const TemplateModel& model, const std::string& function) {
  if (!at(at(model.properties(function), "DeadLetterConfig"), "TargetArn").is_null()) return true;
  for (const auto& id : model.resources_of_type("AWS::Lambda::EventInvokeConfig")) {
    const Json& props = model.properties(id);
    auto targets = model.functions_in(at(props, "FunctionName"));
    if (std::find(targets.begin(), targets.end(), function) == targets.end()) continue;
    if (!at(at(at(props, "DestinationConfig"), "OnFailure"), "Destination").is_null()) return true;
  }
  return false;
}

/// An SQS queue feeding a function through an event source mapping.
struct QueueFeed {
  std::string mapping;
  std::string queue;
  std::string function;
};

std::vector<QueueFeed> queue_feeds(const TemplateModel& model) {
  std::vector<QueueFeed> out;
  for (const auto& id : model.resources_of_type("AWS::Lambda::EventSourceMapping")) {
    const Json& props = model.properties(id);
    for (const auto& queue : model.queues_in(at(props, "EventSourceArn")))
      for (const auto& function : model.functions_in(at(props, "FunctionName"))) out.push_back({id, queue, function});
  }
  return out;
}

std::string number(double value) {
  if (value == static_cast<double>(static_cast<long long>(std::clamp(value, -1e15, 1e15))))
    return std::to_string(static_cast<long long>(value));
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string seconds(double value) { return number(value) + " s"; }

}  // namespace

void check_async_failure_handling(const TemplateModel& model, const LintOptions&, Report& report) {
  for (const auto& [function, invokers] : async_invokers(model)) {
    if (has_failure_handling(model, function)) continue;
    std::string by = invokers.front();
    if (invokers.size() > 1) by += " and " + std::to_string(invokers.size() - 1) + " more";
    report(TemplateModel::resource_pointer(function), function,
           "function " + function + " is invoked asynchronously (by " + by +
               ") but has neither a dead-letter queue nor an on-failure destination: events that fail every retry are "
               "lost",
           "add DeadLetterConfig.TargetArn to " + function +
               ", or an AWS::Lambda::EventInvokeConfig for it with DestinationConfig.OnFailure");
  }
}

void check_sqs_visibility_timeout(const TemplateModel& model, const LintOptions&, Report& report) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& feed : queue_feeds(model)) {
    if (!seen.insert({feed.queue, feed.function}).second) continue;
    // CloudFormation's defaults: 30 s for a queue, 3 s for a function.
    const Json& visibility = at(model.properties(feed.queue), "VisibilityTimeout");
    const Json& timeout = at(model.properties(feed.function), "Timeout");
    auto visibility_s = visibility.is_null() ? std::optional<double>(30) : as_number(visibility);
    auto timeout_s = timeout.is_null() ? std::optional<double>(3) : as_number(timeout);
    if (!visibility_s || !timeout_s || *visibility_s >= 6 * *timeout_s) continue;
    std::string pointer =
        TemplateModel::resource_pointer(feed.queue, visibility.is_null() ? "" : "/Properties/VisibilityTimeout");
    report(pointer, feed.queue,
           "queue " + feed.queue + " has a visibility timeout of " + seconds(*visibility_s) +
               ", under six times the timeout of function " + feed.function + " (" + seconds(*timeout_s) +
               ") it feeds: messages can be received again while a batch is still being processed",
           "set VisibilityTimeout of " + feed.queue + " to at least " + number(6 * *timeout_s));
  }
}

void check_sqs_redrive(const TemplateModel& model, const LintOptions&, Report& report) {
  std::set<std::string> seen;
  for (const auto& feed : queue_feeds(model)) {
    if (!at(model.properties(feed.queue), "RedrivePolicy").is_null() || !seen.insert(feed.queue).second) continue;
    report(TemplateModel::resource_pointer(feed.queue), feed.queue,
           "queue " + feed.queue + " feeds function " + feed.function +
               " but has no redrive policy: a message that always fails is retried until it expires",
           "add RedrivePolicy {deadLetterTargetArn: a dead-letter queue's ARN, maxReceiveCount: 3} to " + feed.queue);
  }
}

}  // namespace formwork::lint
