// formwork deploy and destroy against a real moto_server, through the real AWS CLI.

#include <sstream>

#include <catch2/catch.hpp>

#include "constructs/core/asset.hpp"
#include "tests/deploy/deploy_support.hpp"

using namespace formwork;
using namespace formwork::testing;

namespace {

constexpr const char* kAwkwardValue = R"(a b "c" ; $(echo x) 'd')";

bool tools_present() { return require_tool("aws") && require_tool("moto_server"); }

// The `  Key = Value` lines formwork printed after "<stack>: deployed in".
std::string printed_outputs(const std::string& out, const std::string& stack) {
  auto at = out.find(stack + ": deployed in ");
  if (at == std::string::npos) return "(not deployed)";
  at = out.find('\n', at) + 1;
  std::string lines;
  while (at < out.size() && out.compare(at, 2, "  ") == 0 && out.find(" = ", at) < out.find('\n', at)) {
    auto end = out.find('\n', at) + 1;
    lines += out.substr(at, end - at);
    at = end;
  }
  return lines;
}

// The same lines, made from what the AWS CLI itself reports.
std::string reported_outputs(const MotoServer& moto, const std::string& stack) {
  auto answer = moto.aws({"cloudformation", "describe-stacks", "--stack-name", stack, "--query",
                          "Stacks[0].Outputs[].[OutputKey, OutputValue]", "--output", "text"});
  std::string lines, line;
  std::istringstream in(answer.out);
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab != std::string::npos) lines += "  " + line.substr(0, tab) + " = " + line.substr(tab + 1) + "\n";
  }
  return lines;
}

void require_no_secret(const CliResult& result) {
  CHECK_FALSE(contains(result.out, kTestSecret));
  CHECK_FALSE(contains(result.err, kTestSecret));
}

}  // namespace

TEST_CASE("deploys stacks in dependency order, redeploys a change, and destroys them", "[deploy]") {
  if (!tools_present()) return;
  MotoServer moto;
  use_moto_environment(moto);
  auto t = make_test_app();

  // WHEN everything is deployed
  auto deployed = run_formwork(*t.app, {"deploy", "--endpoint-url", moto.endpoint()});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);
  require_no_secret(deployed);

  // THEN the stacks came in dependency order, with their events and outputs
  auto base_done = deployed.out.find("DeployBase: deployed in ");
  auto consumer_done = deployed.out.find("DeployConsumer: deployed in ");
  REQUIRE(base_done != std::string::npos);
  REQUIRE(consumer_done != std::string::npos);
  CHECK(base_done < deployed.out.find("DeployConsumer: deploying"));
  CHECK(contains(deployed.out, "CREATE_COMPLETE      AWS::CloudFormation::Stack  DeployBase"));
  // (the outputs printed are those describe-stacks reports; moto_server reports none for
  // stacks made through change sets, real CloudFormation does)
  CHECK(printed_outputs(deployed.out, "DeployBase") == reported_outputs(moto, "DeployBase"));

  // AND the resources exist
  auto queues = moto.aws({"sqs", "list-queues", "--output", "json"});
  CHECK(contains(queues.out, "formwork-test-dead-letters"));
  CHECK(contains(queues.out, "formwork-test-work"));
  CHECK(contains(moto.aws({"sns", "list-topics", "--output", "json"}).out, "formwork-test-alerts"));
  CHECK(moto.aws({"lambda", "get-function", "--function-name", "formwork-test-handler"}).exit_code == 0);
  auto stacks = moto.aws({"cloudformation", "describe-stacks", "--output", "json"});
  CHECK(contains(stacks.out, "\"StackStatus\": \"CREATE_COMPLETE\""));

  // WHEN a construct property changes and the consumer is deployed again
  t.work_queue->set_property("VisibilityTimeout", 95);
  auto again = run_formwork(*t.app, {"deploy", "DeployConsumer", "--endpoint-url", moto.endpoint()});
  INFO(again.out << again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(contains(again.out, "DeployConsumer: deployed in "));
  CHECK_FALSE(contains(again.out, "DeployBase"));

  // THEN the deployed queue has the new value
  auto url = moto.aws({"sqs", "get-queue-url", "--queue-name", "formwork-test-work", "--query", "QueueUrl",
                       "--output", "text"});
  std::string queue_url = url.out.substr(0, url.out.find('\n'));
  auto attributes = moto.aws({"sqs", "get-queue-attributes", "--queue-url", queue_url, "--attribute-names",
                              "VisibilityTimeout", "--output", "json"});
  CHECK(contains(attributes.out, "\"VisibilityTimeout\": \"95\""));

  // WHEN the same code is deployed once more, nothing changes
  auto unchanged = run_formwork(*t.app, {"deploy", "DeployConsumer", "--endpoint-url", moto.endpoint()});
  CHECK(unchanged.exit_code == 0);
  CHECK(contains(unchanged.out, "DeployConsumer: no changes"));

  // WHEN both are destroyed
  auto destroyed = run_formwork(*t.app, {"destroy", "DeployBase", "DeployConsumer", "--yes", "--endpoint-url",
                                         moto.endpoint()});
  INFO(destroyed.out << destroyed.err);
  REQUIRE(destroyed.exit_code == 0);
  // THEN the consumer went first, and nothing is left
  auto consumer_deleted = destroyed.out.find("DeployConsumer: deleted in ");
  auto base_deleted = destroyed.out.find("DeployBase: deleted in ");
  REQUIRE(consumer_deleted != std::string::npos);
  REQUIRE(base_deleted != std::string::npos);
  CHECK(consumer_deleted < base_deleted);
  auto after = moto.aws({"cloudformation", "describe-stacks", "--stack-name", "DeployBase"});
  CHECK(after.exit_code != 0);
  CHECK(contains(after.err, "does not exist"));
  CHECK_FALSE(contains(moto.aws({"sqs", "list-queues", "--output", "json"}).out, "formwork-test-work"));

  // AND destroying again says there is nothing to delete
  auto twice = run_formwork(*t.app, {"destroy", "DeployBase", "--yes", "--endpoint-url", moto.endpoint()});
  CHECK(twice.exit_code == 0);
  CHECK(contains(twice.out, "DeployBase: not deployed, nothing to delete"));
}

