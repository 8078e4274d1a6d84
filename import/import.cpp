#include "import/import.hpp"

#include <map>

#include "import/detail/cpp_text.hpp"
#include "import/detail/stack_writer.hpp"

namespace formwork::importer {
namespace {

std::string base_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

}  // namespace

std::string stack_header(const ImportOptions& options) {
  std::string text = R"(#pragma once

#include <formwork/formwork.hpp>

/// The stack imported by `formwork import`: the template's parameters, mappings, conditions,
/// resources and outputs as constructs, with their logical IDs.
class AppStack : public formwork::Stack {
 public:
  AppStack(formwork::Construct& scope, std::string_view id, const formwork::StackProps& props = {});
};
)";
  for (auto at = text.find("AppStack"); at != std::string::npos; at = text.find("AppStack", at + options.class_name.size()))
    text.replace(at, 8, options.class_name);
  return text;
}

namespace {

std::string main_source(const TemplateFile& file, const std::string& stack_id) {
  std::string props;
  if (auto d = file.document.find("Description"); d != file.document.end() && d->is_string())
    props = ", {.description = " + detail::cpp_string(d->get<std::string>()) + "}";
  return R"(// The app: its stack, and every formwork command from one call.
#include <formwork/cli.hpp>

#include "app_stack.hpp"

int main(int argc, char** argv) {
  formwork::App app;
  app.add<AppStack>()" + detail::cpp_string(stack_id) + props + R"();
  return formwork::run_cli(app, argc, argv);  // synth, ls, diff, lint, deploy, destroy, graph, …
}
)";
}

std::string test_source(const TemplateFile& file, const std::string& stack_id) {
  std::map<std::string, int> counts;
  if (auto r = file.document.find("Resources"); r != file.document.end() && r->is_object())
    for (const auto& [id, body] : r->items())
      if (body.is_object() && body.contains("Type") && body["Type"].is_string())
        ++counts[body["Type"].get<std::string>()];
  std::string checks;
  for (const auto& [type, n] : counts)
    checks += "    t.resource_count_is(" + detail::cpp_string(type) + ", " + std::to_string(n) + ");\n";
  return R"(// The stack's test: `cmake --build build && ctest --test-dir build`. It starts with what the
// imported template had (its resources, by type); add what the stack must keep.
#include <cstdio>

#include <formwork/assertions.hpp>

#include "../app_stack.hpp"

using formwork::assertions::Template;

int main() {
  try {
    formwork::App app;
    auto& stack = app.add<AppStack>()" + detail::cpp_string(stack_id) + R"();
    auto t = Template::from_stack(stack);
)" + checks + R"(  } catch (const std::exception& e) {
    std::fprintf(stderr, "FAILED: %s\n", e.what());
    return 1;
  }
  std::puts("passed");
  return 0;
}
)";
}

std::string readme(const TemplateFile& file, const std::string& stack_id, const ImportedProject& project) {
  return "# " + stack_id + "\n\nA formwork app imported by `formwork import` from `" + base_name(file.path) +
         "`: `app_stack.cpp` is the stack (" + std::to_string(project.typed) + " resources with typed L1 constructs, " +
         std::to_string(project.generic) + " with CfnResource), `main.cpp` the app.\n" + R"(
```sh
formwork synth            # builds the app and writes templates/)" + stack_id + R"(.yaml
formwork diff ORIGINAL templates/)" + stack_id + R"(.yaml   # against the imported template: no differences
formwork lint             # formwork's checks and cfn-lint
formwork deploy           # aws cloudformation deploy
cmake --build build && ctest --test-dir build   # the stack's test (test/app_stack_test.cpp)
```

The logical IDs are the template's, so deploying the app over the stack the template made
replaces nothing. docs/import.md in formwork says what is carried over and how.
)";
}

}  // namespace

std::string stack_source(const TemplateFile& file, std::string_view text, const ImportOptions& options,
                         std::vector<std::string>* warnings, int* typed, int* generic) {
  auto code = detail::write_stack(file, options.comments ? text : std::string_view());
  if (warnings) *warnings = code.warnings;
  if (typed) *typed = code.typed;
  if (generic) *generic = code.generic;
  std::string out = "// The stack " + options.stack_id + ", imported by `formwork import` from " + base_name(file.path) +
                    ": one construct a\n// statement, the template's logical IDs kept.\n#include \"" + options.header + "\"\n\n";
  for (const auto& include : code.includes) out += "#include \"" + include + "\"\n";
  if (!code.includes.empty()) out += "\n";
  out += "using namespace formwork;\n\n" +
         options.class_name + "::" + options.class_name +
         "(Construct& scope, std::string_view id, const StackProps& props) : Stack(scope, id, props) {\n" +
         code.body + "}\n";
  return out;
}

ImportedProject import_template(const TemplateFile& file, std::string_view text, const ImportOptions& options) {
  ImportedProject project;
  const std::string stack = stack_source(file, text, options, &project.warnings, &project.typed, &project.generic);
  project.files = {
      {"main.cpp", main_source(file, options.stack_id)},
      {"app_stack.hpp", stack_header(options)},
      {"app_stack.cpp", stack},
      {"test/app_stack_test.cpp", test_source(file, options.stack_id)},
      {"README.md", readme(file, options.stack_id, project)},
  };
  return project;
}

}  // namespace formwork::importer
