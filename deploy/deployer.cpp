#include "deploy/deployer.hpp"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "deploy/stack_events.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::deploy {
namespace fs = std::filesystem;
namespace {

std::string seconds(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1fs", value);
  return text;
}

bool declares_parameter(const SynthesizedStack& stack, const std::string& name) {
  auto parameters = stack.document.find("Parameters");
  return parameters != stack.document.end() && parameters->is_object() && parameters->contains(name);
}

std::string json_text(const nlohmann::json& object, const char* key, const char* fallback = "") {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

namespace {

// AWS's tag character set: letters, digits, white space and _ . : / = + - @ (non-ASCII
// letters pass as any byte >= 0x80 of valid UTF-8, which the template writer requires).
bool tag_text(const std::string& text) {
  for (unsigned char c : text)
    if (!(std::isalnum(c) || c == ' ' || c >= 0x80 || std::strchr("_.:/=+-@", c) != nullptr) || c == '\0') return false;
  return true;
}

// A key or value as a message shows it: control characters escaped, so the error stays one line.
std::string shown(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      out += escaped;
    } else out += static_cast<char>(c);
  }
  return out;
}

// Every value below reaches the AWS CLI as one argument `KEY=VALUE`. It starts with the
// key, so a key that starts with '-' would be read by the CLI as an option of its own
// (`--tags=--endpoint-url=http://...` sends the deployment elsewhere): such keys are refused,
// with the rest of AWS's limits on tags and parameters.
void check_key_value(const std::string& option, const std::string& key, const std::string& value) {
  auto refuse = [&](const std::string& code, const std::string& what) {
    throw UsageError(code, "", option + " " + what);
  };
  if (key.front() == '-') refuse("OptionInjection", "key '" + shown(key) + "' starts with '-', which the AWS CLI would read as an option");
  if (option == "--tags") {
    if (key.size() > 128) refuse("TagKeyTooLong", "key is " + std::to_string(key.size()) + " characters, over AWS's 128");
    if (value.size() > 256) refuse("TagValueTooLong", "value of '" + shown(key) + "' is " + std::to_string(value.size()) + " characters, over AWS's 256");
    if (key.rfind("aws:", 0) == 0) refuse("ReservedTagKey", "key '" + shown(key) + "' uses the prefix 'aws:', which AWS reserves");
    if (!tag_text(key) || !tag_text(value))
      refuse("BadTagCharacters", "'" + shown(key + "=" + value) + "' has characters AWS refuses in tags (allowed: letters, digits, spaces, _ . : / = + - @)");
  } else if (option == "--parameters") {
    for (unsigned char c : key)
      if (!std::isalnum(c)) refuse("BadParameterName", "name '" + shown(key) + "' is not alphanumeric, as CloudFormation parameter names are");
    if (value.size() > 4096)
      refuse("ParameterValueTooLong", "value of '" + shown(key) + "' is " + std::to_string(value.size()) + " bytes, over CloudFormation's 4096");
  }
}

}  // namespace

std::pair<std::string, std::string> split_key_value(const std::string& text, const std::string& option) {
  auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0)
    throw UsageError("BadKeyValue", "", option + " takes KEY=VALUE, got '" + shown(text) + "'");
  std::pair<std::string, std::string> out{text.substr(0, equals), text.substr(equals + 1)};
  check_key_value(option, out.first, out.second);
  return out;
}

std::vector<std::string> deploy_checks(const SynthesizedStack& stack) {
  std::vector<std::string> problems;
  auto assets = find_assets(stack.document);
  for (const auto& asset : assets)
    if (!fs::is_directory(asset.path))
      problems.push_back("resource " + asset.logical_id + ": asset directory '" + asset.path +
                         "' does not exist (paths are relative to the folder formwork runs in)");
  if (!assets.empty() && !declares_parameter(stack, "AssetsBucket"))
    problems.push_back("the template has code assets but no AssetsBucket parameter to name their bucket");
  return problems;
}

