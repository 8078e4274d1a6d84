#pragma once

#include "constructs/core/stack.hpp"

namespace stacks {

/// The blog stack ported from AWS CDK, written with no escape hatch. The Python function
/// `Api` serves every path of a proxy REST API (stage `dev`, binary media types for the
/// documents): posts in the DynamoDB table `Posts`, documents in the bucket `Documents`
/// (it reads and writes both), and each new post announced on the SNS topic `BlogEvents`.
/// The topic invokes `Listener` (512 MB, 10 s, `STAGE`, logs kept 5 days), whose initial
/// policy lets it update the table's daily counts and nothing else. Every resource is
/// tagged `project: blog`, `stage: dev`. Outputs `ApiUrl`, `TopicArn`, `BucketName`,
/// `TableName`. The code is a directory asset, so deploying needs `AssetsBucket`.
class BlogStack : public formwork::Stack {
 public:
  BlogStack(formwork::Construct& scope, std::string_view id, const formwork::StackProps& props = {});
};

}  // namespace stacks
