// The README's architecture diagrams stay current: for each templates/<Stack>.yaml, the block
// between `<!-- graph:<Stack> -->` and `<!-- /graph:<Stack> -->` must be exactly what
// `formwork graph` prints for it. scripts/update_readme_graphs.sh rewrites them.

#include <filesystem>
#include <optional>

#include <catch2/catch.hpp>

#include "tests/support/tools.hpp"

namespace formwork::testing {
namespace {
namespace fs = std::filesystem;

// The text between the markers of `stack` (both on lines of their own), or nullopt.
std::optional<std::string> readme_block(const std::string& readme, const std::string& stack) {
  auto begin_marker = "<!-- graph:" + stack + " -->\n";
  auto end_marker = "<!-- /graph:" + stack + " -->";
  auto begin = readme.find(begin_marker);
  if (begin == std::string::npos || (begin > 0 && readme[begin - 1] != '\n')) return std::nullopt;
  begin += begin_marker.size();
  auto end = readme.find(end_marker, begin);
  if (end == std::string::npos) return std::nullopt;
  return readme.substr(begin, end - begin);
}

std::string expected_block(const fs::path& template_file) {
  process::RunOptions options;
  options.working_directory = source_dir().string();  // where formwork is run from
  auto result = testing::run({formwork_bin(), "graph", template_file.string()}, options);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return "```mermaid\n" + result.out + "```\n";
}

std::vector<fs::path> templates_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".yaml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Each template of `templates` has its current diagram in `readme`; returns the stale ones.
std::vector<std::string> stale_diagrams(const std::string& readme, const fs::path& templates) {
  std::vector<std::string> stale;
  for (const auto& file : templates_in(templates)) {
    auto stack = file.stem().string();
    auto block = readme_block(readme, stack);
    if (!block || *block != expected_block(file)) stale.push_back(stack);
  }
  return stale;
}

}  // namespace

TEST_CASE("README shows the current diagram of every template in templates/", "[graph]") {
  // Passes vacuously while templates/ is empty.
  auto readme_path = source_dir() / "README.md";
  auto readme = fs::exists(readme_path) ? read_file(readme_path) : std::string();
  auto stale = stale_diagrams(readme, source_dir() / "templates");
  std::string names;
  for (const auto& s : stale) names += " " + s;
  INFO("stale or missing diagrams in README.md:" << names << "\nrun scripts/update_readme_graphs.sh build-dir/formwork");
  CHECK(stale.empty());
}

TEST_CASE("update_readme_graphs.sh rewrites the marked blocks and nothing else", "[graph]") {
  TempDir dir;
  auto templates = dir.path() / "templates";
  fs::create_directories(templates);
  for (const char* name : {"SqsToLambda.yaml", "LambdaAsyncDlq.yaml"})
    fs::copy_file(source_dir() / "tests/graph/fixtures" / name, templates / name);
  auto readme = dir.path() / "README.md";
  const std::string before =
      "# Title\n\nIntro.\n\n<!-- graph:SqsToLambda -->\n```mermaid\nflowchart LR\n  Old[\"stale\"]\n```\n"
      "<!-- /graph:SqsToLambda -->\n\nMiddle text.\n\n<!-- graph:LambdaAsyncDlq -->\n<!-- /graph:LambdaAsyncDlq -->\n"
      "\nEnd.\n";
  write_file(readme, before);
  REQUIRE(stale_diagrams(before, templates) == std::vector<std::string>{"LambdaAsyncDlq", "SqsToLambda"});

  auto script = (source_dir() / "scripts/update_readme_graphs.sh").string();
  process::RunOptions options;
  options.working_directory = source_dir().string();
  auto result = testing::run({"bash", script, formwork_bin(), readme.string(), templates.string()}, options);
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  auto after = read_file(readme);
  INFO(after);
  CHECK(stale_diagrams(after, templates).empty());
  CHECK_THAT(after, Catch::StartsWith("# Title\n\nIntro.\n\n<!-- graph:SqsToLambda -->\n```mermaid\nflowchart LR\n"));
  CHECK_THAT(after, Catch::Contains("<!-- /graph:SqsToLambda -->\n\nMiddle text.\n\n<!-- graph:LambdaAsyncDlq -->\n"));
  CHECK_THAT(after, Catch::EndsWith("<!-- /graph:LambdaAsyncDlq -->\n\nEnd.\n"));
  CHECK(after.find("stale") == std::string::npos);

  // A second run changes nothing; a template without markers is reported.
  auto again = testing::run({"bash", script, formwork_bin(), readme.string(), templates.string()}, options);
  CHECK(again.exit_code == 0);
  CHECK(read_file(readme) == after);
  fs::copy_file(source_dir() / "tests/graph/fixtures/SnsToLambda.yaml", templates / "SnsToLambda.yaml");
  auto unmarked = testing::run({"bash", script, formwork_bin(), readme.string(), templates.string()}, options);
  CHECK(unmarked.exit_code == 1);
  CHECK_THAT(unmarked.err, Catch::Contains("<!-- graph:SnsToLambda -->"));
}

}  // namespace formwork::testing
