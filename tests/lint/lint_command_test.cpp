// `formwork lint` (bin/cli/lint_command.cpp): arguments, output, exit codes, cfn-lint.
#include <catch2/catch.hpp>

#include <sstream>

#include "bin/cli/context.hpp"
#include "bin/cli/lint_command.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/iam/policy_statement.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using formwork::testing::formwork_bin;
using formwork::testing::source_dir;

namespace {

process::RunResult lint(std::vector<std::string> args, std::map<std::string, std::string> environment = {}) {
  args.insert(args.begin(), {formwork_bin(), "lint"});
  return testing::run(args, {.environment = std::move(environment), .working_directory = source_dir().string()});
}

std::string fixture(const std::string& name) { return "tests/lint/fixtures/" + name; }

// A PATH with only an empty folder on it, so cfn-lint cannot be found.
std::string path_without_cfn_lint(const testing::TempDir& dir) { return dir.path().string() + ":/nonexistent"; }

/// An app with one stack whose function an SNS topic invokes without a dead-letter queue.
struct DemoApp {
  App app;
  DemoApp() {
    auto& stack = app.add<Stack>("Demo");
    auto& role = stack.add<CfnResource>(
        "Role",
        {.type = "AWS::IAM::Role",
         .properties = {{"AssumeRolePolicyDocument", iam::policy_document({{.actions = {"sts:AssumeRole"},
                                                                            .principals = {iam::Principal::service(
                                                                                "lambda.amazonaws.com")}}})}}});
    auto& function = stack.add<CfnResource>(
        "Handler", {.type = "AWS::Lambda::Function",
                    .properties = {{"Runtime", "python3.12"},
                                   {"Handler", "index.handler"},
                                   {"Role", role.get_att("Arn")},
                                   {"Code", Value::map({{"ZipFile", "def handler(event, context): return event"}})}}});
    auto& topic = stack.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
    stack.add<CfnResource>(
        "Subscription",
        {.type = "AWS::SNS::Subscription",
         .properties = {{"Protocol", "lambda"}, {"Endpoint", function.get_att("Arn")}, {"TopicArn", topic.ref()}}});
  }
};

struct CommandResult {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs the lint command in-process on an app, as run_cli does.
CommandResult run_command(App& app, std::vector<std::string> args) {
  std::ostringstream out, err;
  cli::Context context(app, out, err);
  CLI::App program("test", "formwork");
  cli::add_lint_command(program, context);
  args.insert(args.begin(), {"formwork", "lint"});
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  program.parse(static_cast<int>(argv.size()), argv.data());
  return {context.exit_code, out.str(), err.str()};
}

int line_containing(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line == needle) return n;
  return 0;
}

}  // namespace

TEST_CASE("prints one line per finding and a summary, and exits 1 on errors", "[lint]") {
  auto result = lint({"--no-cfn-lint", fixture("FW1004_trip.yaml"), fixture("FW1001_trip.yaml")});
  CHECK(result.exit_code == 1);
  CHECK(result.out ==
        "tests/lint/fixtures/FW1001_trip.yaml:9: error FW1001 !Ref Stages names no resource, parameter or pseudo "
        "parameter \u2014 did you mean Stage?\n"
        "tests/lint/fixtures/FW1001_trip.yaml:12: error FW1001 !Ref Queu names no resource, parameter or pseudo "
        "parameter \u2014 did you mean Queue?\n"
        "tests/lint/fixtures/FW1004_trip.yaml:9: error FW1004 DependsOn Nowhere names no resource \u2014 remove "
        "Nowhere from DependsOn or correct the name\n"
        "tests/lint/fixtures/FW1004_trip.yaml:12: error FW1004 DependsOn Qeueu names no resource \u2014 did you mean "
        "Queue?\n"
        "4 errors, 0 warnings\n");
  CHECK(result.err.empty());
}

TEST_CASE("lint --fail-on sets the lowest severity that fails", "[lint]") {
  auto warnings_only = fixture("FW4002_trip.yaml");
  CHECK(lint({"--no-cfn-lint", warnings_only}).exit_code == 0);
  CHECK(lint({"--no-cfn-lint", "--fail-on", "warning", warnings_only}).exit_code == 1);
  CHECK(lint({"--no-cfn-lint", "--fail-on", "info", fixture("FW4002_pass.yaml")}).exit_code == 0);
  auto bad = lint({"--no-cfn-lint", "--fail-on", "sometimes", warnings_only});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("a malformed template gets file:line:column and exit code 2", "[lint]") {
  auto result = lint({"--no-cfn-lint", fixture("malformed.yaml"), fixture("FW1001_pass.yaml")});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "error: tests/lint/fixtures/malformed.yaml:6:1: invalid YAML: end of sequence flow not found\n");
}

