#pragma once

// Identifiers the local cloud hands out: request ids, message ids, receipt handles.

#include <string>

namespace formwork::local {

/// A random version-4 UUID, lower case: 8f507cfc-1a2b-4c3d-9e8f-0123456789ab.
[[nodiscard]] std::string make_uuid();

/// A random token of `length` characters from [A-Za-z0-9+/] (receipt handles).
[[nodiscard]] std::string make_token(std::size_t length);

/// Base64 (standard alphabet, padded) of bytes, and back (throws std::invalid_argument).
[[nodiscard]] std::string base64_encode(const std::string& bytes);
[[nodiscard]] std::string base64_decode(const std::string& text);

/// Lower-case hex MD5 of bytes (OpenSSL libcrypto).
[[nodiscard]] std::string md5_hex(const std::string& bytes);

}  // namespace formwork::local
