// The Mermaid and DOT renderers: structure, escaping, and that Graphviz renders the DOT.

#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "graph/render.hpp"
#include "constructs/core/template_reader.hpp"
#include "tests/support/tools.hpp"

namespace formwork::graph {
namespace {

NamedGraph fixture(const std::string& name) {
  auto path = testing::source_dir() / "tests/graph/fixtures" / name;
  return {.name = path.stem().string(), .graph = build_graph(read_template(path.string()).document)};
}

const std::vector<std::string> kFixtures = {"AsyncSquareApi.yaml", "LambdaAsyncDlq.yaml", "SnsToLambda.yaml",
                                            "SqsToLambda.yaml", "hand_written.json"};

// Checks the Mermaid text line by line against the few statement forms the renderer may use,
// that every edge joins declared nodes, and that no id is declared twice. Returns the problems.
std::vector<std::string> mermaid_problems(const std::string& text) {
  static const std::regex node(R"re(^ +([A-Za-z0-9_]+)(\[\[|\[\(|\{\{|\(\[|\[/|\[\\|>|\[)"[^"\n]*"(\]\]|\)\]|\}\}|\]\)|/\]|\])$)re");
  static const std::regex edge(R"re(^ +([A-Za-z0-9_]+) (-->|-\.->)\|"[^"\n]*"\| ([A-Za-z0-9_]+)$)re");
  static const std::regex subgraph(R"re(^  subgraph ([A-Za-z0-9_]+)\["[^"\n]*"\]$)re");
  std::vector<std::string> problems;
  std::set<std::string> declared;
  std::vector<std::pair<std::string, std::string>> edges;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  int depth = 0;
  while (std::getline(lines, line)) {
    ++number;
    std::smatch m;
    if (number == 1) {
      if (line != "flowchart LR") problems.push_back("first line is not 'flowchart LR': " + line);
    } else if (std::regex_match(line, m, node)) {
      if (!declared.insert(m[1]).second) problems.push_back("node declared twice: " + line);
    } else if (std::regex_match(line, m, edge)) {
      edges.emplace_back(m[1], m[3]);
    } else if (std::regex_match(line, m, subgraph)) {
      if (!declared.insert(m[1]).second) problems.push_back("subgraph id reused: " + line);
      ++depth;
    } else if (line == "  end" && depth > 0) {
      --depth;
    } else {
      problems.push_back("line " + std::to_string(number) + " is not a node, edge or subgraph: " + line);
    }
  }
  if (depth != 0) problems.push_back("unclosed subgraph");
  for (const auto& [from, to] : edges)
    if (declared.count(from) == 0 || declared.count(to) == 0) problems.push_back("edge to undeclared node: " + from + " -> " + to);
  return problems;
}

Graph tricky_graph() {
  return Graph{
      .nodes = {{.id = "A", .kind = NodeKind::Function, .label = R"(say "hi" #1 <b>x</b> `c` back\slash)"},
                {.id = "end", .kind = NodeKind::Queue, .label = "multi\nline"}},
      .edges = {{.from = "A", .to = "end", .label = R"(label "quoted" {braces} a\b)", .grant = false},
                {.from = "end", .to = "A", .label = "grant (x:*)", .grant = true}},
  };
}

}  // namespace

TEST_CASE("renders each fixture as a well-formed Mermaid flowchart", "[graph]") {
  for (const auto& name : kFixtures) {
    auto text = render_mermaid({fixture(name)});
    INFO(name << ":\n" << text);
    CHECK(mermaid_problems(text).empty());
    for (const auto& problem : mermaid_problems(text)) UNSCOPED_INFO(problem);
  }
}

