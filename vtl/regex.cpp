// java.util.regex semantics (String.replaceAll/replaceFirst/matches/split) on PCRE2, whose
// syntax is Java's for what mapping templates use. Line terminators are Java's (PCRE2_NEWLINE_ANY).

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <memory>

#include "vtl/detail/runtime.hpp"

namespace formwork::vtl::detail {

namespace {

struct Regex {
  std::unique_ptr<pcre2_code, decltype(&pcre2_code_free)> code{nullptr, &pcre2_code_free};
  std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data{nullptr, &pcre2_match_data_free};
  std::uint32_t groups = 0;
};

Regex compile(const std::string& pattern, const Site& site) {
  std::unique_ptr<pcre2_compile_context, decltype(&pcre2_compile_context_free)> ctx(pcre2_compile_context_create(nullptr),
                                                                                     &pcre2_compile_context_free);
  pcre2_set_newline(ctx.get(), PCRE2_NEWLINE_ANY);
  int error = 0;
  PCRE2_SIZE offset = 0;
  Regex r;
  r.code.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_UTF, &error, &offset, ctx.get()));
  if (!r.code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    site.fail("invalid regular expression \"" + pattern + "\" at offset " + std::to_string(offset) + ": " +
              reinterpret_cast<const char*>(message));
  }
  pcre2_pattern_info(r.code.get(), PCRE2_INFO_CAPTURECOUNT, &r.groups);
  r.data.reset(pcre2_match_data_create_from_pattern(r.code.get(), nullptr));
  return r;
}

// Finds the next match at or after `from`; false when there is none.
bool find(const Regex& r, const std::string& subject, std::size_t from, std::uint32_t options, const Site& site) {
  int rc = pcre2_match(r.code.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), from, options,
                       r.data.get(), nullptr);
  if (rc == PCRE2_ERROR_NOMATCH) return false;
  if (rc < 0) site.fail("regular expression matching failed (PCRE2 error " + std::to_string(rc) + ")");
  return true;
}

std::size_t next_char(const std::string& s, std::size_t at) {
  ++at;
  while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
  return at;
}

// Java's Matcher.appendReplacement: $n and ${name} groups, backslash quotes the next character.
void append_replacement(const Regex& r, const std::string& subject, const std::string& replacement, std::string& out,
                        const Site& site) {
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(r.data.get());
  auto group = [&](std::uint32_t g) {
    if (ov[2 * g] == PCRE2_UNSET) return;
    out.append(subject, ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
  };
  for (std::size_t k = 0; k < replacement.size(); ++k) {
    char c = replacement[k];
    if (c == '\\') {
      if (++k >= replacement.size()) site.fail("character to be escaped is missing at the end of the replacement");
      out += replacement[k];
    } else if (c == '$') {
      if (++k >= replacement.size()) site.fail("illegal group reference: '$' at the end of the replacement");
      if (replacement[k] == '{') {
        auto close = replacement.find('}', k);
        if (close == std::string::npos) site.fail("named capturing group is missing a trailing '}'");
        std::string name = replacement.substr(k + 1, close - k - 1);
        int number = pcre2_substring_number_from_name(r.code.get(), reinterpret_cast<PCRE2_SPTR>(name.c_str()));
        if (number < 0) site.fail("no group with name {" + name + "}");
        group(static_cast<std::uint32_t>(number));
        k = close;
      } else if (replacement[k] >= '0' && replacement[k] <= '9') {
        std::uint32_t g = static_cast<std::uint32_t>(replacement[k] - '0');
        if (g > r.groups) site.fail("no group " + std::to_string(g) + " in the regular expression");
        while (k + 1 < replacement.size() && replacement[k + 1] >= '0' && replacement[k + 1] <= '9') {
          std::uint32_t longer = g * 10 + static_cast<std::uint32_t>(replacement[k + 1] - '0');
          if (longer > r.groups) break;
          g = longer;
          ++k;
        }
        group(g);
      } else {
        site.fail("illegal group reference in the replacement");
      }
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string java_replace(const std::string& subject, const std::string& regex, const std::string& replacement,
                         bool first_only, const Site& site) {
  Regex r = compile(regex, site);
  std::string out;
  std::size_t from = 0, copied = 0;
  while (from <= subject.size() && find(r, subject, from, 0, site)) {
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(r.data.get());
    out.append(subject, copied, ov[0] - copied);
    append_replacement(r, subject, replacement, out, site);
    copied = ov[1];
    if (first_only) break;
    from = ov[1] == ov[0] ? next_char(subject, ov[1]) : ov[1];
    if (out.size() > 64u * 1024u * 1024u) site.fail("replaceAll result over 64 MiB");
  }
  out.append(subject, std::min(copied, subject.size()), std::string::npos);
  return out;
}

bool java_matches(const std::string& subject, const std::string& regex, const Site& site) {
  Regex r = compile(regex, site);
  return find(r, subject, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, site);
}

std::vector<std::string> java_split(const std::string& subject, const std::string& regex, int limit, const Site& site) {
  Regex r = compile(regex, site);
  std::vector<std::string> parts;
  std::size_t index = 0, from = 0;
  bool matched = false;
  while (from <= subject.size() && (limit <= 0 || static_cast<int>(parts.size()) < limit - 1) &&
         find(r, subject, from, 0, site)) {
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(r.data.get());
    from = ov[1] == ov[0] ? next_char(subject, ov[1]) : ov[1];
    if (ov[1] == 0 && ov[0] == 0) continue;  // no leading empty string for a zero-width match at 0
    matched = true;
    parts.push_back(subject.substr(index, ov[0] - index));
    index = ov[1];
  }
  if (!matched) return {subject};
  parts.push_back(subject.substr(std::min(index, subject.size())));
  if (limit == 0)
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

}  // namespace formwork::vtl::detail
