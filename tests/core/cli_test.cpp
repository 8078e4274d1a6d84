// The command line a user's app gets from formwork::run_cli: synth, ls, --help, --version
// and exit codes (bin/cli/cli.hpp).
#include <filesystem>

#include <catch2/catch.hpp>

#include "bin/cli/cli.hpp"
#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
namespace fs = std::filesystem;
using formwork::testing::TempDir;

namespace {

// The CLI in this process, with std::cout and std::cerr captured.
testing::CliResult run_cli_on(App& app, std::vector<std::string> args) {
  return testing::run_formwork(app, std::move(args));
}

// Consumer (built first) reads Producer's queue, so Producer comes first.
void build(App& app) {
  auto& consumer = app.add<Stack>("Consumer");
  auto& producer = app.add<Stack>("Producer");
  auto& queue = producer.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue"});
  producer.add<CfnResource>("Topic", {.type = "AWS::SNS::Topic"});
  consumer.add<CfnOutput>("QueueUrl", {.value = queue.ref()});
  consumer.add<CfnResource>("Alarms", {.type = "AWS::SNS::Topic"});
}

}  // namespace

TEST_CASE("prints the version and help for the program and every command", "[core][cli]") {
  App app;
  build(app);
  auto version = run_cli_on(app, {"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out == "formwork 0.1.0\n");
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"}, {"synth", "--help"}, {"ls", "--help"}}) {
    auto help = run_cli_on(app, args);
    INFO(args[0]);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Usage:") != std::string::npos);
    CHECK(help.err.empty());
  }
  CHECK(run_cli_on(app, {"synth", "--help"}).out.find("--format") != std::string::npos);
  CHECK(run_cli_on(app, {"ls", "--help"}).out.find("--long") != std::string::npos);
}

TEST_CASE("lists stacks in deployment order, with counts and dependencies when long", "[core][cli]") {
  App app;
  build(app);
  auto ls = run_cli_on(app, {"ls"});
  CHECK(ls.exit_code == 0);
  CHECK(ls.out == "Producer\nConsumer\n");
  auto long_ls = run_cli_on(app, {"ls", "--long"});
  CHECK(long_ls.out == "Producer  2 resources  depends on: -\nConsumer  1 resource  depends on: Producer\n");
}

TEST_CASE("synth writes every stack, or the ones named, in the format asked", "[core][cli]") {
  App app;
  build(app);
  TempDir dir;
  auto all = run_cli_on(app, {"synth", "-o", (dir.path() / "t").string()});
  CHECK(all.exit_code == 0);
  CHECK(all.out == "wrote " + (dir.path() / "t" / "Producer.yaml").string() + "\nwrote " +
                       (dir.path() / "t" / "Consumer.yaml").string() + "\n");
  auto assembly = synthesize(app);
  CHECK(formwork::testing::read_file(dir.path() / "t" / "Consumer.yaml") == render(*assembly.find("Consumer")));

  auto json = run_cli_on(app, {"synth", "Consumer", "--format", "json", "--output", (dir.path() / "j").string()});
  CHECK(json.exit_code == 0);
  CHECK(fs::exists(dir.path() / "j" / "Consumer.json"));
  CHECK_FALSE(fs::exists(dir.path() / "j" / "Producer.json"));
}

TEST_CASE("synth prints one stack with --stdout or -o -", "[core][cli]") {
  App app;
  build(app);
  auto assembly = synthesize(app);
  auto printed = run_cli_on(app, {"synth", "Producer", "--stdout"});
  CHECK(printed.exit_code == 0);
  CHECK(printed.out == render(*assembly.find("Producer")));
  CHECK(run_cli_on(app, {"synth", "Producer", "-o", "-"}).out == printed.out);
  auto bare = run_cli_on(app, {"synth", "Producer", "--stdout", "--no-comments"});
  CHECK(bare.out == render(*assembly.find("Producer"), {.comments = false}));
  CHECK(bare.out.find('#') == std::string::npos);
  auto json = run_cli_on(app, {"synth", "Consumer", "--stdout", "--format", "json"});
  CHECK(nlohmann::ordered_json::parse(json.out) == assembly.find("Consumer")->document);
}

TEST_CASE("bad usage is one error line and exit code 2", "[core][cli]") {
  App app;
  build(app);
  auto unknown = run_cli_on(app, {"synth", "Nope", "--stdout"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "error: no stack named 'Nope' (stacks: Producer, Consumer) (UnknownStack)\n");
  auto two = run_cli_on(app, {"synth", "--stdout"});
  CHECK(two.exit_code == 2);
  CHECK(two.err == "error: printing to standard output needs exactly one stack, got 2 (OneStackToPrint)\n");
  CHECK(run_cli_on(app, {"synth", "--format", "xml", "--stdout"}).exit_code == 2);
  CHECK(run_cli_on(app, {"synth", "--no-such-option"}).exit_code == 2);
  CHECK(run_cli_on(app, {}).exit_code == 2);
  CHECK(run_cli_on(app, {"frobnicate"}).exit_code == 2);
}

TEST_CASE("synth of an invalid app reports every error and writes nothing", "[core][cli][atomicity]") {
  TempDir dir;
  auto templates = (dir.path() / "templates").string();
  {
    App good;
    build(good);
    REQUIRE(run_cli_on(good, {"synth", "-o", templates}).exit_code == 0);
  }
  auto before = formwork::testing::read_file(dir.path() / "templates" / "Producer.yaml");

  App bad;
  build(bad);
  auto& producer = dynamic_cast<Stack&>(bad.node().find_child("Producer"));
  producer.add<CfnResource>("New", {.type = "AWS::SNS::Topic"});
  producer.add<CfnResource>("Broken", {.type = "not a type"});
  bad.add<Stack>("Third").add<CfnResource>("AlsoBroken", {.type = "AWS::Nope"});
  auto result = run_cli_on(bad, {"synth", "-o", templates});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err ==
        "error: [Producer/Broken] resource type must look like 'AWS::Service::Resource', got 'not a type'\n"
        "error: [Third/AlsoBroken] resource type must look like 'AWS::Service::Resource', got 'AWS::Nope'\n");
  CHECK(formwork::testing::read_file(dir.path() / "templates" / "Producer.yaml") == before);
  CHECK_FALSE(fs::exists(dir.path() / "templates" / "Third.yaml"));
}