TEST_CASE("passes a parameter value with spaces, quotes, semicolons and $(...) unchanged", "[deploy]") {
  if (!tools_present()) return;
  MotoServer moto;
  use_moto_environment(moto);
  auto t = make_test_app();

  auto deployed = run_formwork(*t.app, {"deploy", "DeployBase", "--parameters", std::string("Note=") + kAwkwardValue,
                                        "--tags", "team=a b=c+d @x", "--endpoint-url", moto.endpoint()});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);

  auto stack = moto.aws({"cloudformation", "describe-stacks", "--stack-name", "DeployBase", "--query",
                         "Stacks[0].[Parameters[?ParameterKey=='Note'].ParameterValue | [0], Tags[0].Value]",
                         "--output", "text"});
  CHECK(stack.out == std::string(kAwkwardValue) + "\ta b=c+d @x\n");
}

TEST_CASE("dry run prints the exact commands and creates nothing", "[deploy]") {
  if (!tools_present()) return;
  MotoServer moto;
  use_moto_environment(moto);
  auto t = make_test_app();

  auto dry = run_formwork(*t.app, {"deploy", "--dry-run", "--parameters", std::string("Note=") + kAwkwardValue,
                                   "--endpoint-url", moto.endpoint()});
  INFO(dry.out << dry.err);
  remove_kept_folder(dry.out);
  REQUIRE(dry.exit_code == 0);
  CHECK(contains(dry.out, "# dry run: these are the commands formwork deploy would run; nothing was run\n"));
  CHECK(contains(dry.out, "--stack-name DeployBase --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM "
                          "--no-fail-on-empty-changeset --parameter-overrides 'Note=a b \"c\" ; $(echo x) "
                          "'\\''d'\\''' --region us-east-1 --endpoint-url " + moto.endpoint() + "\n"));
  CHECK(contains(dry.out, "--stack-name DeployConsumer --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM "
                          "--no-fail-on-empty-changeset --region us-east-1 --endpoint-url " + moto.endpoint() + "\n"));
  require_no_secret(dry);

  auto stacks = moto.aws({"cloudformation", "list-stacks", "--output", "json"});
  CHECK_FALSE(contains(stacks.out, "DeployBase"));
  CHECK_FALSE(contains(moto.aws({"sqs", "list-queues", "--output", "json"}).out, "formwork-test"));

  auto destroy = run_formwork(*t.app, {"destroy", "DeployBase", "--dry-run", "--endpoint-url", moto.endpoint()});
  CHECK(destroy.exit_code == 0);
  CHECK(contains(destroy.out, "aws cloudformation delete-stack --stack-name DeployBase --region us-east-1 --endpoint-url"));
}

