#include "graph/graph.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "graph/references.hpp"

namespace formwork::graph {

std::string_view to_string(NodeKind kind) {
  switch (kind) {
    case NodeKind::Function: return "function";
    case NodeKind::Queue: return "queue";
    case NodeKind::Topic: return "topic";
    case NodeKind::Route: return "route";
    case NodeKind::Rule: return "rule";
    case NodeKind::Bucket: return "bucket";
    case NodeKind::EventBus: return "event bus";
    case NodeKind::Table: return "table";
  }
  return "node";
}

const Node* Graph::find(std::string_view id) const {
  for (const auto& node : nodes)
    if (node.id == id) return &node;
  return nullptr;
}

bool Graph::connected(std::string_view a, std::string_view b) const {
  return std::any_of(edges.begin(), edges.end(), [&](const Edge& e) {
    return (e.from == a && e.to == b) || (e.from == b && e.to == a);
  });
}

namespace {

const std::map<std::string, NodeKind, std::less<>> kNodeTypes = {
    {"AWS::Lambda::Function", NodeKind::Function}, {"AWS::SQS::Queue", NodeKind::Queue},
    {"AWS::SNS::Topic", NodeKind::Topic},          {"AWS::ApiGateway::Method", NodeKind::Route},
    {"AWS::ApiGatewayV2::Route", NodeKind::Route}, {"AWS::Events::Rule", NodeKind::Rule},
    {"AWS::S3::Bucket", NodeKind::Bucket},         {"AWS::Events::EventBus", NodeKind::EventBus},
    {"AWS::DynamoDB::Table", NodeKind::Table},     {"AWS::Lambda::Url", NodeKind::Route},
};

// Actions that only read a queue's or topic's metadata; a grant that has others is labelled by
// those (`grant (sqs:SendMessage)` rather than three actions of which two say little).
const std::set<std::string, std::less<>> kMetadataActions = {
    "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic"};

constexpr std::size_t kActionsShown = 3;

const Json kEmpty = Json::object();

class Builder {
 public:
  explicit Builder(const Json& document) {
    if (const Json* resources = member(document, "Resources"); resources != nullptr && resources->is_object())
      resources_ = resources;
  }

  Graph build() {
    for (const auto& [id, resource] : resources_->items()) add_node(id, resource);
    for (const auto& [id, resource] : resources_->items()) add_edges(id, resource);
    add_grants();
    return std::move(graph_);
  }

 private:
  [[nodiscard]] std::string type_of(const std::string& id) const {
    const Json* type = dig(*resources_, {id.c_str(), "Type"});
    return type != nullptr && type->is_string() ? type->get<std::string>() : "";
  }

  [[nodiscard]] static const Json& properties(const Json& resource) {
    const Json* p = member(resource, "Properties");
    return p != nullptr && p->is_object() ? *p : kEmpty;
  }

