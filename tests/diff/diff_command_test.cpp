// `formwork diff` as a user runs it: the real program on fixture files, each output format,
// exit codes and errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/tools.hpp"

using formwork::testing::formwork_bin;
using formwork::testing::run;
using formwork::testing::source_dir;

namespace {

std::string fixture(const std::string& name) { return (source_dir() / "tests/diff/fixtures" / name).string(); }

formwork::process::RunResult diff(std::vector<std::string> args) {
  args.insert(args.begin(), {formwork_bin(), "diff"});
  return run(args);
}

}  // namespace

TEST_CASE("text output lists each change under its resource with + - ~ markers", "[diff][cli]") {
  auto result = diff({fixture("queue_old.yaml"), fixture("queue_fifo.yaml")});
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "Stack queue_fifo " + fixture("queue_old.yaml") + " → " + fixture("queue_fifo.yaml") +
            "\n"
            "  Resources\n"
            "    ~ Jobs AWS::SQS::Queue  REPLACED: QueueName is create-only; FifoQueue is create-only\n"
            "        ~ QueueName: jobs → jobs.fifo\n"
            "        + FifoQueue: true\n"
            "  0 to add, 1 to change (1 replacement), 0 to remove\n"
            "\n"
            "Total: 0 to add, 1 to change (1 replacement), 0 to remove (1 of 1 stack with differences)\n");
}

TEST_CASE("text output has no colour codes when not on a terminal", "[diff][cli]") {
  auto result = diff({fixture("app_old.yaml"), fixture("app_new.yaml")});
  CHECK(result.out.find('\x1b') == std::string::npos);
  CHECK(result.out.find("    + Audit AWS::SQS::Queue\n") != std::string::npos);
  CHECK(result.out.find("    - Legacy AWS::SNS::Topic\n") != std::string::npos);
  CHECK(result.out.find("        ~ MemorySize: 128 → 256\n") != std::string::npos);
  CHECK(result.out.find("        + Tags[1]: {Key: owner, Value: alice}\n") != std::string::npos);
  CHECK(result.out.find("  Outputs\n    - LegacyTopic: {Value: !Ref Legacy}\n") != std::string::npos);
}

TEST_CASE("text output shows the security section with widening called out", "[diff][cli][security]") {
  auto result = diff({fixture("iam_old.yaml"), fixture("iam_new.yaml")});
  CHECK(result.out.find("  Security\n") != std::string::npos);
  CHECK(result.out.find("    + IAM statement in FnRole (Policies[0].PolicyDocument)\n"
                        "        Allow sqs:* on '*'\n"
                        "        widens access: action sqs:*, resource *\n") != std::string::npos);
  CHECK(result.out.find("    - Lambda permission FnInvokeFromTopic\n"
                        "        Allow sns.amazonaws.com to lambda:InvokeFunction on !GetAtt Fn.Arn when SourceArn !Ref Topic\n") !=
        std::string::npos);
  CHECK(result.out.find("4 security changes, 2 widening access") != std::string::npos);
}

TEST_CASE("markdown output calls out replacements and security changes at the top", "[diff][cli]") {
  auto result = diff({"--format", "markdown", fixture("iam_old.yaml"), fixture("iam_new.yaml")});
  CHECK(result.exit_code == 0);
  const auto& md = result.out;
  CHECK(md.rfind("## formwork diff: 1 to add, 1 to change, 1 to remove\n\n> [!CAUTION]\n> **Security changes**\n", 0) == 0);
  CHECK(md.find("> - ➕ `iam_new` IAM statement in FnRole (Policies[0].PolicyDocument): `Allow sqs:* on '*'` — "
                "**widens access:** `action sqs:*`, `resource *`\n") != std::string::npos);
  CHECK(md.find("| Stack | Add | Change | Replace | Remove | Other | Security |\n") != std::string::npos);
  CHECK(md.find("| iam_new | 1 | 1 | 0 | 1 | 0 | 4 (2 widening) |\n") != std::string::npos);
  CHECK(md.find("### iam_new\n") != std::string::npos);
  CHECK(md.find("<details><summary>Resources (3)</summary>") != std::string::npos);
  CHECK(md.find("| + | `FnInvokeFromApi` | `AWS::Lambda::Permission` |  |\n") != std::string::npos);
  CHECK(md.find("</details>") != std::string::npos);

  auto replaced = diff({"--format", "markdown", fixture("queue_old.yaml"), fixture("queue_fifo.yaml")});
  CHECK(replaced.out.find("> **Replacements** (the resource is deleted and created again)\n>\n"
                          "> - `queue_fifo/Jobs` (`AWS::SQS::Queue`) is replaced: QueueName is create-only; "
                          "FifoQueue is create-only\n") != std::string::npos);
  CHECK(replaced.out.find("  - ✏️ `QueueName`: `jobs` → `jobs.fifo`\n") != std::string::npos);
}

