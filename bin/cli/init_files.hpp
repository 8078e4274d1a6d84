#pragma once

#include <string>
#include <utility>
#include <vector>

namespace formwork::cli {

/// The files `formwork init` writes, as (relative path, text) with @NAME@ (the project's
/// name, a CMake target) and @STACK@ (its stack's id) still to replace.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> init_files();

/// A folder's name as a CMake target: lower case letters, digits and '_'.
[[nodiscard]] std::string project_name(const std::string& folder);
/// A folder's or file's name as a stack id: `my-app` -> `MyApp`, starting with a letter.
[[nodiscard]] std::string stack_id(const std::string& folder);
/// `text` with @NAME@ and @STACK@ replaced.
[[nodiscard]] std::string substituted(std::string text, const std::string& name, const std::string& stack);

}  // namespace formwork::cli