std::vector<std::string> format_outputs(const std::string& describe_stacks_json) {
  std::vector<std::string> lines;
  auto document = nlohmann::json::parse(describe_stacks_json, nullptr, false);
  if (document.is_discarded() || !document.is_object() || !document.contains("Stacks") ||
      !document["Stacks"].is_array() || document["Stacks"].empty())
    return lines;
  const auto& stack = document["Stacks"][0];
  if (!stack.contains("Outputs") || !stack["Outputs"].is_array()) return lines;
  for (const auto& output : stack["Outputs"])
    lines.push_back("  " + json_text(output, "OutputKey") + " = " + redact(json_text(output, "OutputValue")));
  return lines;
}

std::optional<std::vector<std::string>> format_changes(const std::string& describe_change_set_json) {
  auto document = nlohmann::json::parse(describe_change_set_json, nullptr, false);
  if (document.is_discarded() || !document.is_object() || !document.contains("Changes") ||
      !document["Changes"].is_array())
    return std::nullopt;
  std::vector<std::string> lines;
  for (const auto& change : document["Changes"]) {
    if (!change.is_object() || !change.contains("ResourceChange")) continue;
    const auto& resource = change["ResourceChange"];
    std::string action = json_text(resource, "Action");
    if (action.size() < 8) action.resize(8, ' ');
    std::string line = "  " + action + " " + json_text(resource, "LogicalResourceId") + "  " +
                       json_text(resource, "ResourceType");
    std::string replacement = json_text(resource, "Replacement");
    if (!replacement.empty()) line += "  replacement: " + replacement;
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> Deployer::deploy_arguments(const SynthesizedStack& stack, const fs::path& template_file,
                                                    bool has_assets, std::size_t body_bytes) {
  std::vector<std::string> args{"cloudformation", "deploy", "--template-file", template_file.string(),
                                "--stack-name",   stack.name, "--capabilities", "CAPABILITY_IAM",
                                "CAPABILITY_NAMED_IAM", "--no-fail-on-empty-changeset"};
  std::vector<std::string> overrides;
  bool bucket_given = false;
  for (const auto& [key, value] : options_.parameters) {
    if (!declares_parameter(stack, key)) continue;
    overrides.push_back(key + "=" + value);
    const auto& declared = stack.document["Parameters"][key];
    const auto no_echo = declared.is_object() ? declared.find("NoEcho") : declared.end();
    if (no_echo != declared.end() && (*no_echo == true || *no_echo == "true" || *no_echo == "True"))
      aws_.hide_argument(overrides.back());  // a dry run prints KEY=****
    bucket_given = bucket_given || key == "AssetsBucket";
  }
  if ((has_assets || declares_parameter(stack, "AssetsBucket")) && !bucket_given)
    overrides.push_back("AssetsBucket=" + assets_.bucket());
  if (!overrides.empty()) {
    args.push_back("--parameter-overrides");
    args.insert(args.end(), overrides.begin(), overrides.end());
  }
  if (!options_.tags.empty()) {
    args.push_back("--tags");
    for (const auto& [key, value] : options_.tags) args.push_back(key + "=" + value);
  }
  if (body_bytes > kMaxInlineTemplateBytes) args.insert(args.end(), {"--s3-bucket", assets_.bucket()});
  if (options_.no_execute) args.push_back("--no-execute-changeset");
  return args;
}

bool Deployer::fail(const std::string& stack_name, const std::string& message,
                    const std::vector<std::string>& details) {
  err_ << "error: " << stack_name << ": " << message << "\n";
  for (const auto& line : details) err_ << "  " << line << "\n";
  return false;
}

std::string stack_region(const SynthesizedStack& stack, const std::string& given) {
  const std::string env = stack.stack != nullptr ? stack.stack->env().region : "";
  if (!env.empty() && !given.empty() && env != given)
    throw UsageError("RegionMismatch", stack.stack->node().path(),
                     "stack " + stack.name + " is for region " + env + " (its env), not --region " + given);
  return env.empty() ? given : env;
}

std::optional<std::string> Deployer::check_account(const SynthesizedStack& stack) {
  if (stack.stack == nullptr || stack.stack->env().account.empty()) return std::nullopt;
  const std::string& wanted = stack.stack->env().account;
  const std::vector<std::string> call = {"sts", "get-caller-identity", "--query", "Account", "--output", "text"};
  if (aws_.dry_run()) {
    aws_.run(call, {}, "checks that the credentials are for account " + wanted + " (the stack's env)");
    return std::nullopt;
  }
  auto answer = aws_.query(call);
  if (!answer) return "cannot tell which account the credentials are for (aws sts get-caller-identity failed); the stack's env says " + wanted;
  std::string account = *answer;
  while (!account.empty() && std::isspace(static_cast<unsigned char>(account.back()))) account.pop_back();
  if (account != wanted)
    return "the credentials are for account " + account + ", but the stack's env says " + wanted + ": nothing was deployed";
  return std::nullopt;
}

bool Deployer::deploy(const SynthesizedStack& stack, const std::string& body) {
  fs::path template_file = work_dir_ / (stack.name + ".yaml");
  {
    std::ofstream stream(template_file, std::ios::binary);
    stream << body;
    if (!stream) return fail(stack.name, "cannot write " + template_file.string(), {});
  }
  if (auto problem = check_account(stack)) return fail(stack.name, *problem, {});
  const char* prefix = aws_.dry_run() ? "# " : "";
  out_ << prefix << stack.name << ": deploying " << template_file.string() << " (" << body.size() << " bytes)\n";

  auto assets = find_assets(stack.document);
  std::vector<std::string> args;
  try {
    for (const auto& asset : assets) assets_.publish(asset);
    args = deploy_arguments(stack, template_file, !assets.empty(), body.size());
  } catch (const DeployFailure& failure) {
    return fail(stack.name, failure.what(), failure.details());
  }
  if (aws_.dry_run()) {
    aws_.run(args);
    return true;
  }

  EventWatcher watcher(aws_, stack.name, out_);
  watcher.start();
  auto result = aws_.run(args, {.on_tick = [&watcher] { watcher.poll(); }, .poll_interval_ms = 2000});
  watcher.poll();
  // Real CloudFormation reports an empty change set, which --no-fail-on-empty-changeset
  // accepts; some endpoints (moto_server) refuse to create it with UpdateStack's message.
  bool refused_as_empty = result.err.find("No updates are to be performed") != std::string::npos;
  if (result.exit_code != 0 && !refused_as_empty) {
    auto details = aws_error_lines(result.err);
    for (const auto& event : watcher.failures())
      details.push_back(event.status + "  " + event.resource_type + "  " + event.logical_id +
                        (event.reason.empty() ? "" : ": " + event.reason));
    return fail(stack.name, "deploy failed after " + seconds(watcher.elapsed()), details);
  }
  if (refused_as_empty || result.out.find("No changes to deploy") != std::string::npos) {
    out_ << stack.name << ": no changes (" << seconds(watcher.elapsed()) << ")\n";
  } else if (options_.no_execute) {
    show_change_set(result.out);
    return true;
  } else {
    out_ << stack.name << ": deployed in " << seconds(watcher.elapsed()) << "\n";
  }
  show_outputs(stack.name);
  return true;
}

void Deployer::show_outputs(const std::string& stack_name) {
  auto answer = aws_.query({"cloudformation", "describe-stacks", "--stack-name", stack_name, "--output", "json"});
  if (!answer) return;
  for (const auto& line : format_outputs(*answer)) out_ << line << "\n";
}

void Deployer::show_change_set(const std::string& deploy_output) {
  static const std::regex change_set(R"(--change-set-name\s+(\S+))");
  std::smatch match;
  if (!std::regex_search(deploy_output, match, change_set)) {
    out_ << "  change set created, not executed\n";
    return;
  }
  std::string arn = match[1].str();
  out_ << "  change set " << arn << " (not executed):\n";
  auto answer = aws_.query({"cloudformation", "describe-change-set", "--change-set-name", arn, "--output", "json"});
  auto lines = answer ? format_changes(*answer) : std::nullopt;
  if (!lines) {
    out_ << "  (cannot describe the change set)\n";
    return;
  }
  for (const auto& line : *lines) out_ << line << "\n";
  out_ << "  execute with: " << shell_quote(aws_.command({"cloudformation", "execute-change-set", "--change-set-name", arn}))
       << "\n";
}

}  // namespace formwork::deploy
