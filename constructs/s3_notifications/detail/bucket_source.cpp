#include "constructs/s3_notifications/detail/bucket_source.hpp"

#include "constructs/s3/bucket.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::s3_notifications::detail {

Value::Map bucket_source_conditions(s3::Bucket& bucket) {
  return {{"ArnLike", Value::map({{"aws:SourceArn", bucket.known_bucket_arn()}})},
          {"StringEquals", Value::map({{"aws:SourceAccount", Stack::of(bucket).account()}})}};
}

}  // namespace formwork::s3_notifications::detail
