// Function::bind_code: inline code goes into the template, a directory becomes an S3 asset.
#include <filesystem>

#include "constructs/core/asset.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

namespace {

constexpr const char* kAssetsBucketId = "AssetsBucket";

// The stack's `AssetsBucket` parameter, created on first use.
CfnParameter& assets_bucket(Construct& construct) {
  Stack& stack = Stack::of(construct);
  if (auto* existing = dynamic_cast<CfnParameter*>(stack.node().try_find_child(kAssetsBucketId))) return *existing;
  return stack.add<CfnParameter>(kAssetsBucketId, {
      .description = "S3 bucket holding the code assets; formwork deploy fills it in",
  });
}

}  // namespace

void Function::bind_code() {
  const Code& code = props_.code;
  if (code.is_inline()) {
    resource_->set_property("Code", Value::map({{"ZipFile", code.inline_source()}}));
    return;
  }
  // The hash is taken now, so the template names the exact bytes `formwork deploy` uploads.
  const std::string& directory = code.asset_path();
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    node().add_validation([directory] {
      return std::vector<std::string>{"code asset directory '" + directory + "' does not exist (paths are relative to " +
                                      std::filesystem::current_path().string() + ")"};
    });
    return;
  }
  const std::string hash = assets::asset_hash(directory);
  resource_->set_property("Code", Value::map({{"S3Bucket", assets_bucket(*this).value()}, {"S3Key", hash + ".zip"}}));
  resource_->add_metadata("formwork:asset", Value::map({{"path", directory}, {"hash", hash}}));
}

}  // namespace formwork::lambda
