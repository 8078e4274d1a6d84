#include "bin/cli/deploy_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <random>

#include "deploy/aws_cli.hpp"
#include "deploy/deployer.hpp"
#include "deploy/destroyer.hpp"
#include "lint/cfn_lint.hpp"
#include "lint/lint.hpp"
#include "process/process.hpp"
#include "constructs/core/template_reader.hpp"

namespace formwork::cli {
namespace fs = std::filesystem;
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct TargetOptions {
  std::string region;
  std::string profile;
  std::string endpoint_url;
};

void add_target_options(CLI::App& command, TargetOptions& target) {
  command.add_option("--region", target.region, "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the CLI's)");
  command.add_option("--profile", target.profile, "AWS CLI profile (default: AWS_PROFILE)");
  command.add_option("--endpoint-url", target.endpoint_url,
                     "Send AWS calls to this endpoint, e.g. a local moto_server (default: AWS_ENDPOINT_URL)");
}

deploy::AwsTarget resolve(const TargetOptions& options) {
  return deploy::resolve_target(
      {.region = options.region, .profile = options.profile, .endpoint_url = options.endpoint_url});
}

void require_aws_cli() {
  if (!process::find_program("aws"))
    throw UsageError("NoAwsCli", "", "the AWS CLI ('aws') is not installed or not on PATH");
}

/// A private folder for the templates and zips of one deploy; removed at the end unless kept
/// (a dry run keeps it, so that the commands it printed can be run by hand).
class WorkDir {
 public:
  WorkDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("formwork-deploy-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~WorkDir() {
    std::error_code ignored;
    if (!keep_) fs::remove_all(path_, ignored);
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }
  void keep(bool keep) { keep_ = keep; }

