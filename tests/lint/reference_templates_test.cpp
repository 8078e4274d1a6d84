// The reference templates (templates/*.yaml, written by `formwork synth` from stacks/) pass
// formwork's own checks and cfn-lint with nothing to report. Until the stacks exist this
// passes vacuously; from then on it guards them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "lint/lint.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> reference_templates() {
  std::vector<std::string> out;
  fs::path folder = testing::source_dir() / "templates";
  if (!fs::is_directory(folder)) return out;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".yaml") out.push_back("templates/" + entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the reference templates have no finding of formwork's own rules", "[lint]") {
  for (const auto& name : reference_templates()) {
    std::string text = testing::read_file(testing::source_dir() / name);
    auto findings = lint::lint_template(parse_template(text, name), {.body_bytes = text.size()});
    std::string listing;
    for (const auto& f : findings) listing += lint::format_finding(f) + "\n";
    INFO(listing);
    CHECK(findings.empty());
  }
}

TEST_CASE("formwork lint reports nothing on the reference templates, cfn-lint included", "[lint][cfn-lint]") {
  auto templates = reference_templates();
  if (templates.empty() || !testing::require_tool("cfn-lint")) return;
  std::vector<std::string> args = {testing::formwork_bin(), "lint", "--require-cfn-lint", "--fail-on", "warning"};
  args.insert(args.end(), templates.begin(), templates.end());
  auto result = testing::run(args, {.working_directory = testing::source_dir().string()});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "0 errors, 0 warnings\n");
}
