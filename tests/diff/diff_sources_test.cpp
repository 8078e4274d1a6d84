// Where the old side comes from: a git revision (a real repository made by the test), the
// deployed stack (a real moto_server), another synth output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

namespace {

std::string fixture_text(const std::string& name) { return read_file(source_dir() / "tests/diff/fixtures" / name); }

formwork::process::RunResult in(const fs::path& directory, std::vector<std::string> argv) {
  return run(argv, {.environment = {{"GIT_AUTHOR_NAME", "t"}, {"GIT_AUTHOR_EMAIL", "t@example.com"},
                                    {"GIT_COMMITTER_NAME", "t"}, {"GIT_COMMITTER_EMAIL", "t@example.com"}},
                    .working_directory = directory.string()});
}

// The reference app reads the Lambda handlers under examples/ relative to the current folder
// (the formwork tool runs it from the repository root): give a temporary folder the same.
void link_examples(const fs::path& project) { fs::create_directory_symlink(source_dir() / "examples", project / "examples"); }

void git(const fs::path& repo, std::vector<std::string> args) {
  args.insert(args.begin(), "git");
  auto result = in(repo, args);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
}

// The stack names of the formwork program's app, from `formwork ls`.
std::vector<std::string> app_stacks() {
  std::vector<std::string> names;
  auto listed = run({formwork_bin(), "ls"});
  std::size_t start = 0;
  while (start < listed.out.size()) {
    auto end = listed.out.find('\n', start);
    auto line = listed.out.substr(start, end - start);
    if (!line.empty()) names.push_back(line.substr(0, line.find_first_of(" \t")));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return names;
}

}  // namespace

TEST_CASE("diff --git compares a template with its committed version, without a checkout", "[diff][git]") {
  if (!require_tool("git")) return;
  TempDir repo;
  link_examples(repo.path());
  git(repo.path(), {"init", "-q"});
  write_file(repo.path() / "templates/Orders.yaml", fixture_text("queue_old.yaml"));
  git(repo.path(), {"add", "templates/Orders.yaml"});
  git(repo.path(), {"commit", "-q", "-m", "standard queue"});
  write_file(repo.path() / "templates/Orders.yaml", fixture_text("queue_fifo.yaml"));
  git(repo.path(), {"commit", "-q", "-a", "-m", "FIFO queue"});
  // The working tree moves on, uncommitted: --git must read the revision, not the files.
  write_file(repo.path() / "templates/Orders.yaml", fixture_text("queue_old.yaml"));

  auto against_first = in(repo.path(), {formwork_bin(), "diff", "--git", "HEAD~1", "templates/Orders.yaml", "--fail"});
  CHECK(against_first.exit_code == 0);  // the working file equals the first commit
  CHECK(against_first.out.find("  no differences\n") != std::string::npos);

  auto against_head = in(repo.path(), {formwork_bin(), "diff", "--git", "HEAD", "templates/Orders.yaml", "--fail"});
  CHECK(against_head.exit_code == 1);
  CHECK(against_head.out.find("Stack Orders git HEAD:./templates/Orders.yaml → templates/Orders.yaml\n") !=
        std::string::npos);
  CHECK(against_head.out.find("    ~ Jobs AWS::SQS::Queue  REPLACED: FifoQueue is create-only; QueueName is create-only\n"
                              "        - FifoQueue: true\n"
                              "        ~ QueueName: jobs.fifo → jobs\n") != std::string::npos);
  // The same file under another folder name does not exist at that revision: a new stack.
  write_file(repo.path() / "other/Orders.yaml", fixture_text("queue_old.yaml"));
  auto absent = in(repo.path(), {formwork_bin(), "diff", "--git", "HEAD", "other/Orders.yaml"});
  CHECK(absent.exit_code == 0);
  CHECK(absent.out.find("Stack Orders (new stack)") == 0);
}

TEST_CASE("diff --git with an unknown revision or outside a repository fails with a clear error", "[diff][git]") {
  if (!require_tool("git")) return;
  TempDir repo;
  link_examples(repo.path());
  write_file(repo.path() / "templates/Orders.yaml", fixture_text("queue_old.yaml"));
  auto outside = in(repo.path(), {formwork_bin(), "diff", "--git", "HEAD", "templates/Orders.yaml"});
  CHECK(outside.exit_code == 2);
  CHECK(outside.err == "error: --git needs a git repository, and the current folder is not in one (NotGitRepository)\n");
  git(repo.path(), {"init", "-q"});
  git(repo.path(), {"add", "templates"});
  git(repo.path(), {"commit", "-q", "-m", "one"});
  auto unknown = in(repo.path(), {formwork_bin(), "diff", "--git", "no-such-branch", "templates/Orders.yaml"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "error: unknown git revision 'no-such-branch' (UnknownRevision)\n");
}

TEST_CASE("diff --git compares the app's synthesized stacks with templates/ at a revision", "[diff][git]") {
  if (!require_tool("git")) return;
  auto stacks = app_stacks();
  if (stacks.empty()) {
    WARN("skipped: the formwork program has no stacks yet");
    return;
  }
  TempDir repo;
  link_examples(repo.path());
  git(repo.path(), {"init", "-q"});
  auto synth = in(repo.path(), {reference_app(), "synth", "-o", "templates"});
  REQUIRE(synth.exit_code == 0);
  git(repo.path(), {"add", "templates"});
  git(repo.path(), {"commit", "-q", "-m", "synth"});
  // A second commit where the first stack's template lacks its first resource.
  auto path = repo.path() / "templates" / (stacks.front() + ".yaml");
  auto text = read_file(path);
  auto document = nlohmann::ordered_json::parse(
      in(repo.path(), {reference_app(), "synth", stacks.front(), "--stdout", "--format", "json"}).out);
  auto first = document["Resources"].begin().key();
  document["Resources"].erase(first);
  write_file(path, document.dump(2));
  git(repo.path(), {"commit", "-q", "-a", "-m", "drop a resource"});
  write_file(path, text);  // the working tree is irrelevant to --git

  auto same = in(repo.path(), {reference_app(), "diff", "--git", "HEAD~1", "--fail"});
  INFO(same.out << same.err);
  CHECK(same.exit_code == 0);
  auto changed = in(repo.path(), {reference_app(), "diff", "--git", "HEAD", "--format", "json", stacks.front()});
  INFO(changed.out << changed.err);
  REQUIRE(changed.exit_code == 0);
  auto json = nlohmann::json::parse(changed.out);
  bool added = false;
  for (const auto& r : json["stacks"][0]["resources"])
    added = added || (r["logical_id"] == first && r["change"] == "added");
  CHECK(added);
}

TEST_CASE("diff --against compares the synthesized stacks with another synth output", "[diff]") {
  TempDir dir;
  auto synth = run({formwork_bin(), "synth", "-o", (dir.path() / "out").string()});
  REQUIRE(synth.exit_code == 0);
  auto same = run({formwork_bin(), "diff", "--against", (dir.path() / "out").string(), "--fail"});
  INFO(same.out << same.err);
  CHECK(same.exit_code == 0);
  fs::create_directories(dir.path() / "empty");
  auto fresh = run({formwork_bin(), "diff", "--against", (dir.path() / "empty").string(), "--format", "json"});
  REQUIRE(fresh.exit_code == 0);
  for (const auto& stack : nlohmann::json::parse(fresh.out)["stacks"]) CHECK(stack["status"] == "new");
}

TEST_CASE("diff --deployed compares with the live stack's template", "[diff][deployed]") {
  if (!require_tool("aws") || !require_tool("moto_server")) return;
  MotoServer moto;
  TempDir dir;
  write_file(dir.path() / "deployed.yaml", fixture_text("queue_old.yaml"));
  auto deployed = moto.aws({"cloudformation", "deploy", "--template-file", (dir.path() / "deployed.yaml").string(),
                            "--stack-name", "Orders"});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);

  write_file(dir.path() / "Orders.yaml", fixture_text("queue_fifo.yaml"));
  auto result = run({formwork_bin(), "diff", "--deployed", "--endpoint-url", moto.endpoint(), "--region", "us-east-1",
                     (dir.path() / "Orders.yaml").string(), "--fail"},
                    {.environment = moto.environment()});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("Stack Orders deployed stack Orders → ") == 0);
  CHECK(result.out.find("    ~ Jobs AWS::SQS::Queue  REPLACED: QueueName is create-only; FifoQueue is create-only\n") !=
        std::string::npos);