TEST_CASE("deploy --no-execute shows the change set without executing it", "[deploy]") {
  if (!tools_present()) return;
  MotoServer moto;
  use_moto_environment(moto);
  auto t = make_test_app();

  auto shown = run_formwork(*t.app, {"deploy", "DeployBase", "--no-execute", "--endpoint-url", moto.endpoint()});
  INFO(shown.out << shown.err);
  REQUIRE(shown.exit_code == 0);
  CHECK(contains(shown.out, "(not executed):\n"));
  CHECK(contains(shown.out, "  Add      DeadLetters  AWS::SQS::Queue\n"));
  CHECK(contains(shown.out, "  Add      Handler  AWS::Lambda::Function\n"));
  CHECK(contains(shown.out, "execute with: aws cloudformation execute-change-set --change-set-name arn:aws:"));
  CHECK_FALSE(contains(moto.aws({"sqs", "list-queues", "--output", "json"}).out, "formwork-test-dead-letters"));
}

TEST_CASE("a template CloudFormation rejects exits non-zero with the reason", "[deploy]") {
  if (!tools_present()) return;
  MotoServer moto;
  use_moto_environment(moto);
  App app;
  auto& stack = app.add<Stack>("Rejected");
  stack.add<CfnResource>("Handler", {.type = "AWS::Lambda::Function",
                                     .properties = {{"Code", Value::map({{"ZipFile", "def handler(e, c): pass"}})},
                                                    {"Handler", "index.handler"},
                                                    {"Role", "arn:aws:iam::123456789012:role/no-such-role"},
                                                    {"Runtime", "python3.12"}}});

  auto result = run_formwork(app, {"deploy", "--endpoint-url", moto.endpoint()});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "error: Rejected: deploy failed after "));
  CHECK(contains(result.err, "The role defined for the function cannot be assumed by Lambda."));
  require_no_secret(result);
}

TEST_CASE("packages a directory code asset and uploads it under its hash", "[deploy]") {
  if (!tools_present()) return;
  MotoServer moto;
  use_moto_environment(moto);
  TempDir code;
  write_file(code.path() / "index.py", "def handler(event, context):\n    return {'ok': True}\n");
  write_file(code.path() / "lib" / "util.py", "VALUE = 42\n");
  std::string hash = assets::asset_hash(code.path());

  App app;
  auto& stack = app.add<Stack>("AssetStack");
  auto& bucket = stack.add<CfnParameter>("AssetsBucket", {.description = "Bucket holding the code assets"});
  auto& role = stack.add<CfnResource>(
      "Role", {.type = "AWS::IAM::Role",
               .properties = {{"AssumeRolePolicyDocument",
                               Value::map({{"Statement", Value::list({Value::map({
                                                             {"Effect", "Allow"},
                                                             {"Principal", Value::map({{"Service", "lambda.amazonaws.com"}})},
                                                             {"Action", "sts:AssumeRole"},
                                                         })})}})}}});
  auto& function = stack.add<CfnResource>(
      "Handler", {.type = "AWS::Lambda::Function",
                  .properties = {{"Code", Value::map({{"S3Bucket", bucket.value()}, {"S3Key", hash + ".zip"}})},
                                 {"FunctionName", "formwork-asset-handler"},
                                 {"Handler", "index.handler"},
                                 {"Role", role.get_att("Arn")},
                                 {"Runtime", "python3.12"}}});
  function.add_metadata("formwork:asset", Value::map({{"path", code.path().string()}, {"hash", hash}}));

  auto deployed = run_formwork(app, {"deploy", "--endpoint-url", moto.endpoint()});
  INFO(deployed.out << deployed.err);
  REQUIRE(deployed.exit_code == 0);
  std::string default_bucket = "formwork-assets-123456789012-us-east-1";
  CHECK(contains(deployed.out, "  created bucket " + default_bucket + "\n"));
  CHECK(contains(deployed.out, "s3://" + default_bucket + "/" + hash + ".zip (uploaded, "));

  // The object is there, with the bytes of the deterministic zip
  TempDir download;
  auto copied = moto.aws({"s3", "cp", "s3://" + default_bucket + "/" + hash + ".zip",
                          (download.path() / "asset.zip").string()});
  REQUIRE(copied.exit_code == 0);
  CHECK(read_file(download.path() / "asset.zip") == assets::zip_directory(code.path()));
  auto configuration = moto.aws({"lambda", "get-function", "--function-name", "formwork-asset-handler"});
  CHECK(configuration.exit_code == 0);

  // A second deploy finds the object and does not upload it again
  auto again = run_formwork(app, {"deploy", "--endpoint-url", moto.endpoint()});
  UNSCOPED_INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, hash + ".zip (already uploaded)"));
  CHECK(contains(again.out, "AssetStack: no changes"));

  // A dry run names the bucket by a placeholder and runs nothing
  auto dry = run_formwork(app, {"deploy", "--dry-run", "--region", "eu-west-1"});
  UNSCOPED_INFO(dry.out << dry.err);
  remove_kept_folder(dry.out);
  CHECK(contains(dry.out, "aws s3api head-bucket --bucket 'formwork-assets-<account>-eu-west-1' --region eu-west-1\n"));
  CHECK(contains(dry.out, "--create-bucket-configuration LocationConstraint=eu-west-1"));
  CHECK(contains(dry.out, "--parameter-overrides 'AssetsBucket=formwork-assets-<account>-eu-west-1' --region eu-west-1\n"));

  // A template made before the files changed is refused
  write_file(code.path() / "index.py", "def handler(event, context):\n    return {'ok': False}\n");
  auto stale = run_formwork(app, {"deploy", "--endpoint-url", moto.endpoint()});
  CHECK(stale.exit_code == 2);
  CHECK(contains(stale.err, "the template is stale, re-run synth"));
}

