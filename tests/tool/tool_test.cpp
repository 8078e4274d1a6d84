// The formwork tool on its own: template files from any folder, and inside a project the
// project's app, rebuilt and run from the project's root.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

namespace {

formwork::process::RunResult formwork_in(const fs::path& directory, std::vector<std::string> args) {
  args.insert(args.begin(), formwork_bin());
  return run(args, {.working_directory = directory.string()});
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("outside a project the tool lints, diffs and graphs template files, and says why it cannot synth",
          "[tool]") {
  TempDir dir;  // under /tmp: no formwork.json here or above
  REQUIRE_FALSE(fs::exists(dir.path().parent_path() / "formwork.json"));
  fs::copy_file(source_dir() / "templates/LambdaAsyncDlq.yaml", dir.path() / "old.yaml");
  std::string changed = read_file(dir.path() / "old.yaml");
  const std::string from = "MaximumRetryAttempts: 2";
  REQUIRE(changed.find(from) != std::string::npos);
  changed.replace(changed.find(from), from.size(), "MaximumRetryAttempts: 1");
  write_file(dir.path() / "new.yaml", changed);

  auto help = formwork_in(dir.path(), {"--help"});
  CHECK(help.exit_code == 0);
  for (const char* command : {"synth", "lint", "diff", "graph", "deploy", "destroy", "init"})
    CHECK(help.out.find(std::string("  ") + command) != std::string::npos);
  auto version = formwork_in(dir.path(), {"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("formwork ", 0) == 0);
  CHECK(formwork_in(dir.path(), {"lint", "--help"}).exit_code == 0);

  auto diff = formwork_in(dir.path(), {"diff", "old.yaml", "new.yaml", "--fail"});
  INFO(diff.out << diff.err);
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.find("MaximumRetryAttempts: 2 → 1") != std::string::npos);
  auto lint = formwork_in(dir.path(), {"lint", "--no-cfn-lint", "old.yaml"});
  INFO(lint.out << lint.err);
  CHECK(lint.exit_code == 0);
  auto graph = formwork_in(dir.path(), {"graph", "new.yaml"});
  CHECK(graph.exit_code == 0);
  CHECK(graph.out.find("flowchart LR") != std::string::npos);

  for (std::vector<std::string> needs_app : {std::vector<std::string>{"synth"}, {"ls"}, {"lint"}, {"diff"}}) {
    auto result = formwork_in(dir.path(), needs_app);
    INFO(needs_app.front() << ": " << result.err);
    CHECK(result.exit_code == 2);
    CHECK(lines(result.err) == 1);
    CHECK(result.err.rfind("error: no formwork project here: no formwork.json in ", 0) == 0);
    CHECK(result.out.empty());
  }
}

TEST_CASE("inside the repository the tool builds the reference app and runs it from the root, from any subfolder",
          "[tool]") {
  for (const fs::path& folder : {source_dir(), source_dir() / "docs", source_dir() / "stacks"}) {
    auto listed = formwork_in(folder, {"ls"});
    INFO(folder << ": " << listed.err);
    CHECK(listed.exit_code == 0);
    CHECK(listed.out == "AsyncSquareApi\nBlogStack\nLambdaAsyncDlq\nSnsToLambda\nSqsToLambda\nUploadPipeline\n");
  }
  // Help and version are the tool's own, in a project too; a subcommand's help is the app's.
  CHECK(formwork_in(source_dir(), {"--help"}).out.find("  init") != std::string::npos);
  auto synth_help = formwork_in(source_dir() / "docs", {"synth", "--help"});
  CHECK(synth_help.exit_code == 0);
  CHECK(synth_help.out.find("--format") != std::string::npos);
}

TEST_CASE("a malformed formwork.json, or an app that is not there, is one line and exit 2", "[tool]") {
  TempDir dir;
  write_file(dir.path() / "formwork.json", "{\"app\": {\"target\": 3}}");
  write_file(dir.path() / "sub" / "keep", "");
  auto malformed = formwork_in(dir.path() / "sub", {"synth"});
  CHECK(malformed.exit_code == 2);
  CHECK(lines(malformed.err) == 1);
  CHECK(malformed.err.find((dir.path() / "formwork.json").string() + ": needs {\"app\": {\"target\"") !=
        std::string::npos);
  // The tool's own commands do not need the project.
  CHECK(formwork_in(dir.path(), {"--version"}).exit_code == 0);

  write_file(dir.path() / "formwork.json", "{\"app\": {\"target\": \"x\", \"program\": \"no-such-program\"}}");
  write_file(dir.path() / "CMakeLists.txt",
             "cmake_minimum_required(VERSION 3.20)\nproject(x NONE)\nadd_custom_target(x)\n");
  auto missing = formwork_in(dir.path(), {"synth"});
  INFO(missing.err);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("error: cannot run the app " + (dir.path() / "no-such-program").string()) !=
        std::string::npos);
}