 private:
  fs::path path_;
  bool keep_ = false;
};

deploy::KeyValues split_all(const std::vector<std::string>& texts, const std::string& option) {
  deploy::KeyValues out;
  for (const auto& text : texts) out.push_back(deploy::split_key_value(text, option));
  return out;
}

/// `formwork lint` before deploying: formwork's own rules, then cfn-lint when installed.
/// Prints warnings and errors; returns false when there is an error.
bool lint_stacks(const std::vector<const SynthesizedStack*>& stacks, const std::vector<std::string>& bodies,
                 const fs::path& scratch, Context& context) {
  std::vector<lint::Finding> findings;
  std::vector<lint::CfnLintInput> cfn_lint_inputs;
  for (std::size_t i = 0; i < stacks.size(); ++i) {
    std::string display_name = "templates/" + template_file_name(*stacks[i], TemplateFormat::Yaml);
    auto found = lint::lint_template(parse_template(bodies[i], display_name), {.body_bytes = bodies[i].size()});
    findings.insert(findings.end(), found.begin(), found.end());
    fs::path file = scratch / (stacks[i]->name + ".yaml");  // the file deploy sends, same bytes
    write_file_atomically(file, bodies[i]);
    cfn_lint_inputs.push_back({file.string(), display_name});
  }
  auto external = lint::run_cfn_lint(cfn_lint_inputs);
  if (external)
    findings.insert(findings.end(), external->begin(), external->end());
  else
    context.err() << "cfn-lint is not installed: only formwork's own checks ran\n";
  lint::sort_findings(findings);
  bool errors = false;
  for (const auto& finding : findings) {
    if (finding.severity < lint::Severity::Warning) continue;
    context.err() << lint::format_finding(finding) << "\n";
    errors = errors || finding.severity == lint::Severity::Error;
  }
  if (errors) context.err() << "error: lint found errors (" << lint::format_summary(findings) << "): nothing was deployed\n";
  return !errors;
}

/// The AWS CLI target of one region and the deployer that uses it.
struct RegionDeployer {
  RegionDeployer(deploy::AwsTarget target, bool dry_run, deploy::DeployOptions options, const fs::path& work_dir,
                 Context& context)
      : aws(std::move(target), dry_run, context.out()),
        deployer(aws, std::move(options), work_dir, context.out(), context.err()) {}
  deploy::AwsCli aws;
  deploy::Deployer deployer;
};

void add_deploy(CLI::App& program, Context& context) {
  struct Options {
    std::vector<std::string> stacks;
    std::vector<std::string> parameters;
    std::vector<std::string> tags;
    std::string assets_bucket;
    TargetOptions target;
    bool dry_run = false;
    bool no_execute = false;
    bool no_lint = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand("deploy", "Synthesize, check and deploy stacks with aws cloudformation deploy");
  command->add_option("stacks", options->stacks,
                      "Stacks of the app to deploy, in dependency order (default: all), or template files (each "
                      "deploys as the stack named after the file)");
  command->add_option("--parameters", options->parameters, "Stack parameters KEY=VALUE (each stack gets its own)");
  command->add_option("--tags", options->tags, "Tags KEY=VALUE for the stacks and their resources");
  command->add_option("--assets-bucket", options->assets_bucket,
                      "Bucket for code assets and large templates (default: formwork-assets-<account>-<region>)");
  add_target_options(*command, options->target);
  command->add_flag("--dry-run", options->dry_run, "Print the commands it would run; run nothing");
  command->add_flag("--no-execute", options->no_execute, "Create each change set and show it, without executing it");
  command->add_flag("--no-lint", options->no_lint, "Skip formwork lint (its errors stop a deploy otherwise)");

  command->callback([options, &context] {
    auto parameters = split_all(options->parameters, "--parameters");
    auto tags = split_all(options->tags, "--tags");
    // A template file deploys, as written, as the stack named after it (orders.yaml: orders);
    // any other argument names a stack of the app.
    std::vector<std::string> names;
    std::vector<SynthesizedStack> files;
    std::map<const SynthesizedStack*, std::string> file_texts;
    for (const auto& input : options->stacks) {
      if (!fs::is_regular_file(input)) {
        names.push_back(input);
        continue;
      }
      auto read = read_template(input);
      SynthesizedStack file;
      file.name = fs::path(input).stem().string();
      file.document = std::move(read.document);
      files.push_back(std::move(file));
    }
    std::vector<const SynthesizedStack*> stacks;
    if (options->stacks.empty() || !names.empty()) stacks = context.select(names);
    for (auto& file : files) {
      stacks.push_back(&file);
      for (const auto& input : options->stacks)
        if (fs::is_regular_file(input) && fs::path(input).stem().string() == file.name) file_texts[&file] = read_text(input);
    }
    if (stacks.empty()) throw UsageError("NoStacks", "", "the app has no stacks to deploy");
    std::string assets_bucket = options->assets_bucket;
    for (const auto& [key, value] : parameters) {
      bool declared = false;
      for (const auto* stack : stacks) {
        auto declared_parameters = stack->document.find("Parameters");
        declared = declared || (declared_parameters != stack->document.end() && declared_parameters->contains(key));
      }
      if (!declared) throw UsageError("UnknownParameter", "", "no stack to deploy has a parameter named '" + key + "'");
      // The code assets go where the template will look for them.
      if (key == "AssetsBucket" && assets_bucket.empty()) assets_bucket = value;
    }

    // Checks before anything is sent, so that a problem in the last stack stops the first too.
    std::vector<std::string> bodies;
    std::vector<std::string> regions;  // a stack's env region, else --region
    bool problems = false;
    for (const auto* stack : stacks) {
      regions.push_back(deploy::stack_region(*stack, options->target.region));
      auto text = file_texts.find(stack);
      bodies.push_back(text != file_texts.end() ? text->second : render(*stack));
      for (const auto& problem : deploy::deploy_checks(*stack)) {
        context.err() << "error: " << stack->name << ": " << problem << "\n";
        problems = true;
      }
    }
    if (problems) {
      context.exit_code = kFindings;
      return;
    }
    if (!options->dry_run) require_aws_cli();

    WorkDir work_dir;
    if (!options->no_lint && !lint_stacks(stacks, bodies, work_dir.path(), context)) {
      context.exit_code = kFindings;
      return;
    }
    work_dir.keep(options->dry_run);
    if (options->dry_run)
      context.out() << "# dry run: these are the commands formwork deploy would run; nothing was run\n";
    // One AWS CLI target and deployer per region (stacks with an env may name different ones).
    std::map<std::string, std::unique_ptr<RegionDeployer>> deployers;
    auto deployer_for = [&](const std::string& region) -> deploy::Deployer& {
      auto& slot = deployers[region];
      TargetOptions target = options->target;
      target.region = region;
      if (!slot)
        slot = std::make_unique<RegionDeployer>(resolve(target), options->dry_run,
                                                deploy::DeployOptions{.parameters = parameters,
                                                                      .tags = tags,
                                                                      .assets_bucket = assets_bucket,
                                                                      .no_execute = options->no_execute},
                                                work_dir.path(), context);
      return slot->deployer;
    };
    for (std::size_t i = 0; i < stacks.size(); ++i) {
      if (deployer_for(regions[i]).deploy(*stacks[i], bodies[i])) continue;
      std::string rest;
      for (std::size_t j = i + 1; j < stacks.size(); ++j) rest += (rest.empty() ? "" : ", ") + stacks[j]->name;
      if (!rest.empty()) context.err() << "not deployed: " << rest << "\n";
      context.exit_code = kFindings;
      return;
    }
    if (options->dry_run) context.out() << "# templates and zips are in " << work_dir.path().string() << "\n";
  });
}

void add_destroy(CLI::App& program, Context& context) {
  struct Options {
    std::vector<std::string> stacks;
    TargetOptions target;
    bool yes = false;
    bool dry_run = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = program.add_subcommand("destroy", "Delete deployed stacks, in reverse dependency order");
  command->add_option("stacks", options->stacks, "Stacks to delete")->required();
  add_target_options(*command, options->target);
  command->add_flag("-y,--yes", options->yes, "Do not ask for confirmation");
  command->add_flag("--dry-run", options->dry_run, "Print the commands it would run; run nothing");

  command->callback([options, &context] {
    // Outside a project the names are taken as given (a template file names the stack after it).
    std::vector<std::string> names;
    std::vector<std::string> regions;  // a stack's env region, else --region
    if (context.has_app()) {
      auto stacks = context.select(options->stacks);
      for (auto it = stacks.rbegin(); it != stacks.rend(); ++it) {
        names.push_back((*it)->name);
        regions.push_back(deploy::stack_region(**it, options->target.region));
      }
    } else {
      for (auto it = options->stacks.rbegin(); it != options->stacks.rend(); ++it) {
        names.push_back(fs::is_regular_file(*it) ? fs::path(*it).stem().string() : *it);
        regions.push_back(options->target.region);
      }
    }
    std::string listed;
    for (const auto& name : names) listed += (listed.empty() ? "" : ", ") + name;

    if (!options->dry_run) require_aws_cli();
    if (!options->yes && !options->dry_run) {
      context.out() << "Delete stacks " << listed << "? [y/N] " << std::flush;
      std::string answer;
      if (!std::getline(std::cin, answer) || (answer != "y" && answer != "Y" && answer != "yes")) {
        context.out() << "\n";
        context.err() << "aborted: nothing deleted\n";
        context.exit_code = kFindings;
        return;
      }
    }
    if (options->dry_run)
      context.out() << "# dry run: these are the commands formwork destroy would run; nothing was run\n";
    for (std::size_t i = 0; i < names.size(); ++i) {
      TargetOptions target = options->target;
      target.region = regions[i];
      deploy::AwsCli aws(resolve(target), options->dry_run, context.out());
      if (deploy::destroy_stack(aws, names[i], context.out(), context.err())) continue;
      std::string rest;
      for (std::size_t j = i + 1; j < names.size(); ++j) rest += (rest.empty() ? "" : ", ") + names[j];
      if (!rest.empty()) context.err() << "not deleted: " << rest << "\n";
      context.exit_code = kFindings;
      return;
    }
  });
}

}  // namespace

void add_deploy_commands(CLI::App& program, Context& context) {
  add_deploy(program, context);
  add_destroy(program, context);
}

}  // namespace formwork::cli
