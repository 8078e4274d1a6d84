#pragma once

// Internal to the template model: a resource's resolved properties read with AWS's ranges,
// and one reader per modelled type.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "local/model.hpp"
#include "local/model_resolver.hpp"

namespace formwork::local::detail {

/// Resolved properties of one resource; each accessor fails with `file:line: LogicalId: ...`.
class Properties {
 public:
  Properties(Resolver& resolver, std::size_t stack, const std::string& logical_id, nlohmann::ordered_json resolved);

  [[nodiscard]] std::optional<std::string> string(const std::string& key) const;
  /// An integer (or a string holding one) in [min, max].
  [[nodiscard]] std::optional<int> integer(const std::string& key, long min, long max, const char* unit) const;
  [[nodiscard]] std::optional<bool> boolean(const std::string& key) const;
  /// An object, or a JSON text holding one; null when absent.
  [[nodiscard]] nlohmann::ordered_json object(const std::string& key) const;
  [[nodiscard]] const nlohmann::ordered_json& values() const { return values_; }
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

 private:
  Resolver& resolver_;
  std::size_t stack_;
  std::string logical_id_;
  std::string pointer_;
  nlohmann::ordered_json values_;
};

FunctionSpec read_function(Resolver& resolver, std::size_t stack, const std::string& logical_id, const Properties& p,
                           const nlohmann::ordered_json& metadata);
EventInvokeConfigSpec read_event_invoke_config(const Properties& p, const std::string& stack, const std::string& logical_id);
QueueSpec read_queue(Resolver& resolver, std::size_t stack, const std::string& logical_id, const Properties& p);
SubscriptionSpec read_subscription(const Properties& p, const std::string& stack, const std::string& logical_id,
                                   const std::string& arn);
EventSourceMappingSpec read_event_source_mapping(const Properties& p, const std::string& stack,
                                                 const std::string& logical_id, const std::string& uuid);
ScheduleRuleSpec read_schedule(Resolver& resolver, std::size_t stack, const std::string& logical_id, const Properties& p);

}  // namespace formwork::local::detail
