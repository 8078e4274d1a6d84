#include "bin/cli/lint_command.hpp"

#include <csignal>
#include <cstring>
#include <filesystem>
#include <map>
#include <fstream>
#include <random>
#include <sstream>

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

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

constexpr std::string_view kScratchPrefix = "formwork-lint-";

// The scratch folder's name where a signal handler can read it (a fixed buffer, no allocation).
char g_scratch[4096] = {};

// Ctrl-C (or SIGTERM, SIGHUP) while cfn-lint runs: remove the folder, then die of the signal.
// The folder holds only the flat files written below; unlinking them needs no allocation.
extern "C" void remove_scratch_and_reraise(int signal_number) {
  if (g_scratch[0] != '\0') {
    if (DIR* dir = opendir(g_scratch)) {
      while (dirent* entry = readdir(dir))
        if (entry->d_name[0] != '.') unlinkat(dirfd(dir), entry->d_name, 0);
      closedir(dir);
    }
    rmdir(g_scratch);
  }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

// Folders `formwork-lint-<pid>-…` of runs that died without cleaning up (SIGKILL) are removed
// by the next run; those of runs still going are left alone.
void remove_stale_scratch_dirs(const fs::path& temp) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(temp, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kScratchPrefix, 0) != 0) continue;
    const auto dash = name.find('-', kScratchPrefix.size());
    const std::string digits = name.substr(kScratchPrefix.size(), dash - kScratchPrefix.size());
    if (dash == std::string::npos || digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
      continue;
    const auto pid = static_cast<pid_t>(std::stol(digits));
    if (kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), error);
  }
}

/// A private temporary folder for synthesized templates, removed at the end of the scope,
/// on SIGINT/SIGTERM/SIGHUP, or by the next run after a SIGKILL.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    const fs::path temp = fs::temp_directory_path();
    remove_stale_scratch_dirs(temp);
    path_ = temp / (std::string(kScratchPrefix) + std::to_string(getpid()) + "-" + std::to_string(random()));
    fs::create_directories(path_);
    const std::string text = path_.string();
    if (text.size() < sizeof g_scratch) {
      std::memcpy(g_scratch, text.c_str(), text.size() + 1);
      for (int s : {SIGINT, SIGTERM, SIGHUP}) previous_[s] = std::signal(s, remove_scratch_and_reraise);
    }
  }
  ~ScratchDir() {
    for (auto [s, handler] : previous_) std::signal(s, handler);
    g_scratch[0] = '\0';
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  std::map<int, void (*)(int)> previous_;
};

// An argument that names no existing file is a stack name, unless it plainly meant a file.
bool looks_like_path(const std::string& argument) {
  auto extension = fs::path(argument).extension().string();
  return argument.find('/') != std::string::npos || extension == ".yaml" || extension == ".yml" ||
         extension == ".json" || extension == ".template";
}

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
  // A missing file, a directory or a file over the reader's size limit is an error naming it.
  std::vector<Target> targets;
  std::vector<std::string> stack_names;
  bool unreadable = false;
  for (const auto& input : options.inputs) {
    if (!fs::exists(input) && !looks_like_path(input)) {
      stack_names.push_back(input);
      continue;
    }
    try {
      (void)read_template(input);  // the checks and messages of the reader, before reading the text
      targets.push_back({input, read_text(input), input});
    } catch (const InputError& e) {
      context.err() << "error: " << e.what() << "\n";
      unreadable = true;
    }
  }
  if (options.inputs.empty() || !stack_names.empty()) {
    for (const auto* stack : context.select(stack_names))
      targets.push_back({"templates/" + template_file_name(*stack, TemplateFormat::Yaml),
                         render(*stack, {.format = TemplateFormat::Yaml, .comments = true}), ""});
  }

  // Every unreadable input is reported before giving up, so one run shows them all.
  std::vector<TemplateFile> templates;
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
