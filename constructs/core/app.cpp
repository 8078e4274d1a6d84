#include "constructs/core/app.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "constructs/core/errors.hpp"

namespace formwork {
namespace {

/// Adds the members of a JSON object to `context` (later sources override earlier ones);
/// a number or a boolean is kept as its JSON text.
void merge_object(const nlohmann::json& object, const std::string& source, std::map<std::string, std::string>& context) {
  if (!object.is_object()) throw UsageError("InvalidContext", "", source + ": the context must be a JSON object");
  for (const auto& [key, value] : object.items()) {
    if (value.is_string())
      context[key] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean())
      context[key] = value.dump();
    else
      throw UsageError("InvalidContext", "",
                       source + ": context value '" + key + "' must be a string, a number or a boolean");
  }
}

void merge_project_file(std::map<std::string, std::string>& context) {
  std::ifstream in("formwork.json", std::ios::binary);
  if (!in) return;
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json project;
  try {
    project = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw UsageError("InvalidContext", "", std::string("formwork.json is not valid JSON: ") + e.what());
  }
  if (project.is_object() && project.contains("context")) merge_object(project["context"], "formwork.json", context);
}

void merge_environment(std::map<std::string, std::string>& context) {
  const char* text = std::getenv("FORMWORK_CONTEXT");
  if (text == nullptr || *text == 0) return;
  try {
    merge_object(nlohmann::json::parse(text), "FORMWORK_CONTEXT", context);
  } catch (const nlohmann::json::parse_error& e) {
    throw UsageError("InvalidContext", "", std::string("FORMWORK_CONTEXT is not a JSON object: ") + e.what());
  }
}

}  // namespace

App::App(AppProps props) : props_(std::move(props)) {
  std::map<std::string, std::string> context(props_.context.begin(), props_.context.end());
  merge_project_file(context);
  merge_environment(context);
  context_.assign(context.begin(), context.end());
}

std::optional<std::string> App::context(std::string_view key) const {
  auto it = std::find_if(context_.begin(), context_.end(), [&](const auto& entry) { return entry.first == key; });
  if (it == context_.end()) return std::nullopt;
  return it->second;
}

const App& App::of(const Construct& scope) {
  const Construct* node = &scope;
  while (node->node().scope() != nullptr) node = node->node().scope();
  const auto* app = dynamic_cast<const App*>(node);
  if (app == nullptr) throw UsageError("NoApp", scope.node().path(), "this construct is not in an App's tree");
  return *app;
}

}  // namespace formwork
