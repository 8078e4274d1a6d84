#pragma once

#include "constructs/core/stack.hpp"

namespace stacks {

/// An upload pipeline. A file put under `uploads/` in the bucket `Uploads` invokes the Python
/// function `Ingest` (S3 event notification), which records it in the DynamoDB table `Files`
/// and puts a `File Uploaded` event on the custom bus `FileEvents`; the rule `ImageUploaded`
/// sends the images among them, reshaped, to the queue `Thumbnails` (with retries and a
/// dead-letter queue). The table's stream feeds the function `Auditor` (INSERT and REMOVE
/// records only), which logs the audit trail. Every failure path ends in the queue
/// `Failures`. Outputs `BucketName`, `ThumbnailsQueueUrl`, `FailuresQueueUrl`,
/// `EventBusName`. The code is a directory asset, so deploying needs `AssetsBucket`.
class UploadPipeline : public formwork::Stack {
 public:
  UploadPipeline(formwork::Construct& scope, std::string_view id, const formwork::StackProps& props = {});
};

}  // namespace stacks
