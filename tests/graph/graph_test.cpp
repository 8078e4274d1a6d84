// The graph model: which resources become nodes, and which edges (with which labels) the
// references of a template make, on templates shaped like the four reference stacks and on a
// hand-written one.

#include <algorithm>
#include <sstream>

#include <catch2/catch.hpp>

#include "graph/graph.hpp"
#include "constructs/core/template_reader.hpp"
#include "tests/support/tools.hpp"

namespace formwork::graph {
namespace {

Graph fixture_graph(const std::string& name) {
  return build_graph(read_template((testing::source_dir() / "tests/graph/fixtures" / name).string()).document);
}

std::string describe(const Graph& g) {
  std::ostringstream out;
  for (const auto& n : g.nodes) out << "node " << n.id << " [" << to_string(n.kind) << "] " << n.label << "\n";
  for (const auto& e : g.edges) out << "edge " << e.from << " -> " << e.to << " : " << e.label << (e.grant ? " (grant)" : "") << "\n";
  return out.str();
}

void require_node(const Graph& g, const std::string& id, NodeKind kind, const std::string& label) {
  INFO(describe(g));
  const Node* node = g.find(id);
  REQUIRE(node != nullptr);
  CHECK(node->kind == kind);
  CHECK(node->label == label);
}

void require_edge(const Graph& g, const std::string& from, const std::string& to, const std::string& label,
                  bool grant = false) {
  INFO(describe(g));
  INFO("expected edge " << from << " -> " << to << " : " << label);
  Edge expected{.from = from, .to = to, .label = label, .grant = grant};
  CHECK(std::find(g.edges.begin(), g.edges.end(), expected) != g.edges.end());
}

std::vector<std::string> node_ids(const Graph& g) {
  std::vector<std::string> ids;
  for (const auto& n : g.nodes) ids.push_back(n.id);
  return ids;
}

}  // namespace

TEST_CASE("draws the async square API: route, function, on-success queue, grant folded", "[graph]") {
  auto g = fixture_graph("AsyncSquareApi.yaml");
  CHECK(node_ids(g) == std::vector<std::string>{"DestQueue", "Square", "SquareApiSquareNumberGet"});
  require_node(g, "SquareApiSquareNumberGet", NodeKind::Route, "GET /square/{number}");
  require_node(g, "Square", NodeKind::Function, "Square (python3.12)");
  require_node(g, "DestQueue", NodeKind::Queue, "DestQueue");
  require_edge(g, "SquareApiSquareNumberGet", "Square", "sync or async invoke (InvocationType header)");
  require_edge(g, "Square", "DestQueue", "on-success");
  // The sqs:SendMessage grant is what the destination needs: folded, not a second edge.
  CHECK(g.edges.size() == 2);
}

TEST_CASE("draws the function with its dead-letter queue, the grant folded into it", "[graph]") {
  auto g = fixture_graph("LambdaAsyncDlq.yaml");
  CHECK(node_ids(g) == std::vector<std::string>{"DeadLetterQueue", "SimpleFunc"});
  require_node(g, "SimpleFunc", NodeKind::Function, "SimpleFunc (python3.12)");
  require_edge(g, "SimpleFunc", "DeadLetterQueue", "dead-letter");
  CHECK(g.edges.size() == 1);
}

TEST_CASE("draws a topic subscription and a proxy REST API, permissions folded", "[graph]") {
  auto g = fixture_graph("SnsToLambda.yaml");
  CHECK(node_ids(g) == std::vector<std::string>{"Topic", "Echo", "Hello", "HelloApiProxyAny", "HelloApiRootAny"});
  require_node(g, "Topic", NodeKind::Topic, "Topic");
  require_node(g, "Echo", NodeKind::Function, "Echo (nodejs22.x)");
  require_node(g, "HelloApiProxyAny", NodeKind::Route, "ANY /{proxy+}");
  require_node(g, "HelloApiRootAny", NodeKind::Route, "ANY /");
  require_edge(g, "Topic", "Echo", "subscription");
  require_edge(g, "HelloApiProxyAny", "Hello", "sync invoke");
  require_edge(g, "HelloApiRootAny", "Hello", "sync invoke");
  CHECK(g.edges.size() == 3);
}

TEST_CASE("draws a queue with redrive, event source mapping and a schedule rule", "[graph]") {
  auto g = fixture_graph("SqsToLambda.yaml");
  CHECK(node_ids(g) == std::vector<std::string>{"JobsDlq", "Jobs", "Worker", "Every5Minutes"});
  require_node(g, "Every5Minutes", NodeKind::Rule, "Every5Minutes (rate(5 minutes))");
  require_edge(g, "Jobs", "JobsDlq", "dead-letter (after 3 receives)");
  require_edge(g, "Jobs", "Worker", "event source mapping (batch 10)");
  require_edge(g, "Every5Minutes", "Worker", "schedule (rate(5 minutes))");
  // The consume grant is explained by the event source mapping (the other direction).
  CHECK(g.edges.size() == 3);
}

TEST_CASE("draws a hand-written JSON template from its references", "[graph]") {
  auto g = fixture_graph("hand_written.json");
  CHECK(node_ids(g) == std::vector<std::string>{"Uploads", "Thumbnailer", "Notifications", "Audit", "Orders",
                                                "OrderPlaced", "OrderHandler", "PostOrders"});
  require_node(g, "Uploads", NodeKind::Bucket, "Uploads");
  require_node(g, "Orders", NodeKind::EventBus, "Orders");
  require_node(g, "OrderPlaced", NodeKind::Rule, "OrderPlaced");
  require_node(g, "PostOrders", NodeKind::Route, "POST /orders");
  require_edge(g, "Uploads", "Thumbnailer", "notification (s3:ObjectCreated:*)");
  require_edge(g, "Notifications", "Audit", "subscription");
  require_edge(g, "Orders", "OrderPlaced", "events");
  // The rule targets an alias: drawn to the function behind it.
  require_edge(g, "OrderPlaced", "OrderHandler", "event pattern");
  require_edge(g, "PostOrders", "OrderHandler", "sync invoke");
  // Grants from an inline role policy, a managed policy (Join and Sub ARNs) and no edge for Deny.
  require_edge(g, "Thumbnailer", "Notifications", "grant (sns:Publish)", true);
  require_edge(g, "OrderHandler", "Thumbnailer", "grant (lambda:InvokeFunction)", true);
  require_edge(g, "OrderHandler", "Uploads", "grant (s3:GetObject, s3:ListBucket)", true);
  CHECK_FALSE(g.connected("Thumbnailer", "Audit"));
  CHECK(g.edges.size() == 8);
}

TEST_CASE("labels an API integration by its invocation type", "[graph]") {
  auto document = parse_template(R"(
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12}
  Api:
    Type: AWS::ApiGateway::RestApi
  Always:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: POST
      ResourceId: !GetAtt Api.RootResourceId
      Integration:
        Type: AWS
        RequestParameters:
          integration.request.header.X-Amz-Invocation-Type: "'Event'"
        Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
  Plain:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: PUT
      ResourceId: !GetAtt Api.RootResourceId
      Integration:
        Type: AWS
        Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
)",
                                 "inline.yaml")
                      .document;
  auto g = build_graph(document);
  require_edge(g, "Always", "Fn", "async invoke");
  require_edge(g, "Plain", "Fn", "sync invoke");
  require_node(g, "Always", NodeKind::Route, "POST /");
}

