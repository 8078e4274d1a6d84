#pragma once

#include <string>
#include <string_view>

namespace formwork::detail {

/// Lower-case hex MD5 of `data` (CDK-compatible logical IDs, API deployment ids).
[[nodiscard]] std::string md5_hex(std::string_view data);
/// Lower-case hex SHA-256 of `data` (asset content hashes).
[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace formwork::detail
