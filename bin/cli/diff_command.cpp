#include "bin/cli/diff_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "bin/cli/context.hpp"
#include "diff/diff_engine.hpp"
#include "diff/format.hpp"
#include "diff/template_sources.hpp"

namespace formwork::cli {
namespace {

struct Options {
  std::vector<std::string> arguments;
  std::string against;
  std::string git_revision;
  bool deployed = false;
  diff::AwsOptions aws;
  std::string templates = "templates";
  std::string format = "text";
  bool fail = false;
  bool no_color = false;
};

// Stack names cannot hold "." or "/" (CloudFormation allows [A-Za-z][-A-Za-z0-9]*), so an
// argument with one is a file.
bool looks_like_file(const std::string& argument) {
  return argument.find_first_of("./") != std::string::npos || std::filesystem::is_regular_file(argument);
}

// `diff OLD NEW`; or, with --git or --deployed, each FILE against its committed or deployed
// self (the deployed stack is named after the file: templates/Orders.yaml -> Orders).
diff::DiffResult diff_files(const Options& options) {
  if (!options.against.empty())
    throw UsageError("FilesAndAgainst", "", "--against compares stacks; to compare two files, give them as OLD NEW");
  if (!options.git_revision.empty() && options.deployed)
    throw UsageError("OneSource", "", "choose one of --against, --git and --deployed");
  diff::DiffResult result;
  if (!options.git_revision.empty() || options.deployed) {
    for (const auto& path : options.arguments) {
      auto after = read_template(path);
      diff::check_template_shape(after);
      auto stem = std::filesystem::path(path).stem().string();
      auto directory = std::filesystem::path(path).parent_path().string();
      auto before = options.deployed ? diff::read_deployed(stem, options.aws)
                                     : diff::read_from_git(options.git_revision, directory.empty() ? "." : directory, stem);
      auto stack = diff::diff_templates(stem, before ? &before->document : nullptr, &after.document);
      stack.old_source = before ? before->path : (options.deployed ? "deployed stack " + stem + " (none)"
                                                                   : "git " + options.git_revision + " (none)");
      stack.new_source = after.path;
      result.stacks.push_back(std::move(stack));
    }
    return result;
  }
  if (options.arguments.size() != 2)
    throw UsageError("TwoFiles", "", "diff with files needs exactly two, OLD and NEW, got " +
                                         std::to_string(options.arguments.size()));
  auto before = read_template(options.arguments[0]);
  diff::check_template_shape(before);
  auto after = read_template(options.arguments[1]);
  diff::check_template_shape(after);
  auto stack = diff::diff_templates(std::filesystem::path(after.path).stem().string(), &before.document,
                                    &after.document);
  stack.old_source = before.path;
  stack.new_source = after.path;
  result.stacks.push_back(std::move(stack));
  return result;
}

diff::DiffResult diff_stacks(const Options& options, Context& context) {
  int sources = !options.against.empty() + !options.git_revision.empty() + options.deployed;
  if (sources > 1) throw UsageError("OneSource", "", "choose one of --against, --git and --deployed");
  diff::DiffResult result;
  for (const auto* stack : context.select(options.arguments)) {
    std::optional<TemplateFile> old_file;
    std::string source;
    if (!options.git_revision.empty()) {
      old_file = diff::read_from_git(options.git_revision, options.templates, stack->name);
      source = "git " + options.git_revision;
    } else if (options.deployed) {
      old_file = diff::read_deployed(stack->name, options.aws);
      source = "deployed";
    } else {
      const auto& directory = options.against.empty() ? options.templates : options.against;
      old_file = diff::read_from_directory(directory, stack->name);
      source = directory + "/";
    }
    if (old_file && options.git_revision.empty() && !options.deployed) source = old_file->path;
    auto diff = diff::diff_templates(stack->name, old_file ? &old_file->document : nullptr, &stack->document);
    diff.old_source = old_file ? source : source + " (none)";
    diff.new_source = "synthesized";
    result.stacks.push_back(std::move(diff));
  }
  return result;
}

bool use_color(const Options& options, Context& context) {
  if (options.no_color || &context.out() != &std::cout) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fileno(stdout)) == 1;
}

}  // namespace

void add_diff_command(CLI::App& program, Context& context) {
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand(
      "diff", "Explain what deploying a change would do: resources added, changed, replaced, removed; IAM changes");
  command->add_option("stacks_or_files", options->arguments,
                      "Stacks to compare (default: all), or two template files OLD NEW");
  command->add_option("--against", options->against, "Compare with the templates in this folder (another synth output)");
  command->add_option("--git", options->git_revision,
                      "Compare with the templates committed at this git revision (read with git show, no checkout)");
  command->add_flag("--deployed", options->deployed, "Compare with the deployed stacks (aws cloudformation get-template)");
  command->add_option("--templates", options->templates, "Folder of the committed templates")->capture_default_str();
  command->add_option("--endpoint-url", options->aws.endpoint_url, "AWS endpoint for --deployed");
  command->add_option("--region", options->aws.region, "AWS region for --deployed");
  command->add_option("--profile", options->aws.profile, "AWS CLI profile for --deployed");
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  command->add_flag("--fail", options->fail, "Exit with 1 when there is any difference (for CI)");
  command->add_flag("--no-color", options->no_color, "Plain text even on a terminal (so does NO_COLOR)");
  command->callback([options, &context] {
    bool files = false;
    for (const auto& argument : options->arguments) files = files || looks_like_file(argument);
    auto result = files ? diff_files(*options) : diff_stacks(*options, context);
    if (options->format == "json") context.out() << diff::format_json(result);
    else if (options->format == "markdown") context.out() << diff::format_markdown(result);
    else context.out() << diff::format_text(result, {.color = use_color(*options, context)});
    context.exit_code = options->fail && result.has_differences() ? kFindings : kSuccess;
  });
}

}  // namespace formwork::cli
