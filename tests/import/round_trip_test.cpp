// `formwork import` round trip: templates are imported into one project (the first by the
// formwork tool, the others by the engine as further stacks of the same app), the project is
// built against this formwork, synthesized again, and the diff engine compares each template
// with the original: no resource added, removed or changed, the same logical IDs, the same
// parameters, mappings, conditions and outputs.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "diff/diff_engine.hpp"
#include "import/detail/cpp_text.hpp"
#include "import/import.hpp"
#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

namespace {

struct Imported {
  fs::path original;
  std::string stack;
};

std::string describe(const formwork::diff::StackDiff& d) {
  std::string out;
  for (const auto& r : d.resources) {
    out += "  resource " + r.logical_id + " " + formwork::diff::to_string(r.kind) + ":";
    for (const auto& c : r.changes)
      out += " " + c.path_text() + " (" + (c.old_value ? c.old_value->dump() : "-") + " -> " +
             (c.new_value ? c.new_value->dump() : "-") + ")";
    out += "\n";
  }
  for (const auto& e : d.elements)
    out += "  " + e.section + " " + e.name + " " + formwork::diff::to_string(e.kind) + ": " +
           (e.old_value ? e.old_value->dump() : "-") + " -> " + (e.new_value ? e.new_value->dump() : "-") + "\n";
  return out;
}

// What a formwork stack cannot hold, so the round trip accepts it as a difference: the
// top-level keys import warns about (Transform, Metadata, Rules, …), and the
// AWSTemplateFormatVersion that synthesis always writes.
bool accepted(const formwork::diff::ElementDiff& e, const nlohmann::ordered_json& original) {
  if (e.section != "Template") return false;
  if (e.name == "AWSTemplateFormatVersion") return !original.contains(e.name);
  return e.name != "Description";
}

// Imports, builds and synthesizes `templates` under `dir`; returns what differs, one line a
// difference, prefixed by the template's path.
std::string round_trip(const std::vector<fs::path>& templates, const fs::path& dir) {
  using formwork::importer::detail::cpp_string;
  const fs::path project = dir / "project";
  const auto start = std::chrono::steady_clock::now();
  std::vector<Imported> stacks;
  auto first = run({formwork_bin(), "import", templates[0].string(), "-o", project.string(), "--stack", "S0"});
  INFO("formwork import " << templates[0] << "\n" << first.out << first.err);
  REQUIRE(first.exit_code == 0);
  stacks.push_back({templates[0], "S0"});
  std::string main_includes = "#include \"app_stack.hpp\"\n", main_stacks, sources;
  auto description = [](const fs::path& path) {
    const auto doc = formwork::read_template(path.string()).document;
    auto d = doc.find("Description");
    return d != doc.end() && d->is_string() ? ", {.description = " + cpp_string(d->get<std::string>()) + "}" : std::string();
  };
  main_stacks += "  app.add<AppStack>(\"S0\"" + description(templates[0]) + ");\n";
  for (std::size_t i = 1; i < templates.size(); ++i) {
    const std::string n = std::to_string(i);
    formwork::importer::ImportOptions options{.stack_id = "S" + n, .class_name = "Stack" + n, .header = "stack_" + n + ".hpp"};
    const auto file = formwork::read_template(templates[i].string());
    write_file(project / ("stack_" + n + ".hpp"), formwork::importer::stack_header(options));
    write_file(project / ("stack_" + n + ".cpp"), formwork::importer::stack_source(file, read_file(templates[i]), options));
    main_includes += "#include \"stack_" + n + ".hpp\"\n";
    main_stacks += "  app.add<Stack" + n + ">(\"S" + n + "\"" + description(templates[i]) + ");\n";
    sources += " stack_" + n + ".cpp";
    stacks.push_back({templates[i], "S" + n});
  }
  write_file(project / "main.cpp", "#include <formwork/cli.hpp>\n\n" + main_includes +
                                       "\nint main(int argc, char** argv) {\n  formwork::App app;\n" + main_stacks +
                                       "  return formwork::run_cli(app, argc, argv);\n}\n");
  if (!sources.empty())
    write_file(project / "CMakeLists.txt",
               read_file(project / "CMakeLists.txt") + "target_sources(project_stacks PRIVATE" + sources + ")\n");
  const auto imported = std::chrono::steady_clock::now();
  auto synth = run({formwork_bin(), "synth", "-o", (dir / "out").string()}, {.working_directory = project.string()});
  INFO("formwork synth\n" << synth.out << synth.err);
  REQUIRE(synth.exit_code == 0);
  const auto done = std::chrono::steady_clock::now();
  // The project's own test (the resources of the first template, by type) builds and passes.
  auto test = run({"cmake", "--build", (project / "build").string(), "--target", "project_test"});
  INFO(test.out << test.err);
  REQUIRE(test.exit_code == 0);
  auto ctest = run({"ctest", "--test-dir", (project / "build").string(), "--output-on-failure"});
  INFO(ctest.out << ctest.err);
  CHECK(ctest.exit_code == 0);
  std::cout << "import round trip of " << templates.size() << " templates: import "
            << std::chrono::duration<double>(imported - start).count() << " s, build and synth "
            << std::chrono::duration<double>(done - imported).count() << " s\n";

  std::string differences;
  for (const auto& s : stacks) {
    const auto before = formwork::read_template(s.original.string()).document;
    const auto after = formwork::read_template((dir / "out" / (s.stack + ".yaml")).string()).document;
    auto d = formwork::diff::diff_templates(s.stack, &before, &after);
    std::erase_if(d.elements, [&](const auto& e) { return accepted(e, before); });
    if (!d.resources.empty() || !d.elements.empty()) differences += s.original.string() + ":\n" + describe(d);
  }
  return differences;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("imported reference templates and test fixtures build and synthesize the same templates",
          "[import][round_trip]") {
  if (!require_tool("cmake")) return;
  // GIVEN every template of templates/ and of the test fixtures that formwork reads and that
  // import takes without a warning (the fixtures made to break a rule, of the schema or of
  // CloudFormation, give one: a project cannot synthesize what the schema checks refuse)
  std::vector<fs::path> templates;
  int unreadable = 0, refused = 0;
  // (tests/import/fixtures/member_shapes.yaml: every shape of typed member, map of structs to
  // map of maps of lists, so that the C++ for each compiles)
  for (const char* folder : {"templates", "tests/graph/fixtures", "tests/lint/fixtures", "tests/local/fixtures",
                             "tests/diff/fixtures", "tests/import/fixtures"}) {
    for (const auto& path : files_in(source_dir() / folder)) {
      const auto ext = path.extension().string();
      if (ext != ".yaml" && ext != ".yml" && ext != ".json") continue;
      std::vector<std::string> warnings;
      try {
        const auto file = formwork::read_template(path.string());
        (void)formwork::importer::stack_source(file, "", {.stack_id = "S"}, &warnings);
      } catch (const std::exception&) {
        ++unreadable;
        continue;
      }
      if (!warnings.empty()) {
        ++refused;
        continue;
      }
      templates.push_back(path);
    }
  }
  INFO(templates.size() << " templates, " << unreadable << " fixtures formwork does not read, " << refused
                        << " with import warnings");
  CHECK(unreadable == 2);  // malformed.yaml, broken.yaml
  CHECK(refused == 3);  // cfn_lint_broken.yaml (schema), FW1005_trip.yaml (an undefined condition), FW2007_trip.yaml (IDs)
  CHECK(templates.size() >= 30);
  TempDir temp;
  // WHEN they are imported, built and synthesized; THEN the diff engine finds nothing
  CHECK(round_trip(templates, temp.path()) == "");
}

TEST_CASE("a generated corpus of every resource type with the schemas' example values round-trips through import",
          "[import][round_trip][corpus]") {
  if (!require_tool("cmake") || !require_tool("python3")) return;
  TempDir temp;
  // GIVEN templates with one resource of every type of the schemas (1,584 types, 16 templates)
  auto corpus = run({"python3", (source_dir() / "scripts/l1_example_templates.py").string(),
                     (temp.path() / "corpus").string(), "--every", "1", "--per-template", "100"});
  INFO(corpus.out << corpus.err);
  REQUIRE(corpus.exit_code == 0);
  const auto corpus_files = files_in(temp.path() / "corpus");
  int typed = 0, generic = 0;
  for (const auto& path : corpus_files) {
    int t = 0, g = 0;
    (void)formwork::importer::stack_source(formwork::read_template(path.string()), "", {.stack_id = "S"}, nullptr, &t, &g);
    typed += t, generic += g;
  }
  CHECK(typed == 1584);  // every type through its typed class
  CHECK(generic == 0);
  // WHEN they are imported, built and synthesized; THEN the diff engine finds nothing
  CHECK(round_trip(corpus_files, temp.path()) == "");
}
