#include "graph/render.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace formwork::graph {
namespace {

// Words the Mermaid flowchart lexer reads as keywords wherever a node id could stand.
constexpr std::array<std::string_view, 13> kMermaidKeywords = {
    "end", "graph", "flowchart", "subgraph", "style", "classdef", "class", "click",
    "linkstyle", "direction", "default", "call", "href"};

struct Shape {
  std::string_view open;
  std::string_view close;
};

// Mermaid shapes by kind: function = subroutine, queue = cylinder, topic = hexagon,
// route = stadium, rule = parallelogram, bucket = inverted trapezoid, event bus = flag.
Shape mermaid_shape(NodeKind kind) {
  switch (kind) {
    case NodeKind::Function: return {"[[", "]]"};
    case NodeKind::Queue: return {"[(", ")]"};
    case NodeKind::Topic: return {"{{", "}}"};
    case NodeKind::Route: return {"([", "])"};
    case NodeKind::Rule: return {"[/", "/]"};
    case NodeKind::Bucket: return {"[\\", "/]"};
    case NodeKind::EventBus: return {">", "]"};
    case NodeKind::Table: return {"[/", "\\]"};
  }
  return {"[", "]"};
}

// DOT shapes by kind, in the same spirit as the Mermaid ones.
std::string_view dot_shape(NodeKind kind) {
  switch (kind) {
    case NodeKind::Function: return "shape=component";
    case NodeKind::Queue: return "shape=cylinder";
    case NodeKind::Topic: return "shape=hexagon";
    case NodeKind::Route: return "shape=box, style=rounded";
    case NodeKind::Rule: return "shape=parallelogram";
    case NodeKind::Bucket: return "shape=invtrapezium";
    case NodeKind::EventBus: return "shape=cds";
    case NodeKind::Table: return "shape=box3d";
  }
  return "shape=box";
}

void mermaid_body(std::string& out, const NamedGraph& g, const std::string& prefix, const std::string& indent) {
  for (const auto& node : g.graph.nodes) {
    auto shape = mermaid_shape(node.kind);
    out += indent + mermaid_id(prefix + node.id);
    out += shape.open;
    out += mermaid_string(node.label);
    out += shape.close;
    out += "\n";
  }
  for (const auto& edge : g.graph.edges) {
    out += indent + mermaid_id(prefix + edge.from) + (edge.grant ? " -.->|" : " -->|") + mermaid_string(edge.label) +
           "| " + mermaid_id(prefix + edge.to) + "\n";
  }
}

void dot_body(std::string& out, const NamedGraph& g, const std::string& prefix, const std::string& indent) {
  for (const auto& node : g.graph.nodes) {
    out += indent + dot_string(prefix + node.id) + " [label=" + dot_string(node.label) + ", ";
    out += dot_shape(node.kind);
    out += "];\n";
  }
  for (const auto& edge : g.graph.edges) {
    out += indent + dot_string(prefix + edge.from) + " -> " + dot_string(prefix + edge.to) +
           " [label=" + dot_string(edge.label) + (edge.grant ? ", style=dashed" : "") + "];\n";
  }
}

}  // namespace

std::string mermaid_id(std::string_view text) {
  std::string id;
  for (char c : text) id += std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ? c : '_';
  std::string lower = id;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (id.empty() || std::find(kMermaidKeywords.begin(), kMermaidKeywords.end(), lower) != kMermaidKeywords.end())
    id = "n_" + id;
  return id;
}

std::string mermaid_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '`': out += "#96;"; break;
      case '\n':
      case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string render_mermaid(const std::vector<NamedGraph>& graphs) {
  std::string out = "flowchart LR\n";
  if (graphs.size() == 1) {
    mermaid_body(out, graphs.front(), "", "  ");
    return out;
  }
  for (const auto& g : graphs) {
    out += "  subgraph " + mermaid_id(g.name) + "[" + mermaid_string(g.name) + "]\n";
    mermaid_body(out, g, g.name + "_", "    ");
    out += "  end\n";
  }
  return out;
}

std::string render_dot(const std::vector<NamedGraph>& graphs) {
  std::string out = "digraph " + dot_string(graphs.size() == 1 ? graphs.front().name : "formwork") + " {\n";
  out += "  rankdir=LR;\n";
  out += "  node [fontname=\"Helvetica\", fontsize=11];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  if (graphs.size() == 1) {
    dot_body(out, graphs.front(), "", "  ");
  } else {
    for (std::size_t i = 0; i < graphs.size(); ++i) {
      out += "  subgraph " + dot_string("cluster_" + std::to_string(i)) + " {\n";
      out += "    label=" + dot_string(graphs[i].name) + ";\n";
      dot_body(out, graphs[i], graphs[i].name + "/", "    ");
      out += "  }\n";
    }
  }
  return out + "}\n";
}

}  // namespace formwork::graph
