// `formwork graph` as a user runs it: the built program on template files.

#include <catch2/catch.hpp>

#include "tests/support/tools.hpp"

namespace formwork::testing {
namespace {

std::string fixture(const std::string& name) { return (source_dir() / "tests/graph/fixtures" / name).string(); }

// Run from the repository root, as formwork is (the reference stacks read their handlers).
process::RunResult formwork(std::vector<std::string> args) {
  args.insert(args.begin(), formwork_bin());
  process::RunOptions options;
  options.working_directory = source_dir().string();
  return testing::run(args, options);
}

// A failure is one `error: …` line on stderr, nothing on stdout, exit code 2.
void require_one_line_error(const process::RunResult& result, const std::string& fragment) {
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK_THAT(result.err, Catch::StartsWith("error: ") && Catch::Contains(fragment));
  CHECK(result.err.find('\n') == result.err.size() - 1);
}

}  // namespace

TEST_CASE("graph prints the Mermaid diagram of a template file", "[graph]") {
  auto result = formwork({"graph", fixture("SqsToLambda.yaml")});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out ==
        "flowchart LR\n"
        "  JobsDlq[(\"JobsDlq\")]\n"
        "  Jobs[(\"Jobs\")]\n"
        "  Worker[[\"Worker (python3.12)\"]]\n"
        "  Every5Minutes[/\"Every5Minutes (rate(5 minutes))\"/]\n"
        "  Jobs -->|\"dead-letter (after 3 receives)\"| JobsDlq\n"
        "  Jobs -->|\"event source mapping (batch 10)\"| Worker\n"
        "  Every5Minutes -->|\"schedule (rate(5 minutes))\"| Worker\n");
}

TEST_CASE("graph --format dot output renders with Graphviz", "[graph]") {
  if (!require_tool("dot")) return;
  for (const auto& name : {"AsyncSquareApi.yaml", "LambdaAsyncDlq.yaml", "SnsToLambda.yaml", "SqsToLambda.yaml",
                           "hand_written.json"}) {
    auto graph = formwork({"graph", "--format", "dot", fixture(name)});
    INFO(name << ": " << graph.err);
    REQUIRE(graph.exit_code == 0);
    auto svg = run({"dot", "-Tsvg"}, {.environment = {}, .input = graph.out});
    INFO(graph.out << "\n" << svg.err);
    CHECK(svg.exit_code == 0);
    CHECK(svg.err.empty());
    CHECK_THAT(svg.out, Catch::Contains("</svg>"));
  }
  auto both = formwork({"graph", "--format", "dot", fixture("AsyncSquareApi.yaml"), fixture("hand_written.json")});
  REQUIRE(both.exit_code == 0);
  auto svg = run({"dot", "-Tsvg"}, {.environment = {}, .input = both.out});
  CHECK(svg.exit_code == 0);
  CHECK_THAT(svg.out, Catch::Contains("GET /square/{number}") && Catch::Contains("POST /orders"));
}

TEST_CASE("graph -o writes the diagram to a file", "[graph]") {
  TempDir dir;
  auto out = (dir.path() / "arch.mmd").string();
  auto result = formwork({"graph", fixture("AsyncSquareApi.yaml"), fixture("SnsToLambda.yaml"), "-o", out});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out == "wrote " + out + "\n");
  auto printed = formwork({"graph", fixture("AsyncSquareApi.yaml"), fixture("SnsToLambda.yaml")});
  CHECK(read_file(out) == printed.out);
  CHECK_THAT(printed.out, Catch::Contains("  subgraph AsyncSquareApi[\"AsyncSquareApi\"]\n") &&
                              Catch::Contains("  subgraph SnsToLambda[\"SnsToLambda\"]\n"));
}

TEST_CASE("graph fails with one line and exit code 2 on bad input", "[graph]") {
  TempDir dir;
  write_file(dir.path() / "bad.yaml", "Resources:\n  Q: [unclosed\n");
  write_file(dir.path() / "empty.yaml", "Description: no resources here\n");
  require_one_line_error(formwork({"graph", (dir.path() / "bad.yaml").string()}), "bad.yaml:");
  require_one_line_error(formwork({"graph", (dir.path() / "empty.yaml").string()}), "no Resources mapping");
  require_one_line_error(formwork({"graph", (dir.path() / "missing.yaml").string()}), "no such template file");
  require_one_line_error(formwork({"graph", "NoSuchStack"}), "no stack named 'NoSuchStack'");
  auto bad_format = formwork({"graph", "--format", "png", fixture("SqsToLambda.yaml")});
  CHECK(bad_format.exit_code == 2);
  CHECK(bad_format.out.empty());
}

}  // namespace formwork::testing
