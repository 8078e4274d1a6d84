#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "schema/detail/regex.hpp"

namespace formwork::schema::detail {
namespace {

struct Compiled {
  std::unique_ptr<pcre2_code, decltype(&pcre2_code_free)> code{nullptr, &pcre2_code_free};
  std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data{nullptr, &pcre2_match_data_free};
};

struct Cache {
  std::mutex mutex;
  std::map<std::string, Compiled, std::less<>> patterns;
};

Cache& cache() {
  static Cache* c = new Cache;  // never destroyed, like the schema index
  return *c;
}

// The cached compiled pattern; its code is null when PCRE2 cannot compile it. Under c.mutex.
const Compiled& compiled(Cache& c, const std::string& pattern) {
  auto it = c.patterns.find(pattern);
  if (it == c.patterns.end()) {
    Compiled fresh;
    int error = 0;
    PCRE2_SIZE offset = 0;
    // Java's and JavaScript's \uhhhh (in a few schemas) is PCRE2's alternative syntax.
    for (std::uint32_t options : {PCRE2_UTF, PCRE2_UTF | PCRE2_ALT_BSUX}) {
      fresh.code.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error,
                                     &offset, nullptr));
      if (fresh.code) break;
    }
    if (fresh.code) fresh.data.reset(pcre2_match_data_create_from_pattern(fresh.code.get(), nullptr));
    it = c.patterns.emplace(pattern, std::move(fresh)).first;
  }
  return it->second;
}

}  // namespace

bool pattern_compiles(const std::string& pattern) {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  return compiled(c, pattern).code != nullptr;
}

bool pattern_matches(const std::string& pattern, const std::string& text) {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  const Compiled& r = compiled(c, pattern);
  if (!r.code) return true;
  int rc = pcre2_match(r.code.get(), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, r.data.get(), nullptr);
  return rc != PCRE2_ERROR_NOMATCH;  // a match, or an error such as the match limit: not decided
}

}  // namespace formwork::schema::detail
