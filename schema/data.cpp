// The index of the embedded schema data, built on first use; a type's schema is parsed the
// first time a resource of that type is checked.

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "schema/detail/data.hpp"

namespace formwork::schema::detail {
namespace {

struct Index {
  std::map<std::string_view, std::string_view, std::less<>> text;    // type -> its JSON text
  std::map<std::string, std::unique_ptr<nlohmann::json>, std::less<>> parsed;
  std::mutex mutex;
};

Index& index() {
  static Index* built = [] {
    auto* i = new Index;  // never destroyed: checks may run from other static destructors' time
    i->text = index_lines(std::string_view(kSchemaData, kSchemaDataSize));
    return i;
  }();
  return *built;
}

}  // namespace

std::map<std::string_view, std::string_view, std::less<>> index_lines(std::string_view all) {
  std::map<std::string_view, std::string_view, std::less<>> out;
  while (!all.empty()) {
    auto end = all.find('\n');
    std::string_view line = all.substr(0, end);
    auto space = line.find(' ');
    if (space != std::string_view::npos) out.emplace(line.substr(0, space), line.substr(space + 1));
    all.remove_prefix(end == std::string_view::npos ? all.size() : end + 1);
  }
  return out;
}

const nlohmann::json* find_schema(std::string_view type) {
  Index& i = index();
  std::lock_guard lock(i.mutex);
  if (auto it = i.parsed.find(type); it != i.parsed.end()) return it->second.get();
  auto text = i.text.find(type);
  if (text == i.text.end()) return nullptr;
  auto parsed = std::make_unique<nlohmann::json>(nlohmann::json::parse(text->second));
  return i.parsed.emplace(std::string(type), std::move(parsed)).first->second.get();
}

std::size_t schema_count() { return index().text.size(); }

std::vector<std::string_view> schema_types() {
  std::vector<std::string_view> out;
  for (const auto& [type, text] : index().text) out.push_back(type);
  return out;
}

formwork::detail::TagSlot find_tag_slot(std::string_view type) {
  const TagRow* end = kTagRows + kTagRowCount;
  const TagRow* row = std::lower_bound(kTagRows, end, type,
                                       [](const TagRow& r, std::string_view t) { return std::string_view(r.type) < t; });
  if (row == end || std::string_view(row->type) != type) return {};
  return {.property = row->property, .shape = row->shape};
}

}  // namespace formwork::schema::detail
