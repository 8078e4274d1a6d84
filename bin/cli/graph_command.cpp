#include "bin/cli/graph_command.hpp"

#include <filesystem>

#include "graph/graph.hpp"
#include "graph/render.hpp"
#include "constructs/core/template_reader.hpp"

namespace formwork::cli {
namespace {

// An argument that names no existing file is a stack name, unless it plainly meant a file.
bool looks_like_path(const std::string& argument) {
  auto extension = std::filesystem::path(argument).extension().string();
  return argument.find('/') != std::string::npos || extension == ".yaml" || extension == ".yml" ||
         extension == ".json" || extension == ".template";
}

graph::NamedGraph graph_of_file(const std::string& file) {
  auto parsed = read_template(file);
  const auto* resources = parsed.document.is_object() && parsed.document.contains("Resources")
                              ? &parsed.document["Resources"]
                              : nullptr;
  if (resources == nullptr || !resources->is_object())
    throw InputError(file, parsed.line_of("/Resources"), 0, "not a CloudFormation template: no Resources mapping");
  return {.name = std::filesystem::path(file).stem().string(), .graph = graph::build_graph(parsed.document)};
}

}  // namespace

void add_graph_command(CLI::App& program, Context& context) {
  struct Options {
    std::vector<std::string> inputs;
    std::string format = "mermaid";
    std::string output;
  };
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand("graph", "Draw the architecture of stacks or template files");
  command->add_option("inputs", options->inputs, "Stacks of the app or template files (default: all stacks)")
      ->type_name("STACK|FILE");
  command->add_option("--format", options->format, "Diagram format")
      ->check(CLI::IsMember({"mermaid", "dot"}))
      ->capture_default_str();
  command->add_option("-o,--output", options->output, "File to write the diagram to (default: standard output)");
  command->callback([options, &context] {
    std::vector<graph::NamedGraph> graphs;
    if (options->inputs.empty()) {
      for (const auto* stack : context.select({})) graphs.push_back({stack->name, graph::build_graph(stack->document)});
      if (graphs.empty()) throw UsageError("NothingToGraph", "", "the app has no stacks and no template file was given");
    }
    for (const auto& input : options->inputs) {
      if (std::filesystem::is_regular_file(input)) {
        graphs.push_back(graph_of_file(input));
      } else if (looks_like_path(input)) {
        throw UsageError("NoSuchFile", "", "no such template file: " + input);
      } else {
        const auto* stack = context.select({input}).front();
        graphs.push_back({stack->name, graph::build_graph(stack->document)});
      }
    }
    auto text = options->format == "dot" ? graph::render_dot(graphs) : graph::render_mermaid(graphs);
    if (options->output.empty() || options->output == "-") {
      context.out() << text;
      return;
    }
    write_file_atomically(options->output, text);
    context.out() << "wrote " << options->output << "\n";
  });
}

}  // namespace formwork::cli
