// The stand-alone example app (examples/app): installed package, find_package(formwork),
// templates that cfn-lint accepts without a warning, and a deployment to moto_server.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

namespace {

void require_success(const formwork::process::RunResult& result, const std::string& what) {
  INFO(what << "\nstdout:\n" << result.out << "\nstderr:\n" << result.err);
  REQUIRE(result.exit_code == 0);
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("the example app builds against the installed package, lints clean and deploys to moto_server",
          "[examples][install][deploy]") {
  if (!require_tool("cmake") || !require_tool("cfn-lint") || !require_tool("aws") || !require_tool("moto_server"))
    return;
  TempDir temp;
  const fs::path prefix = temp.path() / "prefix";
  const fs::path build = temp.path() / "build";
  const fs::path templates = temp.path() / "templates";

  // GIVEN formwork installed into a fresh prefix, and the example configured against it alone
  require_success(run({"cmake", "--install", FORMWORK_BINARY_DIR, "--prefix", prefix.string()}), "cmake --install");
  CHECK(fs::exists(prefix / "lib" / "cmake" / "formwork" / "formworkConfig.cmake"));
  CHECK(fs::exists(prefix / "include" / "formwork" / "constructs" / "core" / "app.hpp"));
  CHECK(fs::exists(prefix / "include" / "formwork" / "bin" / "cli" / "cli.hpp"));
  require_success(run({"cmake", "-S", (source_dir() / "examples" / "app").string(), "-B", build.string(),
                       "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_PREFIX_PATH=" + prefix.string()}),
                  "configure examples/app");
  require_success(run({"cmake", "--build", build.string(), "-j2"}), "build examples/app");
  const std::string app = (build / "demo_app").string();

  // WHEN it synthesizes
  require_success(run({app, "synth", "-o", templates.string()}), "demo_app synth");
  const auto messaging = templates / "DemoMessaging.yaml";
  const auto worker = templates / "DemoWorker.yaml";
  REQUIRE(fs::exists(messaging));
  REQUIRE(fs::exists(worker));
  CHECK(read_file(worker).find("!ImportValue DemoMessaging:Jobs-Arn") != std::string::npos);
  auto listed = run({app, "ls", "--long"});
  CHECK(listed.out == "DemoMessaging  2 resources  depends on: -\nDemoWorker  2 resources  depends on: DemoMessaging\n");

  // THEN cfn-lint finds no error and no warning
  auto lint = run({"cfn-lint", messaging.string(), worker.string()});
  INFO(lint.out << lint.err);
  CHECK(lint.exit_code == 0);
  CHECK(lint.out.empty());

  // AND both stacks deploy, producer first. moto_server (5.2) cannot resolve an import
  // through a change set, which `aws cloudformation deploy` uses: it registers exports only
  // for stacks made with CreateStack and gives change-set stacks no exports to import from.
  // So the producer template is deployed with `deploy` (under a name of its own), and the
  // pair is created with create-stack, in dependency order, for the import to resolve.
  MotoServer moto;
  require_success(moto.aws({"cloudformation", "deploy", "--template-file", messaging.string(), "--stack-name",
                            "DemoMessagingViaDeploy"}),
                  "deploy the DemoMessaging template");
  for (const auto& [stack, file] : {std::pair{"DemoMessaging", messaging}, std::pair{"DemoWorker", worker}}) {
    require_success(moto.aws({"cloudformation", "create-stack", "--stack-name", stack, "--template-body",
                              "file://" + file.string(), "--capabilities", "CAPABILITY_IAM", "--parameters",
                              "ParameterKey=Stage,ParameterValue=prod"}),
                    std::string("create ") + stack);
    require_success(moto.aws({"cloudformation", "wait", "stack-create-complete", "--stack-name", stack}),
                    std::string("wait for ") + stack);
  }

  auto exports = moto.aws({"cloudformation", "list-exports", "--query", "Exports[].Name", "--output", "text"});
  CHECK(exports.out.find("DemoMessaging:Jobs-Arn") != std::string::npos);
  CHECK(exports.out.find("DemoMessaging:Jobs\t") != std::string::npos);

  auto queue_url = moto.aws({"cloudformation", "describe-stack-resource", "--stack-name", "DemoMessaging",
                             "--logical-resource-id", "Jobs", "--query", "StackResourceDetail.PhysicalResourceId",
                             "--output", "text"});
  require_success(queue_url, "queue of DemoMessaging");
  const std::string url = first_line(queue_url.out);
  auto queues = moto.aws({"sqs", "list-queues", "--query", "QueueUrls", "--output", "text"});
  const std::string queue_name = url.substr(url.rfind('/') + 1);  // the URLs differ in host
  CHECK(queue_name.rfind("DemoMessaging-Jobs-", 0) == 0);
  CHECK(queues.out.find("/" + queue_name) != std::string::npos);
  auto topics = moto.aws({"sns", "list-topics", "--query", "Topics[].TopicArn", "--output", "text"});
  CHECK(topics.out.find(":DemoMessaging-Events-") != std::string::npos);

  auto function = moto.aws({"cloudformation", "describe-stack-resource", "--stack-name", "DemoWorker",
                            "--logical-resource-id", "Worker", "--query", "StackResourceDetail.PhysicalResourceId",
                            "--output", "text"});
  require_success(function, "function of DemoWorker");
  auto config = moto.aws({"lambda", "get-function-configuration", "--function-name", first_line(function.out),
                          "--query", "[Runtime, Environment.Variables.QUEUE_URL, Environment.Variables.STAGE]",
                          "--output", "text"});
  require_success(config, "function configuration");
  // The import resolved: the function sees the producer's queue URL.
  CHECK(first_line(config.out) == "python3.12\t" + url + "\tprod");
}
