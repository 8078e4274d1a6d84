#pragma once

// The architecture of a CloudFormation template as a graph: the things that run, hold or route
// messages (functions, queues, topics, API routes, rules, buckets, event buses) as nodes, and
// how one reaches the other as labelled edges. Roles, policies and permissions are never nodes:
// they are folded into the edges they enable.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork::graph {

enum class NodeKind { Function, Queue, Topic, Route, Rule, Bucket, EventBus, Table };

/// "function", "queue", … (used in tests and documentation).
[[nodiscard]] std::string_view to_string(NodeKind kind);

struct Node {
  std::string id;     ///< the resource's logical ID
  NodeKind kind;
  std::string label;  ///< e.g. "Square (python3.12)", "GET /square/{number}"
};

struct Edge {
  std::string from;   ///< logical ID of a node
  std::string to;     ///< logical ID of a node
  std::string label;  ///< e.g. "sync invoke", "dead-letter (after 3 receives)"
  /// True for an edge that only an IAM grant explains (drawn dashed).
  bool grant = false;

  friend bool operator==(const Edge&, const Edge&) = default;
};

struct Graph {
  std::vector<Node> nodes;  ///< in template order
  std::vector<Edge> edges;  ///< in the order of the resources that make them; grants last

  [[nodiscard]] const Node* find(std::string_view id) const;
  /// True when some edge joins `a` and `b`, in either direction.
  [[nodiscard]] bool connected(std::string_view a, std::string_view b) const;
};

/// Builds the graph of a template in long form (from the template reader or a
/// SynthesizedStack). Deterministic: the same document gives the same graph. Parts of the
/// template that are not shaped as CloudFormation expects are skipped, never an error.
[[nodiscard]] Graph build_graph(const nlohmann::ordered_json& document);

}  // namespace formwork::graph
