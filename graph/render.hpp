#pragma once

// Renderers of architecture graphs: Mermaid (renders in GitHub Markdown) and Graphviz DOT.

#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.hpp"

namespace formwork::graph {

/// A graph with the name of the stack (or template file) it came from.
struct NamedGraph {
  std::string name;
  Graph graph;
};

/// A Mermaid `flowchart LR`. One graph: node ids are the logical IDs. Several: one subgraph
/// per stack, titled with its name, node ids prefixed with the stack name (`Stack_Id`), so that
/// the same logical ID in two stacks stays two nodes.
[[nodiscard]] std::string render_mermaid(const std::vector<NamedGraph>& graphs);

/// A Graphviz `digraph` (left to right). Several graphs: one `cluster` per stack, node ids
/// `Stack/Id`.
[[nodiscard]] std::string render_dot(const std::vector<NamedGraph>& graphs);

/// A Mermaid node id for `text`: letters, digits and `_` only, never a flowchart keyword.
[[nodiscard]] std::string mermaid_id(std::string_view text);

/// `text` as a double-quoted Mermaid string: quotes, `#`, `<`, `>` and backquotes become
/// entity codes (`#quot;`), line breaks become spaces.
[[nodiscard]] std::string mermaid_string(std::string_view text);

/// `text` as a double-quoted DOT string.
[[nodiscard]] std::string dot_string(std::string_view text);

}  // namespace formwork::graph
