// The committed templates in templates/ are what `formwork synth` writes now.
#include <filesystem>
#include <set>

#include <catch2/catch.hpp>

#include "constructs/core/synthesis.hpp"
#include "stacks/reference_stacks.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
namespace fs = std::filesystem;

TEST_CASE("every committed template matches what synth produces now", "[stacks][golden]") {
  App app;
  stacks::add_reference_stacks(app);
  auto assembly = synthesize(app);
  std::set<std::string> expected;
  for (const auto& stack : assembly.stacks) {
    fs::path file = testing::source_dir() / "templates" / template_file_name(stack, TemplateFormat::Yaml);
    expected.insert(file.filename().string());
    INFO("regenerate with: ./build/formwork synth " << stack.name);
    REQUIRE(fs::exists(file));
    CHECK(testing::read_file(file) == render(stack));
  }
  for (const auto& entry : fs::directory_iterator(testing::source_dir() / "templates")) {
    if (entry.path().filename().string().front() == '.') continue;
    INFO("a template without a stack: " << entry.path());
    CHECK(expected.contains(entry.path().filename().string()));
  }
}

TEST_CASE("synthesizing the reference stacks twice gives the same bytes", "[stacks][determinism]") {
  auto synth_all = [] {
    App app;
    stacks::add_reference_stacks(app);
    std::string all;
    for (const auto& stack : synthesize(app).stacks) all += render(stack) + render(stack, {.format = TemplateFormat::Json});
    return all;
  };
  CHECK(synth_all() == synth_all());
}

TEST_CASE("every resource of the reference templates has a comment above it", "[stacks][comments]") {
  App app;
  stacks::add_reference_stacks(app);
  for (const auto& stack : synthesize(app).stacks) {
    std::string yaml = render(stack);
    for (const auto& [id, body] : stack.document["Resources"].items()) {
      INFO(stack.name << " resource " << id);
      auto key = yaml.find("\n  " + id + ":\n");
      REQUIRE(key != std::string::npos);
      auto previous_line = yaml.rfind('\n', key - 1);
      std::string line = yaml.substr(previous_line + 1, key - previous_line - 1);
      CHECK(line.rfind("  # " + stack.construct_paths.at(id), 0) == 0);
      // Beyond the path, the comment says why the resource exists.
      CHECK(line.size() > 4 + stack.construct_paths.at(id).size() + 10);
    }
  }
}
