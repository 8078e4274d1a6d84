#pragma once

#include <string>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/lambda/permission.hpp"

namespace formwork::lambda {
class Function;
}

namespace formwork::lambda::detail {

/// A permission to invoke `fn` as a bare AWS::Lambda::Permission at `scope/id`, where AWS CDK
/// puts its CfnPermission (no `Resource` below it, unlike `Function::add_permission`), so that
/// it gets CDK's logical ID. For LogicalIdStyle::CdkCompatible only.
CfnResource& add_cdk_permission(Construct& scope, const std::string& id, const Function& fn,
                                const PermissionProps& props);

}  // namespace formwork::lambda::detail
