#pragma once

// The security section of a diff: IAM statements and Lambda permissions that appear or
// disappear, and whether an added one widens access.

#include <vector>

#include "diff/diff_model.hpp"

namespace formwork::diff {

/// Compares the statements and permissions of two `Resources` sections (canonical form; an
/// empty object for a side that does not exist).
[[nodiscard]] std::vector<SecurityChange> security_changes(const Json& old_resources, const Json& new_resources);

}  // namespace formwork::diff