TEST_CASE("an argument that is neither a file nor a stack is a usage error", "[lint]") {
  auto result = lint({"--no-cfn-lint", "NoSuchStack"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("error: no stack named 'NoSuchStack'") == 0);
}

TEST_CASE("a missing template file or a directory is one line naming it and exit code 2", "[lint][hostile]") {
  // From the repository root (a project): the name is still taken as a file, not a stack.
  auto missing = lint({"missing.yaml"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err == "error: missing.yaml: no such file\n");
  auto directory = lint({"--no-cfn-lint", "tests/lint/fixtures"});
  CHECK(directory.exit_code == 2);
  CHECK(directory.err == "error: tests/lint/fixtures: is a directory, not a template file\n");
}

TEST_CASE("says once that cfn-lint is missing, and fails only under --require-cfn-lint", "[lint]") {
  testing::TempDir empty;
  std::map<std::string, std::string> environment = {{"PATH", path_without_cfn_lint(empty)}};
  // Outside any project (inside the repository the tool would first rebuild the app, which
  // needs cmake on PATH): lint of template files needs nothing else.
  auto lint_outside = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {formwork_bin(), "lint"});
    return testing::run(args, {.environment = environment, .working_directory = empty.path().string()});
  };
  auto absolute = [](const std::string& name) { return (source_dir() / fixture(name)).string(); };
  auto result = lint_outside({absolute("FW1001_pass.yaml"), absolute("FW1002_pass.yaml")});
  CHECK(result.exit_code == 0);
  CHECK(result.out == "0 errors, 0 warnings\n");
  CHECK(result.err == "cfn-lint is not installed: only formwork's own checks ran\n");
  auto required = lint_outside({"--require-cfn-lint", absolute("FW1001_pass.yaml")});
  CHECK(required.exit_code == 2);
  CHECK(required.err == "error: cfn-lint is not installed, and --require-cfn-lint asks for it\n");
}

TEST_CASE("passes cfn-lint's findings through after formwork's own, on a broken template", "[lint][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  auto result = lint({"--require-cfn-lint", fixture("cfn_lint_broken.yaml")});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.empty());
  std::string file = "tests/lint/fixtures/cfn_lint_broken.yaml";
  std::vector<std::string> lines;
  std::istringstream in(result.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // Own findings first, then cfn-lint's in line order, then the summary; the rule ids and
  // lines are cfn-lint's (its wording of E2533 and E1010 changes between versions).
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] ==
        file +
            ":14: error FW1002 !GetAtt Missing names no resource \u2014 define resource Missing or correct the name");
  CHECK(lines[1] == file + ":7: [E3034] 99999 is greater than the maximum of 43200 (cfn-lint)");
  CHECK(lines[2] == file + ":8: [E3002] Additional properties are not allowed ('Bogus' was unexpected) (cfn-lint)");
  CHECK(lines[3].rfind(file + ":12: [E2533] Runtime 'python2.7' was deprecated", 0) == 0);
  CHECK(lines[4].rfind(file + ":14: [E1010] 'Missing' is not one of", 0) == 0);
  CHECK(lines[5] == "5 errors, 0 warnings");
}

TEST_CASE("cfn-lint finds nothing in the pass fixtures", "[lint][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  std::vector<std::string> args = {"--require-cfn-lint", "--fail-on", "info"};
  for (const char* rule : {"FW1001", "FW1002", "FW1003", "FW1004", "FW1005", "FW1006", "FW2007", "FW3001", "FW3002",
                           "FW3003", "FW4001", "FW4002"})
    args.push_back(fixture(std::string(rule) + "_pass.yaml"));
  auto result = lint(args);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "0 errors, 0 warnings\n");
}

TEST_CASE("lints a stack of the app as templates/<Stack>.yaml, at the lines synth writes", "[lint]") {
  DemoApp demo;
  auto result = run_command(demo.app, {"--no-cfn-lint", "--fail-on", "warning", "Demo"});
  CHECK(result.exit_code == 1);
  std::string rendered = render(*cli::Context(demo.app, std::cout, std::cerr).assembly().find("Demo"));
  INFO(result.out);
  // A finding about a resource points at its first line inside (`Type:`), just under its logical ID.
  int line = line_containing(rendered, "    Type: AWS::Lambda::Function");
  REQUIRE(line > 0);
  CHECK(line_containing(rendered, "  Handler:") == line - 1);
  CHECK(result.out.find("templates/Demo.yaml:" + std::to_string(line) +
                        ": warning FW3001 function Handler is invoked "
                        "asynchronously (by SNS subscription Subscription)") == 0);
  CHECK(result.out.substr(result.out.find('\n') + 1) == "0 errors, 1 warning\n");

  // No arguments: every stack.
  CHECK(run_command(demo.app, {"--no-cfn-lint"}).out == result.out);
}

TEST_CASE("runs cfn-lint on a synthesized stack and shows its findings under the stack's template name",
          "[lint][cfn-lint]") {
  if (!testing::require_tool("cfn-lint")) return;
  DemoApp demo;
  auto result = run_command(demo.app, {"--require-cfn-lint", "Demo"});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  // cfn-lint has nothing to say about this stack; formwork's own warning is there once.
  CHECK(result.out.find("templates/Demo.yaml:") == 0);
  CHECK(result.out.find("(cfn-lint)") == std::string::npos);
  CHECK(result.out.find("/tmp") == std::string::npos);
}
