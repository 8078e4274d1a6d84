// `graph` on the four reference stacks of stacks/ (DESIGN.md): the architecture each is meant
// to have, asserted by node kinds and labels and by edge labels, so that renaming a construct
// does not break the test but losing a connection does.

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "graph/graph.hpp"
#include "constructs/core/synthesis.hpp"
#include "stacks/reference_stacks.hpp"

namespace formwork::graph {
namespace {

// Handlers are read relative to the repository root, as `formwork` is run from there.
struct InSourceDir {
  InSourceDir() : previous_(std::filesystem::current_path()) { std::filesystem::current_path(FORMWORK_SOURCE_DIR); }
  ~InSourceDir() { std::filesystem::current_path(previous_); }
  InSourceDir(const InSourceDir&) = delete;
  InSourceDir& operator=(const InSourceDir&) = delete;

 private:
  std::filesystem::path previous_;
};

Graph reference_graph(const std::string& stack) {
  InSourceDir in_source;
  App app;
  stacks::add_reference_stacks(app);
  auto assembly = synthesize(app);
  const auto* synthesized = assembly.find(stack);
  REQUIRE(synthesized != nullptr);
  return build_graph(synthesized->document);
}

std::string describe(const Graph& g) {
  std::ostringstream out;
  for (const auto& n : g.nodes) out << "node " << n.id << " [" << to_string(n.kind) << "] " << n.label << "\n";
  for (const auto& e : g.edges) out << "edge " << e.from << " -> " << e.to << " : " << e.label << "\n";
  return out.str();
}

std::size_t count_kind(const Graph& g, NodeKind kind) {
  return static_cast<std::size_t>(std::count_if(g.nodes.begin(), g.nodes.end(), [&](const Node& n) { return n.kind == kind; }));
}

// The edges labelled `label` from a node of kind `from` to a node of kind `to`.
std::vector<Edge> edges_of(const Graph& g, NodeKind from, const std::string& label, NodeKind to) {
  std::vector<Edge> out;
  for (const auto& e : g.edges)
    if (e.label == label && g.find(e.from)->kind == from && g.find(e.to)->kind == to) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("AsyncSquareApi: a GET route invokes the function sync or async, results go to a queue", "[graph]") {
  auto g = reference_graph("AsyncSquareApi");
  INFO(describe(g));
  auto invoke = edges_of(g, NodeKind::Route, "sync or async invoke (InvocationType header)", NodeKind::Function);
  REQUIRE(invoke.size() == 1);
  CHECK(g.find(invoke[0].from)->label == "GET /square/{number}");
  CHECK_THAT(g.find(invoke[0].to)->label, Catch::EndsWith("(python3.12)"));
  auto on_success = edges_of(g, NodeKind::Function, "on-success", NodeKind::Queue);
  REQUIRE(on_success.size() == 1);
  CHECK(on_success[0].from == invoke[0].to);
  CHECK(count_kind(g, NodeKind::Function) == 1);
  CHECK(count_kind(g, NodeKind::Route) == 1);
  for (const auto& e : g.edges) CHECK_FALSE(e.grant);  // every grant is explained by its edge
}

TEST_CASE("LambdaAsyncDlq: the function's failed async events go to its dead-letter queue", "[graph]") {
  auto g = reference_graph("LambdaAsyncDlq");
  INFO(describe(g));
  auto dlq = edges_of(g, NodeKind::Function, "dead-letter", NodeKind::Queue);
  REQUIRE(dlq.size() == 1);
  CHECK(g.find(dlq[0].from)->label == "SimpleFunc (python3.12)");
  CHECK(count_kind(g, NodeKind::Function) == 1);
  for (const auto& e : g.edges) CHECK_FALSE(e.grant);
}

TEST_CASE("SnsToLambda: a topic subscription to a Node.js function, a proxy API to another", "[graph]") {
  auto g = reference_graph("SnsToLambda");
  INFO(describe(g));
  auto subscription = edges_of(g, NodeKind::Topic, "subscription", NodeKind::Function);
  REQUIRE(subscription.size() == 1);
  CHECK_THAT(g.find(subscription[0].to)->label, Catch::EndsWith("(nodejs22.x)"));
  auto routes = edges_of(g, NodeKind::Route, "sync invoke", NodeKind::Function);
  REQUIRE(routes.size() == 2);
  CHECK(routes[0].to == routes[1].to);
  CHECK(routes[0].to != subscription[0].to);
  std::set<std::string> labels{g.find(routes[0].from)->label, g.find(routes[1].from)->label};
  CHECK(labels == std::set<std::string>{"ANY /", "ANY /{proxy+}"});
  for (const auto& e : g.edges) CHECK_FALSE(e.grant);
}

TEST_CASE("SqsToLambda: a queue with a redrive policy feeds the function, a schedule invokes it", "[graph]") {
  auto g = reference_graph("SqsToLambda");
  INFO(describe(g));
  auto mapping = edges_of(g, NodeKind::Queue, "event source mapping (batch 10)", NodeKind::Function);
  REQUIRE(mapping.size() == 1);
  auto redrive = edges_of(g, NodeKind::Queue, "dead-letter (after 3 receives)", NodeKind::Queue);
  REQUIRE(redrive.size() == 1);
  CHECK(redrive[0].from == mapping[0].from);
  auto schedule = edges_of(g, NodeKind::Rule, "schedule (rate(5 minutes))", NodeKind::Function);
  REQUIRE(schedule.size() == 1);
  CHECK(schedule[0].to == mapping[0].to);
  CHECK_THAT(g.find(schedule[0].from)->label, Catch::EndsWith("(rate(5 minutes))"));
  for (const auto& e : g.edges) CHECK_FALSE(e.grant);
}

}  // namespace formwork::graph
