// Function URLs are entry points of the graph: a route node that invokes its function (an
// alias's URL invokes the alias's function).
#include <catch2/catch.hpp>

#include "constructs/lambda/alias.hpp"
#include "constructs/lambda/version.hpp"
#include "graph/graph.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;

TEST_CASE("a function URL is a route that invokes its function, an alias's URL its alias's function", "[graph]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Api", testing::inline_function_props());
  fn.add_function_url({.auth_type = lambda::FunctionUrlAuthType::None});
  auto& live = stack.add<lambda::Alias>("Live", {.alias_name = "live",
                                                 .version = stack.add<lambda::Version>("V1", {.function = fn})});
  live.add_function_url();
  auto g = graph::build_graph(synthesize(app).stacks.at(0).document);
  const graph::Node* url = g.find("ApiFunctionUrl");
  REQUIRE(url != nullptr);
  CHECK(url->kind == graph::NodeKind::Route);
  CHECK(url->label == "function URL (NONE)");
  REQUIRE(g.find("LiveFunctionUrl") != nullptr);
  CHECK(g.find("LiveFunctionUrl")->label == "function URL live (AWS_IAM)");
  for (const char* from : {"ApiFunctionUrl", "LiveFunctionUrl"}) {
    INFO(from);
    graph::Edge expected{.from = from, .to = "Api", .label = "sync invoke", .grant = false};
    CHECK(std::find(g.edges.begin(), g.edges.end(), expected) != g.edges.end());
  }
}