  // The nodes `value` refers to. A reference to a Lambda alias or version stands for its function.
  [[nodiscard]] std::vector<std::string> nodes_in(const Json* value) const {
    std::vector<std::string> out;
    if (value == nullptr) return out;
    for (const auto& id : referenced_resources(*value, *resources_)) {
      std::vector<std::string> ids{id};
      auto type = type_of(id);
      if (type == "AWS::Lambda::Alias" || type == "AWS::Lambda::Version")
        ids = referenced_resources(properties((*resources_)[id]).value("FunctionName", Json()), *resources_);
      for (const auto& n : ids)
        if (graph_.find(n) != nullptr && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
    return out;
  }

  void edge(const std::string& from, const std::string& to, std::string label, bool grant = false) {
    Edge e{.from = from, .to = to, .label = std::move(label), .grant = grant};
    if (std::find(graph_.edges.begin(), graph_.edges.end(), e) == graph_.edges.end()) graph_.edges.push_back(e);
  }

  void edges(const std::vector<std::string>& from, const Json* to, const std::string& label) {
    for (const auto& f : from)
      for (const auto& t : nodes_in(to)) edge(f, t, label);
  }

  void add_node(const std::string& id, const Json& resource) {
    auto kind = kNodeTypes.find(type_of(id));
    if (kind == kNodeTypes.end()) return;
    const Json& props = properties(resource);
    std::string label = id;
    if (kind->second == NodeKind::Function) {
      if (auto runtime = scalar_text(member(props, "Runtime"))) label += " (" + *runtime + ")";
    } else if (kind->second == NodeKind::Rule) {
      if (auto schedule = scalar_text(member(props, "ScheduleExpression"))) label += " (" + *schedule + ")";
    } else if (type_of(id) == "AWS::ApiGateway::Method") {
      label = scalar_text(member(props, "HttpMethod")).value_or("ANY") + " " + route_path(member(props, "ResourceId"), 0);
      if (rest_api_count() > 1) {
        auto apis = referenced_resources(props.value("RestApiId", Json()), *resources_);
        if (!apis.empty()) label = apis.front() + ": " + label;
      }
    } else if (type_of(id) == "AWS::Lambda::Url") {
      auto qualifier = scalar_text(member(props, "Qualifier"));  // an alias
      label = "function URL" + (qualifier ? " " + *qualifier : std::string()) + " (" +
              scalar_text(member(props, "AuthType")).value_or("AWS_IAM") + ")";
    } else if (type_of(id) == "AWS::ApiGatewayV2::Route") {
      label = scalar_text(member(props, "RouteKey")).value_or(id);
    }
    graph_.nodes.push_back(Node{.id = id, .kind = kind->second, .label = std::move(label)});
  }

  // The path of an API Gateway resource: `Fn::GetAtt [Api, RootResourceId]` is "/", a resource
  // is its parent's path plus its PathPart.
  [[nodiscard]] std::string route_path(const Json* resource_id, int depth) const {
    if (resource_id == nullptr || depth > 32) return "/?";
    if (const Json* att = member(*resource_id, "Fn::GetAtt");
        att != nullptr && att->is_array() && att->size() == 2 && (*att)[1] == "RootResourceId")
      return "/";
    for (const auto& id : referenced_resources(*resource_id, *resources_)) {
      if (type_of(id) != "AWS::ApiGateway::Resource") continue;
      const Json& props = properties((*resources_)[id]);
      auto parent = route_path(member(props, "ParentId"), depth + 1);
      auto part = scalar_text(member(props, "PathPart")).value_or("?");
      return (parent == "/" ? "" : parent) + "/" + part;
    }
    return "/?";
  }

  [[nodiscard]] std::size_t rest_api_count() const {
    std::size_t count = 0;
    for (const auto& [id, resource] : resources_->items()) count += type_of(id) == "AWS::ApiGateway::RestApi";
    return count;
  }

  void add_edges(const std::string& id, const Json& resource) {
    auto type = type_of(id);
    const Json& props = properties(resource);
    if (type == "AWS::ApiGateway::Method") return api_method(id, props);
    if (type == "AWS::ApiGatewayV2::Route") return api_v2_route(id, props);
    if (type == "AWS::SNS::Subscription") return subscription(props);
    if (type == "AWS::Lambda::EventSourceMapping") return event_source_mapping(props);
    if (type == "AWS::Lambda::Url") return edges({id}, member(props, "TargetFunctionArn"), "sync invoke");
    if (type == "AWS::Events::Rule") return rule(id, props);
    if (type == "AWS::Lambda::EventInvokeConfig") {
      auto functions = nodes_in(member(props, "FunctionName"));
      edges(functions, dig(props, {"DestinationConfig", "OnSuccess", "Destination"}), "on-success");
      edges(functions, dig(props, {"DestinationConfig", "OnFailure", "Destination"}), "on-failure");
      return;
    }
    if (type == "AWS::Lambda::Function") return edges({id}, dig(props, {"DeadLetterConfig", "TargetArn"}), "dead-letter");
    if (type == "AWS::SQS::Queue") {
      auto count = scalar_text(dig(props, {"RedrivePolicy", "maxReceiveCount"}));
      edges({id}, dig(props, {"RedrivePolicy", "deadLetterTargetArn"}),
            count ? "dead-letter (after " + *count + " receives)" : "dead-letter");
      return;
    }
    if (type == "AWS::SNS::Topic") {
      for (const Json* s : as_list(member(props, "Subscription"))) edges({id}, member(*s, "Endpoint"), "subscription");
      return;
    }
    if (type == "AWS::S3::Bucket") return bucket_notifications(id, props);
  }

  void api_method(const std::string& id, const Json& props) {
    const Json* integration = member(props, "Integration");
    if (integration == nullptr) return;
    auto integration_type = scalar_text(member(*integration, "Type")).value_or("");
    std::string invoke = "sync invoke";
    if (integration_type == "AWS") {
      auto mode = scalar_text(
          dig(*integration, {"RequestParameters", "integration.request.header.X-Amz-Invocation-Type"}));
      const std::string header_prefix = "method.request.header.";
      if (mode == "'Event'") {
        invoke = "async invoke";
      } else if (mode && mode->rfind(header_prefix, 0) == 0) {
        invoke = "sync or async invoke (" + mode->substr(header_prefix.size()) + " header)";
      } else if (mode && mode->rfind("method.request.", 0) == 0) {
        invoke = "sync or async invoke (" + mode->substr(std::string("method.request.").size()) + ")";
      }
    }
    for (const auto& target : nodes_in(member(*integration, "Uri")))
      edge(id, target, graph_.find(target)->kind == NodeKind::Function ? invoke : "integration");
  }

  // HTTP API: Target is `integrations/<Ref integration>`; the integration's IntegrationUri names
  // the function (Lambda proxy integrations are synchronous).
  void api_v2_route(const std::string& id, const Json& props) {
    const Json* target = member(props, "Target");
    if (target == nullptr) return;
    for (const auto& ref : referenced_resources(*target, *resources_)) {
      if (type_of(ref) != "AWS::ApiGatewayV2::Integration") continue;
      for (const auto& to : nodes_in(member(properties((*resources_)[ref]), "IntegrationUri")))
        edge(id, to, graph_.find(to)->kind == NodeKind::Function ? "sync invoke" : "integration");
    }
  }

  void subscription(const Json& props) {
    auto topics = nodes_in(member(props, "TopicArn"));
    edges(topics, member(props, "Endpoint"),
          member(props, "FilterPolicy") != nullptr ? "subscription (filtered)" : "subscription");
    edges(topics, dig(props, {"RedrivePolicy", "deadLetterTargetArn"}), "subscription dead-letter");
  }

  void event_source_mapping(const Json& props) {
    auto functions = nodes_in(member(props, "FunctionName"));
    auto batch = scalar_text(member(props, "BatchSize"));
    std::string label = batch ? "event source mapping (batch " + *batch + ")" : "event source mapping";
    for (const auto& source : nodes_in(member(props, "EventSourceArn")))
      for (const auto& function : functions) edge(source, function, label);
    edges(functions, dig(props, {"DestinationConfig", "OnFailure", "Destination"}), "on-failure");
  }

  void rule(const std::string& id, const Json& props) {
    auto schedule = scalar_text(member(props, "ScheduleExpression"));
    for (const auto& bus : nodes_in(member(props, "EventBusName"))) edge(bus, id, "events");
    for (const Json* target : as_list(member(props, "Targets"))) {
      edges({id}, member(*target, "Arn"), schedule ? "schedule (" + *schedule + ")" : "event pattern");
      edges({id}, dig(*target, {"DeadLetterConfig", "Arn"}), "dead-letter");
    }
  }

  void bucket_notifications(const std::string& id, const Json& props) {
    const Json* config = member(props, "NotificationConfiguration");
    if (config == nullptr) return;
    for (const auto& [list, key] : {std::pair{"LambdaConfigurations", "Function"}, std::pair{"QueueConfigurations", "Queue"},
                                    std::pair{"TopicConfigurations", "Topic"}}) {
      for (const Json* item : as_list(member(*config, list))) {
        auto event = scalar_text(member(*item, "Event"));
        edges({id}, member(*item, key), event ? "notification (" + *event + ")" : "notification");
      }
    }
  }

  // IAM: a policy attached to a function's role whose statements name a node becomes a
  // `grant` edge from the function, unless another edge between the two already explains it
  // (destinations, dead-letter queues and event sources all come with their grant).
  void add_grants() {
    std::map<std::string, std::vector<std::string>> functions_of_role;
    for (const auto& node : graph_.nodes) {
      if (node.kind != NodeKind::Function || type_of(node.id) != "AWS::Lambda::Function") continue;
      for (const auto& role : referenced_resources(properties((*resources_)[node.id]).value("Role", Json()), *resources_))
        functions_of_role[role].push_back(node.id);
    }
    std::vector<std::pair<std::pair<std::string, std::string>, std::vector<std::string>>> grants;
    auto add_document = [&](const std::vector<std::string>& roles, const Json* document) {
      if (document == nullptr) return;
      for (const Json* statement : as_list(member(*document, "Statement"))) {
        if (scalar_text(member(*statement, "Effect")).value_or("Allow") != "Allow") continue;
        std::vector<std::string> actions;
        for (const Json* action : as_list(member(*statement, "Action")))
          if (auto text = scalar_text(action)) actions.push_back(*text);
        for (const auto& target : nodes_in(member(*statement, "Resource")))
          for (const auto& role : roles)
            for (const auto& function : functions_of_role[role]) {
              auto key = std::pair{function, target};
              auto it = std::find_if(grants.begin(), grants.end(), [&](const auto& g) { return g.first == key; });
              if (it == grants.end()) it = grants.insert(grants.end(), {key, {}});
              for (const auto& a : actions)
                if (std::find(it->second.begin(), it->second.end(), a) == it->second.end()) it->second.push_back(a);
            }
      }
    };
    for (const auto& [id, resource] : resources_->items()) {
      auto type = type_of(id);
      const Json& props = properties(resource);
      if (type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy") {
        add_document(referenced_resources(props.value("Roles", Json()), *resources_), member(props, "PolicyDocument"));
      } else if (type == "AWS::IAM::Role") {
        for (const Json* policy : as_list(member(props, "Policies"))) add_document({id}, member(*policy, "PolicyDocument"));
      }
    }
    for (const auto& [pair, actions] : grants) {
      const auto& [function, target] = pair;
      if (function == target || graph_.connected(function, target)) continue;
      edge(function, target, grant_label(actions), true);
    }
  }

  [[nodiscard]] static std::string grant_label(std::vector<std::string> actions) {
    auto telling = actions;
    std::erase_if(telling, [](const std::string& a) { return kMetadataActions.count(a) > 0; });
    if (!telling.empty()) actions = telling;
    std::string label = "grant (";
    for (std::size_t i = 0; i < actions.size() && i < kActionsShown; ++i) label += (i ? ", " : "") + actions[i];
    if (actions.size() > kActionsShown) label += ", …";
    return label + ")";
  }

  const Json* resources_ = &kEmpty;
  Graph graph_;
};

}  // namespace

Graph build_graph(const nlohmann::ordered_json& document) { return Builder(document).build(); }

}  // namespace formwork::graph
