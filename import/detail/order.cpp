#include "import/detail/order.hpp"

#include <functional>
#include <queue>
#include <set>

namespace formwork::importer::detail {
std::string element_pointer(const char* section_name, const std::string& id) {
  return std::string("/") + section_name + "/" + json_pointer_escape(id);
}

namespace {

// The logical IDs of `names` that `value` refers to with Ref, GetAtt, DependsOn or Condition.
void references(const Json& value, const std::map<std::string, Element>& names, std::set<std::string>& out,
                bool conditions) {
  if (value.is_object()) {
    if (value.size() == 1) {
      const std::string& key = value.begin().key();
      const Json& arg = value.begin().value();
      Json target;
      if (key == "Ref" || (conditions && key == "Condition")) target = arg;
      if (key == "Fn::GetAtt")
        target = arg.is_array() && !arg.empty() ? arg[0]
                 : arg.is_string()              ? Json(arg.get<std::string>().substr(0, arg.get<std::string>().find('.')))
                                                : Json();
      if (conditions && key == "Fn::If" && arg.is_array() && !arg.empty()) target = arg[0];
      if (target.is_string() && names.count(target.get<std::string>())) out.insert(target.get<std::string>());
    }
    for (const auto& [key, item] : value.items()) references(item, names, out, conditions);
  } else if (value.is_array()) {
    for (const auto& item : value) references(item, names, out, conditions);
  }
}

// The section's IDs in template order, moved after what each refers to; throws on a cycle.
}  // namespace

std::vector<std::string> ordered(const TemplateFile& file, const char* section_name, const Json& entries,
                                 const std::map<std::string, Element>& names, bool conditions) {
  std::vector<std::string> ids;
  std::map<std::string, std::size_t> index;
  for (const auto& [id, body] : entries.items()) index[id] = ids.size(), ids.push_back(id);
  std::vector<std::vector<std::size_t>> users(ids.size());
  std::vector<std::size_t> pending(ids.size(), 0);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::set<std::string> deps;
    references(entries[ids[i]], names, deps, conditions);
    if (!conditions && entries[ids[i]].is_object() && entries[ids[i]].contains("DependsOn")) {
      const Json& d = entries[ids[i]]["DependsOn"];
      for (const auto& name : d.is_array() ? d : Json::array({d}))
        if (name.is_string() && names.count(name.get<std::string>())) deps.insert(name.get<std::string>());
    }
    deps.erase(ids[i]);
    for (const auto& d : deps) users[index[d]].push_back(i), ++pending[i];
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (pending[i] == 0) ready.push(i);
  std::vector<std::string> out;
  while (!ready.empty()) {
    const std::size_t i = ready.top();
    ready.pop();
    out.push_back(ids[i]);
    for (std::size_t user : users[i])
      if (--pending[user] == 0) ready.push(user);
  }
  if (out.size() != ids.size()) {
    std::string cycle;
    std::size_t first = ids.size();
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (pending[i] > 0) cycle += (cycle.empty() ? "" : ", ") + ids[i], first = std::min(first, i);
    throw InputError(file.path, file.line_of(element_pointer(section_name, ids[first])), 0,
                     std::string(section_name) + " refer to each other in a cycle: " + cycle +
                         "; CloudFormation refuses such a template, and C++ cannot declare them in any order");
  }
  return out;
}

}  // namespace formwork::importer::detail