  write_file(dir.path() / "Orders.yaml", fixture_text("queue_old.yaml"));
  auto unchanged = run({formwork_bin(), "diff", "--deployed", "--endpoint-url", moto.endpoint(),
                        (dir.path() / "Orders.yaml").string(), "--fail"},
                       {.environment = moto.environment()});
  CHECK(unchanged.exit_code == 0);

  write_file(dir.path() / "NotDeployed.yaml", fixture_text("queue_old.yaml"));
  auto fresh = run({formwork_bin(), "diff", "--deployed", "--endpoint-url", moto.endpoint(),
                    (dir.path() / "NotDeployed.yaml").string()},
                   {.environment = moto.environment()});
  INFO(fresh.err);
  CHECK(fresh.exit_code == 0);
  CHECK(fresh.out.find("Stack NotDeployed (new stack)") == 0);
}

TEST_CASE("diff --deployed against an endpoint that does not answer fails with exit 2", "[diff][deployed]") {
  if (!require_tool("aws")) return;
  auto result = run({formwork_bin(), "diff", "--deployed", "--endpoint-url", "http://127.0.0.1:9",
                     (source_dir() / "tests/diff/fixtures/queue_old.yaml").string()},
                    {.environment = {{"AWS_ACCESS_KEY_ID", "test"}, {"AWS_SECRET_ACCESS_KEY", "test"},
                                     {"AWS_DEFAULT_REGION", "us-east-1"}, {"AWS_MAX_ATTEMPTS", "1"}}});
  CHECK(result.exit_code == 2);
  CHECK(result.err.rfind("error: deployed stack queue_old: aws cloudformation get-template failed: ", 0) == 0);
}
