// libFuzzer target: the architecture graph and both renderers on any template.
#include "fuzz/fuzz_support.hpp"
#include "graph/graph.hpp"
#include "graph/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = formwork::fuzz::read(formwork::fuzz::as_text(data, size), "fuzz.yaml");
  if (!file) return 0;
  std::vector<formwork::graph::NamedGraph> graphs = {{.name = "Fuzz", .graph = formwork::graph::build_graph(file->document)}};
  (void)formwork::graph::render_mermaid(graphs);
  (void)formwork::graph::render_dot(graphs);
  return 0;
}