TEST_CASE("destroy asks for confirmation and deletes nothing without a yes", "[deploy]") {
  if (!tools_present()) return;
  MotoServer moto;
  use_moto_environment(moto);
  auto t = make_test_app();
  REQUIRE(run_formwork(*t.app, {"deploy", "DeployBase", "--endpoint-url", moto.endpoint()}).exit_code == 0);

  auto no_input = run_formwork(*t.app, {"destroy", "DeployBase", "--endpoint-url", moto.endpoint()});
  CHECK(no_input.exit_code == 1);
  CHECK(contains(no_input.out, "Delete stacks DeployBase? [y/N] "));
  CHECK(contains(no_input.err, "aborted: nothing deleted"));
  auto refused = run_formwork(*t.app, {"destroy", "DeployBase", "--endpoint-url", moto.endpoint()}, "n\n");
  CHECK(refused.exit_code == 1);
  CHECK(moto.aws({"cloudformation", "describe-stacks", "--stack-name", "DeployBase"}).exit_code == 0);

  auto confirmed = run_formwork(*t.app, {"destroy", "DeployBase", "--endpoint-url", moto.endpoint()}, "y\n");
  INFO(confirmed.out << confirmed.err);
  CHECK(confirmed.exit_code == 0);
  CHECK(contains(confirmed.out, "DeployBase: deleted in "));
}

TEST_CASE("rejects bad deploy arguments with a one-line error and exit code 2", "[deploy]") {
  auto t = make_test_app();
  auto no_equals = run_formwork(*t.app, {"deploy", "--dry-run", "--parameters", "Note"});
  CHECK(no_equals.exit_code == 2);
  CHECK(no_equals.err == "error: --parameters takes KEY=VALUE, got 'Note' (BadKeyValue)\n");
  auto unknown = run_formwork(*t.app, {"deploy", "--dry-run", "--parameters", "Stage=dev"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "error: no stack to deploy has a parameter named 'Stage' (UnknownParameter)\n");
  auto no_stack = run_formwork(*t.app, {"deploy", "Nope", "--dry-run"});
  CHECK(no_stack.exit_code == 2);
  CHECK(contains(no_stack.err, "no stack named 'Nope'"));
  auto destroy_nothing = run_formwork(*t.app, {"destroy"});
  CHECK(destroy_nothing.exit_code == 2);
}

TEST_CASE("lint errors stop a deploy before anything is sent", "[deploy]") {
  if (!require_tool("cfn-lint")) return;
  App app;
  auto& stack = app.add<Stack>("Linted");
  // A FIFO queue's name must end in .fifo: cfn-lint knows it, the schema checks at synthesis do not.
  stack.add<CfnResource>("Queue", {.type = "AWS::SQS::Queue", .properties = {{"FifoQueue", true}, {"QueueName", "plain"}}});

  auto result = run_formwork(app, {"deploy", "--dry-run"});
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "templates/Linted.yaml:"));
  CHECK(contains(result.err, "error: lint found errors ("));
  CHECK(contains(result.err, "): nothing was deployed\n"));
  CHECK_FALSE(contains(result.out, "aws cloudformation deploy"));

  auto skipped = run_formwork(app, {"deploy", "--dry-run", "--no-lint"});
  remove_kept_folder(skipped.out);
  CHECK(skipped.exit_code == 0);
  CHECK(contains(skipped.out, "aws cloudformation deploy --template-file "));
}
