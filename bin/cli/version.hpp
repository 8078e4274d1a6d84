#pragma once

namespace formwork {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace formwork
