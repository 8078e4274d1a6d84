#include "deploy/aws_cli.hpp"

#include <cstdlib>
#include <regex>
#include <sstream>

namespace formwork::deploy {
namespace {

std::string environment_variable(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

bool needs_quotes(const std::string& word) {
  if (word.empty()) return true;
  for (char c : word) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("-_./:=@,+%").find(c) != std::string_view::npos;
    if (!plain) return true;
  }
  return false;
}

}  // namespace

AwsTarget resolve_target(AwsTarget given) {
  if (given.region.empty()) given.region = environment_variable("AWS_REGION");
  if (given.region.empty()) given.region = environment_variable("AWS_DEFAULT_REGION");
  if (given.profile.empty()) given.profile = environment_variable("AWS_PROFILE");
  if (given.endpoint_url.empty()) given.endpoint_url = environment_variable("AWS_ENDPOINT_URL");
  return given;
}

std::string shell_quote(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& word : argv) {
    if (!line.empty()) line += ' ';
    if (!needs_quotes(word)) {
      line += word;
      continue;
    }
    // Single quotes keep everything literal; a single quote itself is closed, escaped, reopened.
    line += '\'';
    for (char c : word) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

std::string redact(std::string text) {
  for (const char* name : {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}) {
    std::string secret = environment_variable(name);
    // Short values are test placeholders ("test"); replacing them would mangle ordinary words.
    if (secret.size() < 8) continue;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 4))
      text.replace(at, secret.size(), "****");
  }
  return text;
}

std::vector<std::string> AwsCli::command(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{"aws"};
  argv.insert(argv.end(), args.begin(), args.end());
  if (!target_.region.empty()) argv.insert(argv.end(), {"--region", target_.region});
  if (!target_.profile.empty()) argv.insert(argv.end(), {"--profile", target_.profile});
  if (!target_.endpoint_url.empty()) argv.insert(argv.end(), {"--endpoint-url", target_.endpoint_url});
  return argv;
}

process::RunResult AwsCli::run(const std::vector<std::string>& args, const process::RunOptions& options,
                               const std::string& note) const {
  auto argv = command(args);
  if (dry_run_) {
    if (!note.empty()) out_ << "# " << note << "\n";
    auto shown = argv;
    for (auto& word : shown)
      for (const auto& hidden : hidden_)
        if (word == hidden) word = word.substr(0, word.find('=') + 1) + "****";
    out_ << redact(shell_quote(shown)) << "\n";
    return process::RunResult{.exit_code = 0, .out = {}, .err = {}};
  }
  auto with_pager_off = options;
  // A pager would wait for a terminal that is not there.
  with_pager_off.environment.emplace("AWS_PAGER", "");
  return process::run(argv, with_pager_off);
}

std::optional<std::string> AwsCli::query(const std::vector<std::string>& args) const {
  auto result = process::run(command(args), {.environment = {{"AWS_PAGER", ""}}});
  if (result.exit_code != 0) return std::nullopt;
  return result.out;
}

std::vector<std::string> aws_error_lines(const std::string& err) {
  static const std::regex raw_message(R"re("__type":\s*"([^"]*)",\s*"message":\s*"([^"]*)")re");
  std::vector<std::string> lines;
  std::istringstream in(redact(err));
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    std::smatch match;
    if (std::regex_search(line, match, raw_message)) {
      // Replaces the CLI's "Unable to parse response … invalid XML received" line before it.
      if (!lines.empty() && lines.back().starts_with("Unable to parse response")) lines.pop_back();
      line = match[1].str() + ": " + match[2].str();
    }
    lines.push_back(line);
  }
  return lines;
}

}  // namespace formwork::deploy