TEST_CASE("draws each kind of node with its own Mermaid shape and grants dashed", "[graph]") {
  auto async_api = render_mermaid({fixture("AsyncSquareApi.yaml")});
  CHECK(async_api ==
        "flowchart LR\n"
        "  DestQueue[(\"DestQueue\")]\n"
        "  Square[[\"Square (python3.12)\"]]\n"
        "  SquareApiSquareNumberGet([\"GET /square/{number}\"])\n"
        "  Square -->|\"on-success\"| DestQueue\n"
        "  SquareApiSquareNumberGet -->|\"sync or async invoke (InvocationType header)\"| Square\n");
  auto hand = render_mermaid({fixture("hand_written.json")});
  CHECK_THAT(hand, Catch::Contains("  Uploads[\\\"Uploads\"/]\n"));
  CHECK_THAT(hand, Catch::Contains("  Notifications{{\"Notifications\"}}\n"));
  CHECK_THAT(hand, Catch::Contains("  Orders>\"Orders\"]\n"));
  CHECK_THAT(hand, Catch::Contains("  OrderPlaced[/\"OrderPlaced\"/]\n"));
  CHECK_THAT(hand, Catch::Contains("  Thumbnailer -.->|\"grant (sns:Publish)\"| Notifications\n"));
}

TEST_CASE("escapes Mermaid labels and keeps ids clear of keywords", "[graph]") {
  CHECK(mermaid_string(R"(a "b" #c <d> `e`)") == R"("a #quot;b#quot; #35;c #lt;d#gt; #96;e#96;")");
  CHECK(mermaid_string("two\nlines") == "\"two lines\"");
  CHECK(mermaid_id("end") == "n_end");
  CHECK(mermaid_id("End") == "n_End");
  CHECK(mermaid_id("Ending") == "Ending");
  CHECK(mermaid_id("my-stack.v2") == "my_stack_v2");
  auto text = render_mermaid({{.name = "T", .graph = tricky_graph()}});
  INFO(text);
  CHECK(mermaid_problems(text).empty());
  CHECK_THAT(text, Catch::Contains("n_end -.->|\"grant (x:*)\"| A"));
}

TEST_CASE("puts several stacks in one Mermaid diagram, one subgraph each", "[graph]") {
  auto text = render_mermaid({fixture("LambdaAsyncDlq.yaml"), fixture("SqsToLambda.yaml")});
  INFO(text);
  CHECK(mermaid_problems(text).empty());
  CHECK_THAT(text, Catch::Contains("  subgraph LambdaAsyncDlq[\"LambdaAsyncDlq\"]\n"));
  CHECK_THAT(text, Catch::Contains("    LambdaAsyncDlq_SimpleFunc -->|\"dead-letter\"| LambdaAsyncDlq_DeadLetterQueue\n"));
  CHECK_THAT(text, Catch::Contains("    SqsToLambda_Jobs -->|\"event source mapping (batch 10)\"| SqsToLambda_Worker\n"));
}

TEST_CASE("renders DOT that Graphviz draws without error", "[graph]") {
  if (!testing::require_tool("dot")) return;
  std::vector<std::vector<NamedGraph>> inputs;
  for (const auto& name : kFixtures) inputs.push_back({fixture(name)});
  inputs.push_back({{.name = "Tricky \"stack\"", .graph = tricky_graph()}});
  inputs.push_back({fixture("SnsToLambda.yaml"), fixture("SqsToLambda.yaml"), {.name = "T", .graph = tricky_graph()}});
  for (const auto& graphs : inputs) {
    auto text = render_dot(graphs);
    auto result = testing::run({"dot", "-Tsvg"}, {.input = text});
    INFO(text << "\n" << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK_THAT(result.out, Catch::Contains("<svg"));
  }
}

TEST_CASE("writes DOT with quoted ids, labels and shapes by kind", "[graph]") {
  auto text = render_dot({fixture("SqsToLambda.yaml")});
  CHECK_THAT(text, Catch::StartsWith("digraph \"SqsToLambda\" {\n  rankdir=LR;\n"));
  CHECK_THAT(text, Catch::Contains("  \"Jobs\" [label=\"Jobs\", shape=cylinder];\n"));
  CHECK_THAT(text, Catch::Contains("  \"Worker\" [label=\"Worker (python3.12)\", shape=component];\n"));
  CHECK_THAT(text, Catch::Contains("  \"Every5Minutes\" -> \"Worker\" [label=\"schedule (rate(5 minutes))\"];\n"));
  CHECK(dot_string(R"(a "b" \c)") == R"("a \"b\" \\c")");
}

}  // namespace formwork::graph
