// The entry points of vtl/vtl.hpp.

#include "vtl/detail/eval.hpp"
#include "vtl/detail/parser.hpp"

namespace formwork::vtl {

using namespace detail;

namespace {
std::map<std::string, std::string> strings_of(const Value& map) {
  std::map<std::string, std::string> out;
  if (map.kind != Kind::Map) return out;
  for (const auto& [k, v] : map.map->entries) {
    if (v.is_null() || v.kind == Kind::Block) continue;
    try {
      out[k] = to_java_string(v);
    } catch (const std::logic_error& e) {
      throw Error("overrides", 0, 0, std::string("$context override ") + k + ": " + e.what());
    }
  }
  return out;
}

const Value* child(const Value& map, const char* key) {
  return map.kind == Kind::Map ? map.map->find(key) : nullptr;
}
}  // namespace

RenderResult render(std::string_view template_text, const RenderInput& input, const RenderOptions& options) {
  auto root = Parser(template_text, options.template_name, 0, template_text.size(), false).parse_all();
  Env env;
  env.input = &input;
  env.template_name = options.template_name;
  Evaluator evaluator(env, options);
  Value context = make_context(input.context);
  evaluator.vars()["context"] = context;
  evaluator.vars()["stageVariables"] = make_string_map(input.stage_variables);
  RenderResult result;
  evaluator.render(*root, result.output);
  const Value* response = child(context, "responseOverride");
  const Value* request = child(context, "requestOverride");
  if (response) {
    if (const Value* status = child(*response, "status"); status && !status->is_null())
      result.overrides.status = to_java_string(*status);
    if (const Value* headers = child(*response, "header")) result.overrides.response_headers = strings_of(*headers);
  }
  if (request) {
    if (const Value* h = child(*request, "header")) result.overrides.request_headers = strings_of(*h);
    if (const Value* q = child(*request, "querystring")) result.overrides.request_querystring = strings_of(*q);
    if (const Value* p = child(*request, "path")) result.overrides.request_path = strings_of(*p);
  }
  return result;
}

void check(std::string_view template_text, std::string_view template_name) {
  Parser(template_text, template_name, 0, template_text.size(), false).parse_all();
}

std::string jsonpath_json(std::string_view json_text, std::string_view path) {
  auto parsed = nlohmann::ordered_json::parse(json_text, nullptr, false);
  if (parsed.is_discarded()) throw Error("jsonpath", 0, 0, "the JSON text does not parse");
  try {
    auto result = jsonpath_select(parsed, path);
    return result ? to_json_text(from_json(*result)) : "null";
  } catch (const std::logic_error& e) {
    throw Error("jsonpath", 0, 0, e.what());
  }
}

}  // namespace formwork::vtl
