#pragma once

#include <cstdint>

namespace formwork {

/// A length of time, kept in whole seconds (what every CloudFormation property here takes).
class Duration {
 public:
  [[nodiscard]] static constexpr Duration seconds(std::int64_t s) { return Duration(s); }
  [[nodiscard]] static constexpr Duration minutes(std::int64_t m) { return Duration(m * 60); }
  [[nodiscard]] static constexpr Duration hours(std::int64_t h) { return Duration(h * 3600); }
  [[nodiscard]] static constexpr Duration days(std::int64_t d) { return Duration(d * 86400); }

  [[nodiscard]] constexpr std::int64_t to_seconds() const { return seconds_; }
  [[nodiscard]] constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(std::int64_t s) : seconds_(s) {}
  std::int64_t seconds_;
};

}  // namespace formwork
