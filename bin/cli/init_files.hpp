#pragma once

#include <string>
#include <utility>
#include <vector>

namespace formwork::cli {

/// The files `formwork init` writes, as (relative path, text) with @NAME@ (the project's
/// name, a CMake target) and @STACK@ (its stack's id) still to replace.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> init_files();

}  // namespace formwork::cli
