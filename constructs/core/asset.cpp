#include "constructs/core/asset.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include "constructs/core/detail/hash.hpp"
#include "constructs/core/errors.hpp"

namespace formwork::assets {

namespace {

namespace fs = std::filesystem;

// 1980-01-01 00:00:00, the earliest time a zip entry can carry (MS-DOS date and time).
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr std::uint16_t kDosTime = 0;
// "Made by" Unix (3), zip 2.0, so that the external attributes hold Unix permissions.
constexpr std::uint16_t kVersionMadeBy = (3 << 8) | 20;
constexpr std::uint16_t kVersionNeeded = 20;
constexpr std::uint16_t kUtf8Names = 0x0800;
constexpr std::uint32_t kRegularFile = 0100000;

// Folders that appear when a handler is run locally and are no part of its code.
constexpr std::array<std::string_view, 3> kIgnoredNames = {"__pycache__", ".DS_Store", ".git"};

std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

std::uint32_t crc32(std::string_view data) {
  static const auto table = make_crc_table();
  std::uint32_t c = 0xFFFFFFFFU;
  for (unsigned char byte : data) c = table[(c ^ byte) & 0xFFU] ^ (c >> 8);
  return c ^ 0xFFFFFFFFU;
}

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

struct Entry {
  std::string name;  // relative, '/'-separated
  fs::path path;
  bool executable;
};

std::vector<Entry> list_files(const fs::path& directory) {
  std::vector<Entry> entries;
  auto it = fs::recursive_directory_iterator(directory);
  for (; it != fs::recursive_directory_iterator(); ++it) {
    const std::string leaf = it->path().filename().string();
    if (std::find(kIgnoredNames.begin(), kIgnoredNames.end(), leaf) != kIgnoredNames.end()) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    const auto perms = it->status().permissions();
    entries.push_back({fs::relative(it->path(), directory).generic_string(), it->path(),
                       (perms & fs::perms::owner_exec) != fs::perms::none});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return entries;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("AssetUnreadable", "", "cannot read asset file '" + path.string() + "'");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

std::string zip_directory(const std::filesystem::path& directory) {
  std::error_code error;
  if (!fs::is_directory(directory, error))
    throw UsageError("AssetNotFound", "", "asset directory '" + directory.string() + "' does not exist");
  const auto entries = list_files(directory);
  if (entries.empty()) throw UsageError("AssetEmpty", "", "asset directory '" + directory.string() + "' has no files");

  std::string zip;
  std::string central;
  for (const auto& entry : entries) {
    const std::string data = read_bytes(entry.path);
    if (data.size() > 0xFFFFFFFEULL || zip.size() > 0xFFFFFFFEULL)
      throw UsageError("AssetTooLarge", "", "asset file '" + entry.path.string() + "' is larger than a zip32 archive holds");
    const std::uint32_t crc = crc32(data);
    const auto size = static_cast<std::uint32_t>(data.size());
    const auto offset = static_cast<std::uint32_t>(zip.size());
    const auto name_length = static_cast<std::uint16_t>(entry.name.size());

    put32(zip, 0x04034b50);
    put16(zip, kVersionNeeded);
    put16(zip, kUtf8Names);
    put16(zip, 0);  // stored, no compression
    put16(zip, kDosTime);
    put16(zip, kDosDate);
    put32(zip, crc);
    put32(zip, size);
    put32(zip, size);
    put16(zip, name_length);
    put16(zip, 0);
    zip += entry.name;
    zip += data;

    const std::uint32_t mode = kRegularFile | (entry.executable ? 0755U : 0644U);
    put32(central, 0x02014b50);
    put16(central, kVersionMadeBy);
    put16(central, kVersionNeeded);
    put16(central, kUtf8Names);
    put16(central, 0);
    put16(central, kDosTime);
    put16(central, kDosDate);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, name_length);
    put16(central, 0);  // extra
    put16(central, 0);  // comment
    put16(central, 0);  // disk
    put16(central, 0);  // internal attributes
    put32(central, mode << 16);
    put32(central, offset);
    central += entry.name;
  }
  const auto central_offset = static_cast<std::uint32_t>(zip.size());
  zip += central;
  const auto count = static_cast<std::uint16_t>(entries.size());
  put32(zip, 0x06054b50);
  put16(zip, 0);
  put16(zip, 0);
  put16(zip, count);
  put16(zip, count);
  put32(zip, static_cast<std::uint32_t>(central.size()));
  put32(zip, central_offset);
  put16(zip, 0);
  return zip;
}

std::string asset_hash(const std::filesystem::path& directory) { return detail::sha256_hex(zip_directory(directory)); }

}  // namespace formwork::assets