TEST_CASE("shows the telling actions of a grant and shortens long ones", "[graph]") {
  auto document = parse_template(R"(
Resources:
  Role:
    Type: AWS::IAM::Role
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Role.Arn}
  Q:
    Type: AWS::SQS::Queue
  T:
    Type: AWS::SNS::Topic
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [sqs:GetQueueAttributes, sqs:GetQueueUrl, sqs:SendMessage]
            Resource: !GetAtt Q.Arn
          - Effect: Allow
            Action: [sns:Publish, sns:Subscribe, sns:Unsubscribe, sns:TagResource]
            Resource: !Ref T
)",
                                 "inline.yaml")
                      .document;
  auto g = build_graph(document);
  require_node(g, "Fn", NodeKind::Function, "Fn");
  require_edge(g, "Fn", "Q", "grant (sqs:SendMessage)", true);
  require_edge(g, "Fn", "T", "grant (sns:Publish, sns:Subscribe, sns:Unsubscribe, …)", true);
  CHECK(g.edges.size() == 2);
}

TEST_CASE("never makes nodes of roles, policies, permissions or unknown types", "[graph]") {
  for (const char* name : {"AsyncSquareApi.yaml", "LambdaAsyncDlq.yaml", "SnsToLambda.yaml", "SqsToLambda.yaml",
                           "hand_written.json"}) {
    auto path = (testing::source_dir() / "tests/graph/fixtures" / name).string();
    auto file = read_template(path);
    auto g = build_graph(file.document);
    for (const auto& node : g.nodes) {
      auto type = file.document["Resources"][node.id]["Type"].get<std::string>();
      INFO(name << ": " << node.id << " is " << type);
      CHECK(type.rfind("AWS::IAM::", 0) != 0);
      CHECK(type != "AWS::Lambda::Permission");
    }
  }
}

TEST_CASE("tolerates templates that are not shaped as expected", "[graph]") {
  CHECK(build_graph(nlohmann::ordered_json::parse(R"({})")).nodes.empty());
  CHECK(build_graph(nlohmann::ordered_json::parse(R"({"Resources": []})")).nodes.empty());
  auto g = build_graph(nlohmann::ordered_json::parse(R"({"Resources": {
    "Q": {"Type": "AWS::SQS::Queue", "Properties": {"RedrivePolicy": "not an object"}},
    "S": {"Type": "AWS::SNS::Subscription", "Properties": {"TopicArn": 7, "Endpoint": {"Ref": "Q"}}},
    "M": {"Type": "AWS::ApiGateway::Method", "Properties": {"ResourceId": {"Ref": "Missing"}, "Integration": []}},
    "N": {"Type": 5},
    "F": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": "R.Arn"}, "DeadLetterConfig": {"TargetArn": {"Fn::Sub": "${Q.Arn"}}}}
  }})"));
  CHECK(node_ids(g) == std::vector<std::string>{"Q", "M", "F"});
  require_node(g, "M", NodeKind::Route, "ANY /?");
  CHECK(g.edges.empty());
}

}  // namespace formwork::graph
