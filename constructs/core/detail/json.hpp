#pragma once

// The JSON an element renders to. Kept out of the public headers, which only forward-declare
// detail::Json: nlohmann/json is 130,000 preprocessed lines that a user's app never needs.

#include <nlohmann/json.hpp>

namespace formwork::detail {

struct Json {
  nlohmann::ordered_json value;
};

}  // namespace formwork::detail
