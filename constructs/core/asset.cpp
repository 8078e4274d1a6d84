#include "constructs/core/asset.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

#include <zip.h>

#include "constructs/core/detail/hash.hpp"
#include "constructs/core/errors.hpp"

namespace formwork::assets {

namespace {

namespace fs = std::filesystem;

// 1980-01-01 00:00:00 as MS-DOS date and time, set directly so that the local time zone
// (which libzip's time_t setter goes through) cannot change the bytes.
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr std::uint16_t kDosTime = 0;
constexpr std::uint32_t kRegularFile = 0100000;
// zlib's best compression: the same input and zlib version give the same bytes.
constexpr std::uint32_t kDeflateLevel = 9;

// Folders that appear when a handler is run locally and are no part of its code.
constexpr std::array<std::string_view, 3> kIgnoredNames = {"__pycache__", ".DS_Store", ".git"};

struct Entry {
  std::string name;  // relative, '/'-separated
  fs::path path;     // where the bytes are read from (a symlink's target inside the directory)
  bool executable;
};

[[noreturn]] void refuse(const std::string& code, const std::string& message) { throw UsageError(code, "", message); }

// A symlink is followed only when its target lies inside the asset directory: the zip
// then holds the target's content under the link's own name. Anything else is refused
// with the link's path, so no file from outside the directory is ever packaged.
fs::path inside_target(const fs::path& link, const fs::path& root) {
  std::error_code error;
  const fs::path target = fs::canonical(link, error);
  if (error) refuse("AssetBrokenSymlink", "asset symlink '" + link.string() + "' points to a missing file");
  const auto [root_end, unused] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  if (root_end != root.end())
    refuse("AssetSymlinkOutside", "asset symlink '" + link.string() + "' points to '" + target.string() +
                                      "', outside the asset directory '" + root.string() + "'");
  if (fs::is_directory(target))
    refuse("AssetSymlinkDirectory", "asset symlink '" + link.string() + "' points to a directory; link the files instead");
  return target;
}

std::vector<Entry> list_files(const fs::path& directory) {
  const fs::path root = fs::canonical(directory);
  std::vector<Entry> entries;
  auto it = fs::recursive_directory_iterator(directory);  // does not follow directory symlinks
  for (; it != fs::recursive_directory_iterator(); ++it) {
    const std::string leaf = it->path().filename().string();
    if (std::find(kIgnoredNames.begin(), kIgnoredNames.end(), leaf) != kIgnoredNames.end()) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    fs::path source = it->path();
    if (it->is_symlink()) source = inside_target(it->path(), root);
    else if (!it->is_regular_file()) continue;
    const auto perms = fs::status(source).permissions();
    // lexically: fs::relative() would resolve a symlink and name the entry after its target.
    entries.push_back({it->path().lexically_relative(directory).generic_string(), source,
                       (perms & fs::perms::owner_exec) != fs::perms::none});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return entries;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) refuse("AssetUnreadable", "cannot read asset file '" + path.string() + "'");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using Source = std::unique_ptr<zip_source_t, SourceFree>;

[[noreturn]] void zip_failure(const std::string& what, zip_error_t* error) {
  std::string message = "cannot build the asset zip: " + what + ": " + zip_error_strerror(error);
  zip_error_fini(error);
  refuse("AssetZipFailed", message);
}

// libzip writes the archive into an in-memory source; the bytes are read back from it.
std::string archive_bytes(zip_source_t* source) {
  zip_stat_t stat;
  if (zip_source_stat(source, &stat) != 0 || zip_source_open(source) != 0)
    zip_failure("reading the archive", zip_source_error(source));
  std::string out(static_cast<std::size_t>(stat.size), '\0');
  const zip_int64_t read = zip_source_read(source, out.data(), stat.size);
  zip_source_close(source);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) zip_failure("reading the archive", zip_source_error(source));
  return out;
}

}  // namespace

std::string zip_directory(const std::filesystem::path& directory) {
  std::error_code error;
  if (!fs::is_directory(directory, error))
    refuse("AssetNotFound", "asset directory '" + directory.string() + "' does not exist");
  const auto entries = list_files(directory);
  if (entries.empty()) refuse("AssetEmpty", "asset directory '" + directory.string() + "' has no files");

  // Every file's bytes stay alive until zip_close() has compressed them.
  std::vector<std::string> contents;
  contents.reserve(entries.size());
  for (const auto& entry : entries) contents.push_back(read_bytes(entry.path));

  zip_error_t zerror;
  zip_error_init(&zerror);
  Source buffer(zip_source_buffer_create(nullptr, 0, 0, &zerror));
  if (!buffer) zip_failure("creating the buffer", &zerror);
  zip_source_keep(buffer.get());  // keep it past zip_close() to read the result
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &zerror);
  if (archive == nullptr) {
    zip_source_free(buffer.get());  // drop the reference zip_open_from_source did not take
    zip_failure("opening the archive", &zerror);
  }
  auto fail = [&](const std::string& what) {
    zip_error_t copy;
    zip_error_init(&copy);
    zip_error_set(&copy, zip_error_code_zip(zip_get_error(archive)), zip_error_code_system(zip_get_error(archive)));
    zip_discard(archive);
    zip_failure(what, &copy);
  };
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    zip_source_t* data = zip_source_buffer(archive, contents[i].data(), contents[i].size(), 0);
    if (data == nullptr) fail(entry.name);
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(data);
      fail(entry.name);
    }
    const auto at = static_cast<zip_uint64_t>(index);
    const std::uint32_t mode = kRegularFile | (entry.executable ? 0755U : 0644U);
    if (zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, kDeflateLevel) != 0 ||
        zip_file_set_dostime(archive, at, kDosTime, kDosDate, 0) != 0 ||
        zip_file_set_external_attributes(archive, at, 0, ZIP_OPSYS_UNIX, mode << 16) != 0)
      fail(entry.name);
  }
  if (zip_close(archive) != 0) fail("writing the archive");
  return archive_bytes(buffer.get());
}

std::string asset_hash(const std::filesystem::path& directory) { return detail::sha256_hex(zip_directory(directory)); }

}  // namespace formwork::assets
