// A stack's env at deploy time: its region is where it goes, and credentials of another
// account are refused before anything is sent (as AWS CDK refuses them). Against moto_server,
// whose credentials are for account 123456789012.
#include <catch2/catch.hpp>

#include "tests/deploy/deploy_support.hpp"

using namespace formwork;
using namespace formwork::testing;

namespace {

std::unique_ptr<App> queue_app(Environment env) {
  auto app = std::make_unique<App>();
  auto& stack = app->add<Stack>("EnvQueue", {.env = std::move(env)});
  stack.add<CfnResource>("Jobs", {.type = "AWS::SQS::Queue", .properties = {{"QueueName", "formwork-env-jobs"}}});
  return app;
}

std::string queues_in(const MotoServer& moto, const std::string& region) {
  return moto.aws({"sqs", "list-queues", "--region", region, "--output", "json"}).out;
}

}  // namespace

TEST_CASE("a stack with an env deploys to its region, after checking the account", "[deploy][env]") {
  if (!require_tool("aws") || !require_tool("moto_server")) return;
  MotoServer moto;
  use_moto_environment(moto);  // AWS_REGION=us-east-1
  auto app = queue_app({.account = "123456789012", .region = "eu-west-2"});

  auto dry = run_formwork(*app, {"deploy", "--dry-run", "--no-lint", "--endpoint-url", moto.endpoint()});
  INFO(dry.out << dry.err);
  remove_kept_folder(dry.out);
  REQUIRE(dry.exit_code == 0);
  CHECK(contains(dry.out, "# checks that the credentials are for account 123456789012 (the stack's env)\n"
                          "aws sts get-caller-identity --query Account --output text --region eu-west-2"));
  CHECK(contains(dry.out, "--stack-name EnvQueue --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM "
                          "--no-fail-on-empty-changeset --region eu-west-2"));

  auto deployed = run_formwork(*app, {"deploy", "--no-lint", "--endpoint-url", moto.endpoint()});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);
  CHECK(contains(queues_in(moto, "eu-west-2"), "formwork-env-jobs"));
  CHECK_FALSE(contains(queues_in(moto, "us-east-1"), "formwork-env-jobs"));

  auto destroyed = run_formwork(*app, {"destroy", "EnvQueue", "--yes", "--endpoint-url", moto.endpoint()});
  INFO(destroyed.out << destroyed.err);
  CHECK(destroyed.exit_code == 0);
  CHECK_FALSE(contains(queues_in(moto, "eu-west-2"), "formwork-env-jobs"));
}

TEST_CASE("credentials of another account, or --region against the env, deploy nothing", "[deploy][env]") {
  if (!require_tool("aws") || !require_tool("moto_server")) return;
  MotoServer moto;
  use_moto_environment(moto);

  auto other = queue_app({.account = "111122223333"});
  auto refused = run_formwork(*other, {"deploy", "--no-lint", "--endpoint-url", moto.endpoint()});
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.err, "error: EnvQueue: the credentials are for account 123456789012, but the stack's env "
                              "says 111122223333: nothing was deployed\n"));
  CHECK_FALSE(contains(queues_in(moto, "us-east-1"), "formwork-env-jobs"));

  auto pinned = queue_app({.region = "eu-west-2"});
  auto mismatch = run_formwork(*pinned, {"deploy", "--region", "us-east-1", "--endpoint-url", moto.endpoint()});
  CHECK(mismatch.exit_code == 2);
  CHECK(mismatch.err ==
        "error: [EnvQueue] stack EnvQueue is for region eu-west-2 (its env), not --region us-east-1 (RegionMismatch)\n");
  CHECK_FALSE(contains(queues_in(moto, "eu-west-2"), "formwork-env-jobs"));
}
