// graph: DynamoDB tables are nodes; a stream event source, its on-failure destination, bucket
// notifications and data grants become edges.
#include <catch2/catch.hpp>

#include <algorithm>

#include "constructs/core/app.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/dynamodb/table.hpp"
#include "constructs/lambda_event_sources/dynamo_event_source.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/s3_notifications/sqs_destination.hpp"
#include "constructs/sqs/queue.hpp"
#include "graph/graph.hpp"
#include "graph/render.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using graph::NodeKind;

namespace {

bool has_edge(const graph::Graph& g, const std::string& from, const std::string& to, const std::string& label) {
  return std::any_of(g.edges.begin(), g.edges.end(),
                     [&](const graph::Edge& e) { return e.from == from && e.to == to && e.label == label; });
}

}  // namespace

TEST_CASE("a DynamoDB stream consumer and a bucket notifying a queue are drawn with their edges", "[graph][dynamodb]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& table = stack.add<dynamodb::Table>("Posts", {.partition_key = {.name = "id", .type = dynamodb::AttributeType::String},
                                                     .stream = dynamodb::StreamViewType::NewImage});
  auto& failed = stack.add<sqs::Queue>("Failed");
  auto& jobs = stack.add<sqs::Queue>("Jobs");
  auto& fn = stack.add<lambda::Function>("Indexer", testing::inline_function_props());
  fn.add_event_source(lambda_event_sources::DynamoEventSource(
      table, {.starting_position = lambda_event_sources::StartingPosition::Latest, .batch_size = 25, .on_failure_queue = &failed}));
  auto& bucket = stack.add<s3::Bucket>("Uploads");
  bucket.add_object_created_notification(s3_notifications::SqsDestination(jobs));
  auto& api = stack.add<lambda::Function>("Api", testing::inline_function_props());
  table.grant_read_write_data(api);

  graph::Graph g = graph::build_graph(synthesize(app).stacks.at(0).document);
  auto posts = std::find_if(g.nodes.begin(), g.nodes.end(), [](const graph::Node& n) { return n.id == "Posts"; });
  REQUIRE(posts != g.nodes.end());
  CHECK(posts->kind == NodeKind::Table);
  CHECK(to_string(NodeKind::Table) == "table");
  CHECK(has_edge(g, "Posts", "Indexer", "event source mapping (batch 25)"));
  CHECK(has_edge(g, "Indexer", "Failed", "on-failure"));
  CHECK(has_edge(g, "Uploads", "Jobs", "notification (s3:ObjectCreated:*)"));
  CHECK(std::any_of(g.edges.begin(), g.edges.end(),
                    [](const graph::Edge& e) { return e.from == "Api" && e.to == "Posts" && e.label.rfind("grant", 0) == 0; }));
}
