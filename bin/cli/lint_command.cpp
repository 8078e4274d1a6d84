#include "bin/cli/lint_command.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "lint/cfn_lint.hpp"
#include "lint/lint.hpp"

namespace formwork::cli {
namespace {

namespace fs = std::filesystem;

/// A template to lint: its text, the name findings show, and a file cfn-lint can read.
struct Target {
  std::string display_name;
  std::string text;
  std::string path_on_disk;  // empty for a synthesized stack until written
};

/// A private temporary folder for synthesized templates, removed at the end of the scope.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("formwork-lint-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) throw InputError(path, 0, 0, "cannot read the file");
  return buffer.str();
}

struct Options {
  std::vector<std::string> inputs;
  std::string fail_on = "error";
  bool require_cfn_lint = false;
  bool no_cfn_lint = false;
};

void run_lint(const Options& options, Context& context) {
  auto fail_on = lint::parse_severity(options.fail_on).value_or(lint::Severity::Error);

  // An argument that is a file is linted as a file; anything else names a stack of the app.
  std::vector<Target> targets;
  std::vector<std::string> stack_names;
  for (const auto& input : options.inputs) {
    if (fs::is_regular_file(input))
      targets.push_back({input, read_text(input), input});
    else
      stack_names.push_back(input);
  }
  if (options.inputs.empty() || !stack_names.empty()) {
    for (const auto* stack : context.select(stack_names))
      targets.push_back({"templates/" + template_file_name(*stack, TemplateFormat::Yaml),
                         render(*stack, {.format = TemplateFormat::Yaml, .comments = true}), ""});
  }

  // Every unreadable input is reported before giving up, so one run shows them all.
  std::vector<TemplateFile> templates;
  bool unreadable = false;
  for (const auto& target : targets) {
    try {
      templates.push_back(parse_template(target.text, target.display_name));
    } catch (const InputError& e) {
      context.err() << "error: " << e.what() << "\n";
      unreadable = true;
    }
  }
  if (unreadable) {
    context.exit_code = kInvalid;
    return;
  }

  std::vector<lint::Finding> own;
  for (std::size_t i = 0; i < templates.size(); ++i) {
    auto found = lint::lint_template(templates[i], {.body_bytes = targets[i].text.size()});
    own.insert(own.end(), found.begin(), found.end());
  }
  lint::sort_findings(own);

  std::vector<lint::Finding> external;
  bool cfn_lint_missing = false;
  if (!options.no_cfn_lint) {
    ScratchDir scratch;
    std::vector<lint::CfnLintInput> inputs;
    for (auto& target : targets) {
      if (target.path_on_disk.empty()) {
        target.path_on_disk = (scratch.path() / fs::path(target.display_name).filename()).string();
        write_file_atomically(target.path_on_disk, target.text);
      }
      inputs.push_back({target.path_on_disk, target.display_name});
    }
    auto found = lint::run_cfn_lint(inputs);
    if (found)
      external = std::move(*found);
    else
      cfn_lint_missing = true;
    lint::sort_findings(external);
  }

  for (const auto& f : own) context.out() << lint::format_finding(f) << "\n";
  for (const auto& f : external) context.out() << lint::format_finding(f) << "\n";
  std::vector<lint::Finding> all = own;
  all.insert(all.end(), external.begin(), external.end());
  context.out() << lint::format_summary(all) << "\n";

  if (cfn_lint_missing && options.require_cfn_lint) {
    context.err() << "error: cfn-lint is not installed, and --require-cfn-lint asks for it\n";
    context.exit_code = kInvalid;
    return;
  }
  if (cfn_lint_missing) context.err() << "cfn-lint is not installed: only formwork's own checks ran\n";
  bool failed = std::any_of(all.begin(), all.end(), [&](const lint::Finding& f) { return f.severity >= fail_on; });
  context.exit_code = failed ? kFindings : kSuccess;
}

}  // namespace

void add_lint_command(CLI::App& program, Context& context) {
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand("lint", "Check templates: formwork's own rules, then cfn-lint when installed");
  command->add_option("inputs", options->inputs, "Stacks of the app or template files (default: every stack)");
  command->add_option("--fail-on", options->fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  command->add_flag("--require-cfn-lint", options->require_cfn_lint, "Fail (exit 2) when cfn-lint is not installed");
  command->add_flag("--no-cfn-lint", options->no_cfn_lint, "Run only formwork's own checks");
  command->callback([options, &context] { run_lint(*options, context); });
}

}  // namespace formwork::cli
