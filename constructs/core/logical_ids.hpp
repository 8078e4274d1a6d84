#pragma once

#include <string>
#include <vector>

#include "constructs/core/app.hpp"

namespace formwork {

/// The logical ID for the path components of an element below its stack
/// (`{"Square", "ServiceRole", "Resource"}`).
[[nodiscard]] std::string make_logical_id(const std::vector<std::string>& components, LogicalIdStyle style);

/// CDK's unique id for a full path from the app root (`Names.nodeUniqueId`), used where an
/// id must be unique across stacks.
[[nodiscard]] std::string cdk_unique_id(const std::vector<std::string>& components);

/// `cdk_unique_id` of a construct's path: `SqsToLambda/Jobs` -> `SqsToLambdaJobs23009B0A`.
[[nodiscard]] std::string cdk_unique_id(const Construct& construct);

/// The logical ID AWS CDK gives an L1 resource at `construct`'s path (`Fn/invoke-function-url`
/// -> `Fninvokefunctionurl30C88B73`): for a formwork construct that holds its resource as child
/// `Resource` where CDK has the bare L1 (a `CfnPermission` added by `fn.addPermission(id)`).
[[nodiscard]] std::string cdk_logical_id(const Construct& construct);

/// True when `scope`'s app makes AWS CDK's logical IDs (LogicalIdStyle::CdkCompatible): a
/// construct then names its children as CDK does, so that each gets the ID CDK gives it.
[[nodiscard]] bool cdk_compatible(const Construct& scope);

/// True for a valid logical ID: 1 to 255 characters, A-Z a-z 0-9.
[[nodiscard]] bool is_valid_logical_id(const std::string& id);

/// `async-square` -> `AsyncSquare`, `{proxy+}` -> `Proxy`: each alphanumeric run with its
/// first letter upper-cased.
[[nodiscard]] std::string pascal_case(const std::string& text);

}  // namespace formwork
