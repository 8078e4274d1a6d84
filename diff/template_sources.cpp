#include "diff/template_sources.hpp"

#include <filesystem>

#include "process/process.hpp"

namespace formwork::diff {
namespace {

std::string first_line(const std::string& text) {
  auto start = text.find_first_not_of(" \n\r\t");
  if (start == std::string::npos) return "";
  auto end = text.find('\n', start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

process::RunResult git(const std::vector<std::string>& args) {
  if (!process::find_program("git")) throw UsageError("GitMissing", "", "--git needs git, which is not installed");
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  return process::run(argv);
}

}  // namespace

std::optional<TemplateFile> read_from_directory(const std::string& directory, const std::string& stack) {
  for (const char* extension : {".yaml", ".yml", ".json", ".template"}) {
    auto path = std::filesystem::path(directory) / (stack + extension);
    if (std::filesystem::exists(path)) {
      auto file = read_template(path.string());
      check_template_shape(file);
      return file;
    }
  }
  return std::nullopt;
}

std::optional<TemplateFile> read_from_git(const std::string& revision, const std::string& directory,
                                          const std::string& stack) {
  if (git({"rev-parse", "--is-inside-work-tree"}).exit_code != 0)
    throw UsageError("NotGitRepository", "", "--git needs a git repository, and the current folder is not in one");
  if (revision.empty() || revision.front() == '-' ||
      git({"rev-parse", "--verify", "--quiet", revision + "^{commit}"}).exit_code != 0)
    throw UsageError("UnknownRevision", "", "unknown git revision '" + revision + "'");
  auto folder = std::filesystem::path(directory);
  if (folder.is_absolute()) folder = std::filesystem::relative(folder);
  for (const char* extension : {".yaml", ".yml", ".json", ".template"}) {
    // "./" makes the path relative to the current folder rather than the repository root.
    std::string spec = revision + ":./" + (folder / (stack + extension)).lexically_normal().generic_string();
    auto shown = git({"show", spec});
    if (shown.exit_code != 0) continue;  // not at that revision under this name
    auto file = parse_template(shown.out, "git " + spec);
    check_template_shape(file);
    return file;
  }
  return std::nullopt;
}

std::optional<TemplateFile> read_deployed(const std::string& stack, const AwsOptions& options) {
  if (!process::find_program("aws")) throw UsageError("AwsMissing", "", "--deployed needs the AWS CLI (aws), which is not installed");
  std::vector<std::string> argv{"aws", "cloudformation", "get-template", "--stack-name", stack, "--output", "json"};
  if (!options.endpoint_url.empty()) argv.insert(argv.end(), {"--endpoint-url", options.endpoint_url});
  if (!options.region.empty()) argv.insert(argv.end(), {"--region", options.region});
  if (!options.profile.empty()) argv.insert(argv.end(), {"--profile", options.profile});
  auto result = process::run(argv, {.environment = {{"AWS_PAGER", ""}}});
  const std::string source = "deployed stack " + stack;
  if (result.exit_code != 0) {
    if (result.err.find("does not exist") != std::string::npos) return std::nullopt;
    throw InputError(source, 0, 0, "aws cloudformation get-template failed: " + first_line(result.err));
  }
  nlohmann::ordered_json answer;
  try {
    answer = nlohmann::ordered_json::parse(result.out);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(source, 0, 0, std::string("unreadable answer from aws: ") + e.what());
  }
  if (!answer.contains("TemplateBody")) throw InputError(source, 0, 0, "aws returned no TemplateBody");
  const auto& body = answer["TemplateBody"];
  auto file = parse_template(
      body.is_string() ? body.get<std::string>() : body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace),
      source);
  check_template_shape(file);
  return file;
}

void check_template_shape(const TemplateFile& file) {
  const auto& doc = file.document;
  auto fail = [&](const std::string& pointer, const std::string& message) {
    throw InputError(file.path, file.line_of(pointer), 0, message);
  };
  for (const char* section : {"Parameters", "Mappings", "Conditions", "Resources", "Outputs"}) {
    if (!doc.contains(section)) continue;
    if (!doc[section].is_object()) fail(std::string("/") + section, std::string(section) + " must be a mapping");
  }
  if (!doc.contains("Resources")) return;
  for (const auto& [id, resource] : doc["Resources"].items()) {
    std::string pointer = "/Resources/" + json_pointer_escape(id);
    if (!resource.is_object()) fail(pointer, "resource " + id + " must be a mapping");
    if (!resource.contains("Type") || !resource["Type"].is_string())
      fail(pointer, "resource " + id + " has no Type");
  }
}

}  // namespace formwork::diff
