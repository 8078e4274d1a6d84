#include "constructs/core/detail/hash.hpp"

#include <stdexcept>

#include <openssl/evp.h>

namespace formwork::detail {
namespace {

std::string to_hex(const unsigned char* bytes, unsigned n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (unsigned i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

// OpenSSL's one-shot EVP digest (libcrypto); both digests are always available in the
// default provider, so a failure is a broken installation, not bad input.
std::string digest_hex(const EVP_MD* md, std::string_view data, const char* name) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  if (md == nullptr || EVP_Digest(data.data(), data.size(), out, &length, md, nullptr) != 1)
    throw std::runtime_error(std::string("OpenSSL cannot compute ") + name);
  return to_hex(out, length);
}

}  // namespace

std::string md5_hex(std::string_view data) { return digest_hex(EVP_md5(), data, "MD5"); }

std::string sha256_hex(std::string_view data) { return digest_hex(EVP_sha256(), data, "SHA-256"); }

}  // namespace formwork::detail
