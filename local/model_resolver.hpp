#pragma once

// Internal to the template model (local/model*.cpp): resolves CloudFormation intrinsics to
// local values, across every loaded stack (Fn::ImportValue), with each resource's local
// physical ID and attributes computed on first use.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "local/model.hpp"

namespace formwork::local::detail {

/// A resource's local identity: what Ref gives and its Fn::GetAtt attributes.
struct Identity {
  std::string name;         ///< the name property, else the logical ID
  std::string physical_id;  ///< what Ref gives
  std::map<std::string, nlohmann::ordered_json> attributes;
  bool known = true;        ///< false for a type the model does not know
};

/// A deterministic UUID (lower case) from text.
[[nodiscard]] std::string uuid_from(std::string_view text);

class Resolver {
 public:
  Resolver(const std::vector<TemplateSource>& sources, std::string endpoint_url);

  [[nodiscard]] std::size_t stack_count() const { return stacks_.size(); }
  [[nodiscard]] const TemplateSource& source(std::size_t stack) const { return *stacks_[stack].source; }
  /// Resolved parameter values of a stack (lists joined with ",").
  [[nodiscard]] std::map<std::string, std::string> parameters(std::size_t stack) const;
  /// Whether the resource's Condition (if any) holds.
  [[nodiscard]] bool included(std::size_t stack, const std::string& logical_id);
  /// The resource's local identity (computed once).
  [[nodiscard]] const Identity& identity(std::size_t stack, const std::string& logical_id);
  /// Resolves every intrinsic in `value`, found at JSON pointer `pointer` (for messages).
  /// Fn::If's AWS::NoValue branches are removed from objects and arrays.
  [[nodiscard]] nlohmann::ordered_json resolve(std::size_t stack, const nlohmann::ordered_json& value, const std::string& pointer);
  /// The string CloudFormation shows for a resolved value (lists joined with ",").
  [[nodiscard]] static std::string to_text(const nlohmann::ordered_json& value);
  /// `file:line: message` as an InputError.
  [[noreturn]] void fail(std::size_t stack, const std::string& pointer, const std::string& message) const;
  /// Local API URLs: https://ID.execute-api.REGION.amazonaws.com/STAGE/... ->
  /// ENDPOINT/restapis/ID/STAGE/_user_request_/... for the REST APIs of the loaded stacks.
  [[nodiscard]] std::string rewrite_api_urls(std::string text) const;
  /// Every REST API id handed out so far.
  [[nodiscard]] const std::set<std::string>& api_ids() const { return api_ids_; }
  [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct Stack {
    const TemplateSource* source;
    std::map<std::string, nlohmann::ordered_json> parameters;
    std::map<std::string, Identity> identities;
    std::set<std::string> in_progress;
    std::map<std::string, bool> conditions;
    std::set<std::string> conditions_in_progress;
  };

  nlohmann::ordered_json resolve_intrinsic(std::size_t stack, const std::string& name, const nlohmann::ordered_json& args,
                                   const std::string& pointer);
  nlohmann::ordered_json ref(std::size_t stack, const std::string& target, const std::string& pointer);
  nlohmann::ordered_json get_att(std::size_t stack, const std::string& logical_id, const std::string& attribute,
                         const std::string& pointer);
  nlohmann::ordered_json sub(std::size_t stack, const nlohmann::ordered_json& args, const std::string& pointer);
  nlohmann::ordered_json import_value(const std::string& name, std::size_t stack, const std::string& pointer);
  bool condition(std::size_t stack, const std::string& name, const std::string& pointer);
  bool evaluate_condition(std::size_t stack, const nlohmann::ordered_json& value, const std::string& pointer);
  Identity make_identity(std::size_t stack, const std::string& logical_id);
  std::string name_property(std::size_t stack, const std::string& logical_id, const char* property);
  std::string resolve_string(std::size_t stack, const nlohmann::ordered_json& value, const std::string& pointer);

  std::vector<Stack> stacks_;
  std::string endpoint_;
  std::set<std::string> api_ids_;
  std::vector<std::string> warnings_;
  std::set<std::string> imports_in_progress_;
};

}  // namespace formwork::local::detail
