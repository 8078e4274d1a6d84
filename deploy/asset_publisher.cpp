#include "deploy/asset_publisher.hpp"

#include <fstream>

#include "constructs/core/asset.hpp"
#include "constructs/core/detail/hash.hpp"
#include "constructs/core/errors.hpp"

namespace formwork::deploy {
namespace fs = std::filesystem;

std::vector<AssetRef> find_assets(const nlohmann::ordered_json& document) {
  std::vector<AssetRef> assets;
  auto resources = document.find("Resources");
  if (resources == document.end() || !resources->is_object()) return assets;
  for (const auto& [logical_id, resource] : resources->items()) {
    if (!resource.is_object() || !resource.contains("Metadata") || !resource["Metadata"].is_object()) continue;
    const auto& metadata = resource["Metadata"];
    auto entry = metadata.find("formwork:asset");
    if (entry == metadata.end()) continue;
    if (!entry->is_object() || !entry->contains("path") || !entry->contains("hash") || !(*entry)["path"].is_string() ||
        !(*entry)["hash"].is_string())
      throw UsageError("MalformedAsset", "",
                       "resource " + logical_id + ": Metadata.formwork:asset needs the strings 'path' and 'hash'");
    assets.push_back(AssetRef{.logical_id = logical_id,
                              .path = (*entry)["path"].get<std::string>(),
                              .hash = (*entry)["hash"].get<std::string>()});
  }
  return assets;
}

std::string AssetPublisher::default_bucket_name() const {
  std::string region = aws_.target().region;
  if (aws_.dry_run()) return "formwork-assets-<account>-" + (region.empty() ? std::string("<region>") : region);
  if (region.empty()) {
    // The CLI's own configuration (~/.aws/config): read locally, no request is made.
    if (auto configured = aws_.query({"configure", "get", "region"})) {
      region = *configured;
      while (!region.empty() && (region.back() == '\n' || region.back() == ' ')) region.pop_back();
    }
  }
  if (region.empty())
    throw UsageError("NoRegion", "", "no region for the assets bucket: give --region or set AWS_REGION");
  auto identity = aws_.run({"sts", "get-caller-identity", "--query", "Account", "--output", "text"});
  std::string account = identity.out;
  while (!account.empty() && (account.back() == '\n' || account.back() == ' ')) account.pop_back();
  if (identity.exit_code != 0 || account.empty())
    throw DeployFailure("cannot find the AWS account for the assets bucket", aws_error_lines(identity.err));
  return "formwork-assets-" + account + "-" + region;
}

const std::string& AssetPublisher::bucket() {
  if (bucket_) return *bucket_;
  std::string name = bucket_option_.empty() ? default_bucket_name() : bucket_option_;
  const std::string& region = aws_.target().region;
  std::vector<std::string> create{"s3api", "create-bucket", "--bucket", name};
  // us-east-1 is the one region that rejects an explicit location constraint.
  if (!region.empty() && region != "us-east-1")
    create.insert(create.end(), {"--create-bucket-configuration", "LocationConstraint=" + region});
  if (aws_.dry_run()) {
    if (bucket_option_.empty()) aws_.run({"sts", "get-caller-identity", "--query", "Account", "--output", "text"}, {},
                                         "the default bucket is named after the account: <account> below");
    aws_.run({"s3api", "head-bucket", "--bucket", name});
    aws_.run(create, {}, "only when head-bucket finds no bucket:");
  } else if (aws_.run({"s3api", "head-bucket", "--bucket", name}).exit_code != 0) {
    auto created = aws_.run(create);
    if (created.exit_code != 0)
      throw DeployFailure("cannot create the assets bucket " + name, aws_error_lines(created.err));
    out_ << "  created bucket " << name << "\n";
  }
  bucket_ = name;
  return *bucket_;
}

void AssetPublisher::publish(const AssetRef& asset) {
  if (!fs::is_directory(asset.path))
    throw UsageError("MissingAsset", "",
                     "resource " + asset.logical_id + ": asset directory '" + asset.path +
                         "' does not exist (paths are relative to the folder formwork runs in)");
  std::string zip = assets::zip_directory(asset.path);
  std::string hash = detail::sha256_hex(zip);
  if (hash != asset.hash)
    throw UsageError("StaleAsset", "",
                     "resource " + asset.logical_id + ": the files of '" + asset.path + "' hash to " + hash +
                         ", the template says " + asset.hash + ": the template is stale, re-run synth");
  std::string key = hash + ".zip";
  fs::path file = work_dir_ / key;
  {
    std::ofstream stream(file, std::ios::binary);
    stream << zip;
    if (!stream) throw DeployFailure("cannot write " + file.string(), {});
  }
  const std::string& name = bucket();
  std::vector<std::string> upload{"s3", "cp", file.string(), "s3://" + name + "/" + key, "--only-show-errors"};
  if (aws_.dry_run()) {
    aws_.run({"s3api", "head-object", "--bucket", name, "--key", key});
    aws_.run(upload, {}, "only when head-object finds no object (" + asset.path + ", " + std::to_string(zip.size()) +
                             " bytes zipped):");
    return;
  }
  if (aws_.run({"s3api", "head-object", "--bucket", name, "--key", key}).exit_code == 0) {
    out_ << "  asset " << asset.path << ": s3://" << name << "/" << key << " (already uploaded)\n";
    return;
  }
  auto uploaded = aws_.run(upload);
  if (uploaded.exit_code != 0)
    throw DeployFailure("cannot upload " + asset.path + " to s3://" + name + "/" + key,
                        aws_error_lines(uploaded.err));
  out_ << "  asset " << asset.path << ": s3://" << name << "/" << key << " (uploaded, " << zip.size()
       << " bytes)\n";
}

}  // namespace formwork::deploy
