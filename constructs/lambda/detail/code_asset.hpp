#pragma once

// Internal: how a Function's and a LayerVersion's asset directory reaches the template.

#include <string>

#include "constructs/core/cfn_resource.hpp"

namespace formwork::lambda::detail {

/// Sets `property` of `resource` to `{S3Bucket: !Ref AssetsBucket, S3Key: <sha256>.zip}` and
/// the `formwork:asset` metadata `formwork deploy` uploads from; the hash is taken now, so the
/// template names the exact bytes uploaded. A missing directory is a validation error of `owner`.
void bind_asset_code(Construct& owner, CfnResource& resource, const std::string& property,
                     const std::string& directory);

}  // namespace formwork::lambda::detail
