#pragma once

#include "constructs/core/value.hpp"

namespace formwork::s3 {
class Bucket;
}

namespace formwork::s3_notifications::detail {

/// The conditions of a queue or topic policy statement that lets S3 deliver notifications of
/// `bucket` only: `ArnLike aws:SourceArn` (the bucket's known ARN, so the bucket may depend on
/// the policy without a cycle) and `StringEquals aws:SourceAccount` (S3 ARNs carry no account).
[[nodiscard]] Value::Map bucket_source_conditions(s3::Bucket& bucket);

}  // namespace formwork::s3_notifications::detail
