#pragma once

// The diff engine: two CloudFormation templates (long form, as the template reader and
// synthesis produce them) in, a StackDiff out. It never prints; see format.hpp.

#include <string>

#include <nlohmann/json.hpp>

#include "diff/diff_model.hpp"

namespace formwork::diff {

struct DiffOptions {
  /// A removed and an added resource of the same type whose properties share at least this
  /// fraction of their values are one resource whose logical ID changed (a replacement).
  /// Default: 0.8; a value above 1 turns rename detection off.
  double rename_similarity = 0.8;
};

/// Compares the template `before` with `after`. A null `before` is a new stack (everything
/// added); a null `after`, a removed one.
[[nodiscard]] StackDiff diff_templates(std::string name, const nlohmann::ordered_json* before,
                                       const nlohmann::ordered_json* after, const DiffOptions& options = {});

/// A change's path as shown to a reader: "MemorySize" for a property ("Properties." left
/// out), "DependsOn", "Tags[1].Value".
[[nodiscard]] std::string display_path(const Change& change);

}  // namespace formwork::diff
