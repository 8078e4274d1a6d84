// The index of the embedded L1 data, built on first use; a type is parsed the first time a
// template uses it.
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "import/detail/l1_types.hpp"
#include "schema/detail/data.hpp"

namespace formwork::importer::detail {
namespace {

struct Index {
  std::map<std::string_view, std::string_view, std::less<>> text;  // type -> its JSON text
  std::map<std::string, std::unique_ptr<L1Type>, std::less<>> parsed;
  std::mutex mutex;
};

Index& index() {
  static Index* built = [] {
    auto* i = new Index;  // never destroyed, like the schema index
    i->text = schema::detail::index_lines(std::string_view(kL1TypeData, kL1TypeDataSize));
    return i;
  }();
  return *built;
}

std::vector<Member> members_of(const nlohmann::json& list) {
  std::vector<Member> out;
  for (const auto& m : list)
    out.push_back({.cfn_name = m[0].get<std::string>(), .name = m[1].get<std::string>(),
                   .type = m[2].get<std::string>(), .required = m[3].get<int>() != 0});
  return out;
}

}  // namespace

const L1Type* find_l1_type(std::string_view type) {
  Index& i = index();
  std::lock_guard lock(i.mutex);
  if (auto it = i.parsed.find(type); it != i.parsed.end()) return it->second.get();
  auto text = i.text.find(type);
  if (text == i.text.end()) return nullptr;
  const auto json = nlohmann::json::parse(text->second);
  auto parsed = std::make_unique<L1Type>();
  parsed->ns = json[0].get<std::string>();
  parsed->cls = json[1].get<std::string>();
  parsed->props = members_of(json[2]);
  for (const auto& [name, members] : json[3].items()) parsed->structs.emplace(name, members_of(members));
  for (const auto& a : json[4]) parsed->attributes.emplace(a[0].get<std::string>(), a[1].get<std::string>());
  return i.parsed.emplace(std::string(type), std::move(parsed)).first->second.get();
}

}  // namespace formwork::importer::detail
