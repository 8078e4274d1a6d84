// `graph` on stacks of an app (not template files): one stack, all stacks, and the same
// diagram as for the stack's synthesized template (which the README check relies on).

#include <iostream>
#include <sstream>

#include <catch2/catch.hpp>

#include "bin/cli/cli.hpp"
#include "graph/graph.hpp"
#include "graph/render.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/core/template_reader.hpp"
#include "tests/support/cli_runner.hpp"

namespace formwork {
namespace {

// `formwork graph ARGS…` on `app`, in this process.
testing::CliResult run_graph(App& app, std::vector<std::string> args) {
  args.insert(args.begin(), "graph");
  return testing::run_formwork(app, std::move(args));
}

// Two stacks written with the escape hatch, as the service constructs would write them.
void add_stacks(App& app) {
  auto& jobs = app.add<Stack>("Jobs");
  auto& dlq = jobs.add<CfnResource>("Dlq", {.type = "AWS::SQS::Queue", .properties = {}});
  auto& queue = jobs.add<CfnResource>(
      "Queue", {.type = "AWS::SQS::Queue",
                .properties = {{"RedrivePolicy", Value::map({{"deadLetterTargetArn", dlq.get_att("Arn")},
                                                             {"maxReceiveCount", 5}})}}});
  auto& worker = jobs.add<CfnResource>(
      "Worker", {.type = "AWS::Lambda::Function", .properties = {{"Code", Value::map({{"ZipFile", "x"}})},
                                                                  {"Role", "arn:aws:iam::123456789012:role/w"},
                                                                  {"Runtime", "python3.12"}}});
  jobs.add<CfnResource>("WorkerSource", {.type = "AWS::Lambda::EventSourceMapping",
                                         .properties = {{"EventSourceArn", queue.get_att("Arn")},
                                                        {"FunctionName", worker.ref()}}});
  auto& alerts = app.add<Stack>("Alerts");
  auto& topic = alerts.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic", .properties = {}});
  auto& pager = alerts.add<CfnResource>(
      "Pager", {.type = "AWS::Lambda::Function", .properties = {{"Code", Value::map({{"ZipFile", "x"}})},
                                                                 {"Role", "arn:aws:iam::123456789012:role/p"},
                                                                 {"Runtime", "nodejs22.x"}}});
  alerts.add<CfnResource>("PagerTopic", {.type = "AWS::SNS::Subscription",
                                         .properties = {{"Endpoint", pager.get_att("Arn")},
                                                        {"Protocol", "lambda"},
                                                        {"TopicArn", topic.ref()}}});
}

}  // namespace

TEST_CASE("graph draws a stack of the app by name", "[graph]") {
  App app;
  add_stacks(app);
  auto result = run_graph(app, {"Jobs"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out ==
        "flowchart LR\n"
        "  Dlq[(\"Dlq\")]\n"
        "  Queue[(\"Queue\")]\n"
        "  Worker[[\"Worker (python3.12)\"]]\n"
        "  Queue -->|\"dead-letter (after 5 receives)\"| Dlq\n"
        "  Queue -->|\"event source mapping\"| Worker\n");
}

TEST_CASE("graph of a stack equals graph of its synthesized template", "[graph]") {
  App app;
  add_stacks(app);
  auto assembly = synthesize(app);
  for (const auto& stack : assembly.stacks) {
    auto file = parse_template(render(stack), stack.name + ".yaml");
    auto from_template = graph::render_mermaid({{.name = stack.name, .graph = graph::build_graph(file.document)}});
    auto from_stack = run_graph(app, {stack.name});
    CHECK(from_stack.out == from_template);
    CHECK(graph::build_graph(file.document).edges.size() == graph::build_graph(stack.document).edges.size());
  }
}

TEST_CASE("graph with no arguments draws every stack, one subgraph each", "[graph]") {
  App app;
  add_stacks(app);
  auto result = run_graph(app, {"--format", "mermaid"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("  subgraph Jobs[\"Jobs\"]\n") && Catch::Contains("  subgraph Alerts[\"Alerts\"]\n"));
  CHECK_THAT(result.out, Catch::Contains("    Alerts_Topic -->|\"subscription\"| Alerts_Pager\n"));
  CHECK_THAT(result.out, Catch::Contains("    Jobs_Queue -->|\"event source mapping\"| Jobs_Worker\n"));
}

}  // namespace formwork
