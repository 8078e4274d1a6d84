#pragma once

#include <filesystem>
#include <string>

namespace formwork::assets {

/// The files of `directory` as a zip archive with the same bytes for the same files:
/// entries sorted by relative path, fixed timestamps and permissions, no extra fields.
/// Throws UsageError when the directory does not exist or is empty.
[[nodiscard]] std::string zip_directory(const std::filesystem::path& directory);

/// SHA-256 (hex) of zip_directory(directory): the asset's S3 key is `<hash>.zip`, so any
/// change to a file shows in the template diff and uploads a new object.
[[nodiscard]] std::string asset_hash(const std::filesystem::path& directory);

}  // namespace formwork::assets
