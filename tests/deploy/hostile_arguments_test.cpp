// Issue 10: `--tags` and `--parameters` values can never steer the AWS CLI to another
// endpoint, profile or option, and a NoEcho parameter's value is never printed.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/deploy/deploy_support.hpp"

using namespace formwork;
using namespace formwork::testing;

namespace {

// A refusal is one `error: …` line naming the code, nothing on stdout, exit code 2.
void require_refused(const CliResult& result, const std::string& code) {
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err.starts_with("error: "));
  CHECK(contains(result.err, "(" + code + ")"));
  CHECK(result.err.find('\n') == result.err.size() - 1);
}

CliResult dry_run(App& app, std::vector<std::string> extra) {
  std::vector<std::string> args{"deploy", "--dry-run", "--no-lint"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto result = run_formwork(app, args);
  remove_kept_folder(result.out);
  return result;
}

}  // namespace

TEST_CASE("a --tags or --parameters word the AWS CLI would read as an option is refused, one line, exit 2",
          "[deploy][hostile]") {
  auto t = make_test_app();
  // The issue's reproduction: the AWS CLI read this tag as its own --endpoint-url.
  require_refused(dry_run(*t.app, {"--tags", "k=v", "--tags=--endpoint-url=http://127.0.0.1:9/x"}), "OptionInjection");
  require_refused(dry_run(*t.app, {"--tags", "--profile=attacker"}), "OptionInjection");
  require_refused(dry_run(*t.app, {"--tags", "-k=v"}), "OptionInjection");
  require_refused(dry_run(*t.app, {"--parameters=--endpoint-url=http://127.0.0.1:9/x"}), "OptionInjection");
  require_refused(dry_run(*t.app, {"--parameters", "--region=eu-west-1"}), "OptionInjection");
  // A newline in a tag (AWS refuses it) or in a parameter name is refused as well.
  require_refused(dry_run(*t.app, {"--tags", "team=a\n--endpoint-url=http://127.0.0.1:9/x"}), "BadTagCharacters");
  require_refused(dry_run(*t.app, {"--tags", "te\nam=a"}), "BadTagCharacters");
  require_refused(dry_run(*t.app, {"--parameters", "No\nte=a"}), "BadParameterName");
  require_refused(dry_run(*t.app, {"--parameters", "=--endpoint-url=x"}), "BadKeyValue");
}

TEST_CASE("a parameter value that looks like an option or holds a newline stays the value: the deploy still goes "
          "to its endpoint",
          "[deploy][hostile]") {
  if (!require_tool("aws") || !require_tool("moto_server")) return;
  MotoServer moto;
  use_moto_environment(moto);
  auto t = make_test_app();
  // A parameter value is free text in CloudFormation (a certificate has newlines); it reaches
  // the AWS CLI inside the word `Note=…`, which no parser reads as an option.
  const std::string value = "--endpoint-url=http://127.0.0.1:9/x\n--profile attacker";

  auto dry = dry_run(*t.app, {"DeployBase", "--parameters", "Note=" + value, "--tags", "k=--region",
                              "--endpoint-url", moto.endpoint()});
  INFO(dry.out << dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK(contains(dry.out, "--parameter-overrides 'Note=--endpoint-url=http://127.0.0.1:9/x\n--profile attacker' "
                          "--tags k=--region --region us-east-1 --endpoint-url " + moto.endpoint() + "\n"));

  auto deployed = run_formwork(*t.app, {"deploy", "DeployBase", "--no-lint", "--parameters", "Note=" + value, "--tags",
                                        "k=--region", "--endpoint-url", moto.endpoint()});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);
  CHECK(contains(deployed.out, "DeployBase: deployed in "));
  auto described = moto.aws({"cloudformation", "describe-stacks", "--stack-name", "DeployBase", "--output", "json"});
  REQUIRE(described.exit_code == 0);
  auto stack = nlohmann::json::parse(described.out)["Stacks"][0];
  std::string note;
  for (const auto& parameter : stack["Parameters"])
    if (parameter["ParameterKey"] == "Note") note = parameter["ParameterValue"];
  CHECK(note == value);
  CHECK(stack["Tags"] == nlohmann::json::parse(R"([{"Key": "k", "Value": "--region"}])"));
}

TEST_CASE("a NoEcho parameter's value never appears in what deploy prints, dry run or not", "[deploy][hostile]") {
  const std::string secret = "s3cr3t-value-0f-a-NoEcho-parameter";
  App app;
  auto& stack = app.add<Stack>("Secretive");
  auto& password = stack.add<CfnParameter>("Password", {.default_value = Value("unset"), .no_echo = true});
  stack.add<CfnParameter>("Visible", {.default_value = Value("unset")});
  stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue", .properties = {{"QueueName", "formwork-test-noecho"}}});
  stack.add<CfnOutput>("Plain", {.value = Value("plain")});
  (void)password;

  auto dry = dry_run(app, {"--parameters", "Password=" + secret, "--parameters", "Visible=shown-value"});
  INFO(dry.out << dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK(contains(dry.out, "--parameter-overrides 'Password=****' Visible=shown-value"));
  CHECK_FALSE(contains(dry.out + dry.err, secret));

  if (!require_tool("aws") || !require_tool("moto_server")) return;
  MotoServer moto;
  use_moto_environment(moto);
  auto deployed = run_formwork(app, {"deploy", "--no-lint", "--parameters", "Password=" + secret, "--endpoint-url",
                                     moto.endpoint()});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);
  CHECK_FALSE(contains(deployed.out + deployed.err, secret));
  // The stack was made with it.
  auto described = moto.aws({"cloudformation", "describe-stacks", "--stack-name", "Secretive", "--output", "json"});
  CHECK(described.exit_code == 0);
}
