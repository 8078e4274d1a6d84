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
