#include "constructs/lambda/detail/code_asset.hpp"

#include <filesystem>

#include "constructs/core/asset.hpp"
#include "constructs/core/cfn_parameter.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::lambda::detail {

namespace {

constexpr const char* kAssetsBucketId = "AssetsBucket";

// The stack's `AssetsBucket` parameter, created on first use.
CfnParameter& assets_bucket(Construct& construct) {
  Stack& stack = Stack::of(construct);
  if (auto* existing = dynamic_cast<CfnParameter*>(stack.node().try_find_child(kAssetsBucketId))) return *existing;
  return stack.add<CfnParameter>(kAssetsBucketId,
                                 {
                                     .description = "S3 bucket holding the code assets; formwork deploy fills it in",
                                 });
}

}  // namespace

void bind_asset_code(Construct& owner, CfnResource& resource, const std::string& property,
                     const std::string& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    owner.node().add_validation([directory] {
      return std::vector<std::string>{"code asset directory '" + directory +
                                      "' does not exist (paths are relative to " +
                                      std::filesystem::current_path().string() + ")"};
    });
    return;
  }
  const std::string hash = assets::asset_hash(directory);
  resource.set_property(property, Value::map({{"S3Bucket", assets_bucket(owner).value()}, {"S3Key", hash + ".zip"}}));
  resource.add_metadata("formwork:asset", Value::map({{"path", directory}, {"hash", hash}}));
}

}  // namespace formwork::lambda::detail
