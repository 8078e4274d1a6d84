#include "bin/cli/context.hpp"

namespace formwork::cli {

void add_synth_command(CLI::App& program, Context& context) {
  struct Options {
    std::vector<std::string> stacks;
    std::string directory = "templates";
    std::string format = "yaml";
    bool no_comments = false;
    bool to_stdout = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand("synth", "Synthesize stacks into CloudFormation templates");
  command->add_option("stacks", options->stacks, "Stacks to synthesize (default: all)");
  command->add_option("-o,--output", options->directory, "Folder to write templates to; '-' prints one stack")
      ->capture_default_str();
  command->add_option("--format", options->format, "Template format")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  command->add_flag("--no-comments", options->no_comments, "Leave out the comments that explain each resource");
  command->add_flag("--stdout", options->to_stdout, "Print the one stack named instead of writing a file");
  command->callback([options, &context] {
    RenderOptions render_options{
        .format = options->format == "json" ? TemplateFormat::Json : TemplateFormat::Yaml,
        .comments = !options->no_comments,
    };
    auto stacks = context.select(options->stacks);
    if (options->to_stdout || options->directory == "-") {
      if (stacks.size() != 1)
        throw UsageError("OneStackToPrint", "",
                         "printing to standard output needs exactly one stack, got " + std::to_string(stacks.size()));
      context.out() << render(*stacks.front(), render_options);
      return;
    }
    std::vector<std::string> names;
    for (const auto* s : stacks) names.push_back(s->name);
    for (const auto& path : write_templates(context.assembly(), options->directory, render_options, names))
      context.out() << "wrote " << path.string() << "\n";
  });
}

}  // namespace formwork::cli
