#include "lint/cfn_lint.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "process/process.hpp"

namespace formwork::lint {
namespace {

Severity severity_of(const std::string& level) {
  if (level == "Error") return Severity::Error;
  if (level == "Warning") return Severity::Warning;
  return Severity::Info;  // "Informational"
}

std::string first_line(const std::string& text) {
  auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

}  // namespace

std::vector<Finding> parse_cfn_lint_report(const std::string& json, const std::vector<CfnLintInput>& inputs) {
  auto report = nlohmann::json::parse(json);  // throws on anything that is not a report
  if (!report.is_array()) throw std::runtime_error("cfn-lint printed JSON that is not a list of findings");
  std::vector<Finding> out;
  for (const auto& match : report) {
    std::string file = match.value("Filename", "");
    for (const auto& input : inputs)
      if (input.path == file) file = input.display_name;
    int line = 0;
    if (match.contains("Location") && match["Location"].contains("Start"))
      line = match["Location"]["Start"].value("LineNumber", 0);
    std::string id = match.contains("Rule") ? match["Rule"].value("Id", "") : "";
    std::string message = match.value("Message", "");
    for (char& c : message)
      if (c == '\n') c = ' ';  // one line per finding
    out.push_back(Finding{
        .rule_id = id,
        .severity = severity_of(match.value("Level", "")),
        .file = file,
        .line = line,
        .logical_id = "",
        .message = message,
        .hint = "",
        .from_cfn_lint = true,
    });
  }
  return out;
}

std::optional<std::vector<Finding>> run_cfn_lint(const std::vector<CfnLintInput>& inputs) {
  if (!process::find_program("cfn-lint")) return std::nullopt;
  if (inputs.empty()) return std::vector<Finding>{};
  std::vector<std::string> argv = {"cfn-lint", "--format", "json", "--"};
  for (const auto& input : inputs) argv.push_back(input.path);
  auto result = process::run(argv);
  try {
    return parse_cfn_lint_report(result.out, inputs);
  } catch (const nlohmann::json::exception&) {
    std::string reason = first_line(result.err.empty() ? result.out : result.err);
    throw std::runtime_error("cfn-lint failed (exit code " + std::to_string(result.exit_code) + ")" +
                             (reason.empty() ? "" : ": " + reason));
  }
}

}  // namespace formwork::lint
