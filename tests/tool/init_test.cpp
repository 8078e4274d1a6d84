// `formwork init`: a project that builds against this formwork and synthesizes at once;
// every command rebuilds it, so an edit shows in the next command's template; a mistake
// made while main builds the tree is one line and exit 2; it deploys to moto_server.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

namespace {

formwork::process::RunResult formwork_in(const fs::path& directory, std::vector<std::string> args,
                                         std::map<std::string, std::string> environment = {}) {
  args.insert(args.begin(), formwork_bin());
  return run(args, {.environment = std::move(environment), .working_directory = directory.string()});
}

void require_success(const formwork::process::RunResult& result, const std::string& what) {
  INFO(what << "\nstdout:\n" << result.out << "\nstderr:\n" << result.err);
  REQUIRE(result.exit_code == 0);
}

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  auto text = read_file(file);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write_file(file, text);
}

}  // namespace

TEST_CASE("formwork init makes a project that builds, synthesizes, tests, lints clean and deploys to moto_server",
          "[tool][init][deploy]") {
  if (!require_tool("cmake")) return;
  TempDir temp;
  const fs::path project = temp.path() / "hello-app";

  // GIVEN a new project
  auto init = formwork_in(temp.path(), {"init", "hello-app"});
  require_success(init, "formwork init");
  for (const char* file : {"formwork.json", "CMakeLists.txt", "main.cpp", "app_stack.hpp", "app_stack.cpp",
                           "handler/index.py", "test/app_stack_test.cpp", ".gitignore", "README.md"})
    CHECK(fs::exists(project / file));
  auto again = formwork_in(temp.path(), {"init", "hello-app"});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("is not an empty folder") != std::string::npos);

  // WHEN it synthesizes, from a subfolder (the first run configures and builds it)
  auto synth = formwork_in(project / "handler", {"synth"});
  require_success(synth, "formwork synth");
  const fs::path template_file = project / "templates" / "HelloApp.yaml";
  REQUIRE(fs::exists(template_file));
  CHECK(read_file(template_file).find("MaximumRetryAttempts: 2") != std::string::npos);
  CHECK(formwork_in(project, {"ls"}).out == "HelloApp\n");
  CHECK(read_file(template_file).find("STAGE: dev") != std::string::npos);  // formwork.json's context

  // AND the command line's context wins over the project file's, where the app reads it
  auto prod = formwork_in(project, {"synth", "--context", "stage=prod", "--stdout"});
  require_success(prod, "synth --context stage=prod");
  CHECK(prod.out.find("STAGE: prod") != std::string::npos);
  auto direct = run({(project / "build" / "hello_app").string(), "synth", "--stdout", "-c", "stage=qa"},
                    {.working_directory = project.string()});  // the app itself, not through the tool
  require_success(direct, "the app run with -c stage=qa");
  CHECK(direct.out.find("STAGE: qa") != std::string::npos);
  auto malformed = formwork_in(project, {"synth", "--context", "stage"});
  CHECK(malformed.exit_code == 2);
  CHECK(malformed.err == "error: --context 'stage' must be KEY=VALUE (InvalidContext)\n");

  // THEN an edit shows in the next command, without a build step of the user's
  replace_in(project / "app_stack.cpp", ".retry_attempts = 2", ".retry_attempts = 1");
  auto edited = formwork_in(project, {"synth", "--stdout"});
  require_success(edited, "synth after an edit");
  CHECK(edited.out.find("MaximumRetryAttempts: 1") != std::string::npos);
  auto diff = formwork_in(project, {"diff", "--fail"});
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.find("MaximumRetryAttempts: 2 → 1") != std::string::npos);
  replace_in(project / "app_stack.cpp", ".retry_attempts = 1", ".retry_attempts = 2");  // what its test expects

  // AND a duplicate id, raised while main builds the tree, is one line and exit 2
  replace_in(project / "app_stack.cpp", "  add<lambda::Function>(\"Greeter\"",
             "  add<sqs::Queue>(\"DeadLetterQueue\");\n  add<lambda::Function>(\"Greeter\"");
  auto duplicate = formwork_in(project, {"synth"});
  CHECK(duplicate.exit_code == 2);
  CHECK(duplicate.err ==
        "error: [HelloApp] there is already a construct with id 'DeadLetterQueue' in this scope (DuplicateId)\n");
  replace_in(project / "app_stack.cpp", "  add<sqs::Queue>(\"DeadLetterQueue\");\n", "");

  // AND a compiler error is shown, with one line saying the app did not build
  replace_in(project / "app_stack.cpp", ".timeout = Duration::seconds(10)", ".timeuot = Duration::seconds(10)");
  auto broken = formwork_in(project, {"synth"});
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("timeuot") != std::string::npos);
  CHECK(broken.err.find("error: the app did not build") != std::string::npos);
  replace_in(project / "app_stack.cpp", ".timeuot", ".timeout");

  // AND its own test builds and passes
  require_success(run({"cmake", "--build", (project / "build").string(), "--target", "hello_app_test"}),
                  "build the project's test");
  require_success(run({"ctest", "--test-dir", (project / "build").string(), "--output-on-failure"}),
                  "the project's test");

  // AND cfn-lint accepts the template, and the stack deploys to moto_server
  require_success(formwork_in(project, {"synth"}), "synth");
  if (!require_tool("cfn-lint") || !require_tool("aws") || !require_tool("moto_server")) return;
  auto lint = run({"cfn-lint", template_file.string()});
  INFO(lint.out << lint.err);
  CHECK(lint.exit_code == 0);
  CHECK(lint.out.empty());
  MotoServer moto;
  auto deployed = formwork_in(project, {"deploy", "--endpoint-url", moto.endpoint()}, moto.environment());
  require_success(deployed, "formwork deploy");
  auto function = moto.aws({"cloudformation", "describe-stack-resource", "--stack-name", "HelloApp",
                            "--logical-resource-id", "Greeter", "--query", "StackResourceDetail.PhysicalResourceId",
                            "--output", "text"});
  require_success(function, "the deployed function");
  auto runtime = moto.aws({"lambda", "get-function-configuration", "--function-name",
                           function.out.substr(0, function.out.find('\n')), "--query", "Runtime", "--output", "text"});
  CHECK(runtime.out == "python3.12\n");
  auto queues = moto.aws({"sqs", "list-queues", "--query", "QueueUrls", "--output", "text"});
  CHECK(queues.out.find("HelloApp-DeadLetterQueue") != std::string::npos);
}
