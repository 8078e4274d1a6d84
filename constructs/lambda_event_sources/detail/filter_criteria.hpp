#pragma once

#include <vector>

#include "constructs/core/value.hpp"

namespace formwork::lambda_event_sources::detail {

/// `{Filters: [{Pattern: "<json>"}, …]}` for an event source mapping's FilterCriteria: literal
/// maps become the JSON text Lambda expects, strings and tokens are kept as given.
[[nodiscard]] Value filter_criteria(const std::vector<Value>& filters);

}  // namespace formwork::lambda_event_sources::detail
