#pragma once

// Reading references out of a long-form CloudFormation template: which resources a value
// names through Ref, Fn::GetAtt, Fn::Sub (`${X}`, `${X.Arn}`) or any intrinsic that nests them.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork::graph {

using Json = nlohmann::ordered_json;

/// The logical IDs of resources of `resources` (the template's Resources mapping) that `value`
/// refers to, in order of first appearance, each once. Pseudo parameters, parameters and
/// Fn::Sub variables defined in the Fn::Sub map are not resources and are left out.
[[nodiscard]] std::vector<std::string> referenced_resources(const Json& value, const Json& resources);

/// `object[key]` when `object` is a mapping that has it, else nullptr.
[[nodiscard]] const Json* member(const Json& object, const std::string& key);

/// Follows `object[k1][k2]…`; nullptr as soon as a step is missing.
[[nodiscard]] const Json* dig(const Json& object, std::initializer_list<const char*> keys);

/// The value as text when it is a string or a number (`3`, `"3"`), else nullopt.
[[nodiscard]] std::optional<std::string> scalar_text(const Json* value);

/// The elements of a list, or the value itself when it is a single value (CloudFormation
/// accepts `Action: sqs:SendMessage` as well as a list); empty for null.
[[nodiscard]] std::vector<const Json*> as_list(const Json* value);

}  // namespace formwork::graph
