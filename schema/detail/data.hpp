#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "constructs/core/detail/resource_checks.hpp"

namespace formwork::schema::detail {

// schema/schemas.generated.cpp: one line a resource type, `Type {json}`, sorted by type.
extern const char kSchemaData[];
extern const std::size_t kSchemaDataSize;

// schema/tagging.generated.cpp: the tag property of every taggable type, sorted by type
// (scripts/l1_tag_data.py).
using formwork::detail::TagShape;
struct TagRow {
  const char* type;
  const char* property;
  TagShape shape;
};
extern const TagRow kTagRows[];
extern const std::size_t kTagRowCount;

/// Where `type` keeps the tags Tags::of gives it; `None` for a type not in kTagRows.
[[nodiscard]] formwork::detail::TagSlot find_tag_slot(std::string_view type);

/// The compact schema of a type: an array of schemas, [0] the properties object, the others
/// the definitions that `{"$": n}` points at; keywords one letter each (scripts/l1_schema_data.py).
/// Parsed on first use and kept; nullptr for an unknown type. Thread-safe.
[[nodiscard]] const nlohmann::json* find_schema(std::string_view type);

/// The lines `Type text` of generated data, one a type (this data, and the import engine's),
/// as type -> text; views into `data`.
[[nodiscard]] std::map<std::string_view, std::string_view, std::less<>> index_lines(std::string_view data);

/// How many types the data has.
[[nodiscard]] std::size_t schema_count();

/// Every type of the data, in order.
[[nodiscard]] std::vector<std::string_view> schema_types();

}  // namespace formwork::schema::detail
