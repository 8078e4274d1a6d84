#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "deploy/aws_cli.hpp"

namespace formwork::deploy {

/// A code asset a template refers to: resource `Metadata: {"formwork:asset": {path, hash}}`,
/// whose code is `S3Key: <hash>.zip` in the bucket given as the `AssetsBucket` parameter.
struct AssetRef {
  std::string logical_id;
  std::string path;  ///< directory, relative to the current folder
  std::string hash;  ///< sha256 of the zip, as synthesized
};

/// The assets of a template, in resource order. Throws UsageError on a malformed entry.
[[nodiscard]] std::vector<AssetRef> find_assets(const nlohmann::ordered_json& document);

/// The bucket for assets and large templates: `--assets-bucket`, or
/// `formwork-assets-<account>-<region>` (created when missing). Zips and uploads assets.
class AssetPublisher {
 public:
  /// `bucket` empty: the default bucket. `work_dir` holds the zips while they upload.
  AssetPublisher(const AwsCli& aws, std::string bucket, std::filesystem::path work_dir, std::ostream& out)
      : aws_(aws), bucket_option_(std::move(bucket)), work_dir_(std::move(work_dir)), out_(out) {}

  /// The bucket name, found (and created when missing) on first use. In dry-run mode the
  /// default bucket is the placeholder `formwork-assets-<account>-<region>`.
  /// Throws DeployFailure when the account cannot be found or the bucket cannot be created.
  const std::string& bucket();

  /// Zips the asset's directory, checks its hash against the template's, and uploads it
  /// as `<hash>.zip` unless an object of that name is there already. Throws UsageError for
  /// a stale template, DeployFailure when the upload fails.
  void publish(const AssetRef& asset);

 private:
  [[nodiscard]] std::string default_bucket_name() const;

  const AwsCli& aws_;
  std::string bucket_option_;
  std::filesystem::path work_dir_;
  std::ostream& out_;
  std::optional<std::string> bucket_;
};

/// An AWS call failed: the message, then the lines of the CLI's error output.
class DeployFailure : public std::runtime_error {
 public:
  DeployFailure(const std::string& message, std::vector<std::string> details)
      : std::runtime_error(message), details_(std::move(details)) {}
  [[nodiscard]] const std::vector<std::string>& details() const { return details_; }

 private:
  std::vector<std::string> details_;
};

}  // namespace formwork::deploy