TEST_CASE("json output carries the same facts", "[diff][cli]") {
  auto result = diff({"--format", "json", fixture("queue_old.yaml"), fixture("queue_fifo.yaml")});
  CHECK(result.exit_code == 0);
  auto json = nlohmann::json::parse(result.out);
  CHECK(json["has_differences"] == true);
  CHECK(json["summary"]["text"] == "0 to add, 1 to change (1 replacement), 0 to remove");
  CHECK(json["summary"]["replace"] == 1);
  const auto& stack = json["stacks"][0];
  CHECK(stack["name"] == "queue_fifo");
  CHECK(stack["status"] == "changed");
  const auto& jobs = stack["resources"][0];
  CHECK(jobs["logical_id"] == "Jobs");
  CHECK(jobs["change"] == "modified");
  CHECK(jobs["replacement"] == "replace");
  CHECK(jobs["replacement_reasons"] == nlohmann::json{"QueueName is create-only", "FifoQueue is create-only"});
  CHECK(jobs["changes"][0] == nlohmann::json{{"change", "modified"},
                                             {"path", "Properties.QueueName"},
                                             {"display_path", "QueueName"},
                                             {"old", "jobs"},
                                             {"new", "jobs.fifo"}});
  CHECK(jobs["changes"][1]["new"] == true);
}

TEST_CASE("json output lists security changes with their widening", "[diff][cli][security]") {
  auto json = nlohmann::json::parse(diff({"--format", "json", fixture("iam_old.yaml"), fixture("iam_new.yaml")}).out);
  const auto& security = json["stacks"][0]["security"];
  REQUIRE(security.size() == 4);
  nlohmann::json widened;
  for (const auto& c : security)
    if (c["kind"] == "iam-statement" && c["change"] == "added") widened = c;
  CHECK(widened["actions"] == nlohmann::json{"sqs:*"});
  CHECK(widened["resources"] == nlohmann::json{"*"});
  CHECK(widened["widening"] == nlohmann::json{"action sqs:*", "resource *"});
  CHECK(json["summary"]["widening"] == 2);
}

TEST_CASE("diff --fail exits 1 on a difference and 0 on none", "[diff][cli]") {
  CHECK(diff({"--fail", fixture("queue_old.yaml"), fixture("queue_fifo.yaml")}).exit_code == 1);
  auto same = diff({"--fail", fixture("app_old.yaml"), fixture("app_old_long_form.json")});
  CHECK(same.exit_code == 0);
  CHECK(same.out.find("  no differences\n") != std::string::npos);
  CHECK(diff({fixture("queue_old.yaml"), fixture("queue_fifo.yaml")}).exit_code == 0);
}

TEST_CASE("unreadable input exits 2 with file and line", "[diff][cli]") {
  auto result = diff({"--fail", fixture("queue_old.yaml"), fixture("broken.yaml")});
  CHECK(result.exit_code == 2);
  CHECK(result.err.rfind("error: " + fixture("broken.yaml") + ":5:", 0) == 0);
  CHECK(result.out.empty());

  auto missing = diff({fixture("queue_old.yaml"), fixture("no_such_file.yaml")});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no_such_file.yaml") != std::string::npos);
}

TEST_CASE("a template whose resource has no Type is rejected at its line", "[diff][cli]") {
  formwork::testing::TempDir dir;
  auto bad = dir.path() / "bad.yaml";
  formwork::testing::write_file(bad, "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n  Odd:\n    Properties: {}\n");
  auto result = diff({fixture("queue_old.yaml"), bad.string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "error: " + bad.string() + ":5: resource Odd has no Type\n");
}

TEST_CASE("files need exactly two arguments", "[diff][cli]") {
  auto result = diff({fixture("queue_old.yaml")});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "error: diff with files needs exactly two, OLD and NEW, got 1 (TwoFiles)\n");
}

TEST_CASE("an unknown stack name is a usage error", "[diff][cli]") {
  auto result = diff({"NoSuchStack"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("error: no stack named 'NoSuchStack'") == 0);
}
