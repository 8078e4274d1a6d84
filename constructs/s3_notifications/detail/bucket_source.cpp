#include "constructs/s3_notifications/detail/bucket_source.hpp"

#include "constructs/s3/bucket.hpp"

namespace formwork::s3_notifications::detail {

Value::Map bucket_source_conditions(s3::Bucket& bucket) {
  return {{"ArnLike", Value::map({{"aws:SourceArn", bucket.known_bucket_arn()}})},
          {"StringEquals", Value::map({{"aws:SourceAccount", Value::aws_account_id()}})}};
}

}  // namespace formwork::s3_notifications::detail
