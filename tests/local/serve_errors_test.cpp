// Bad input against `formwork serve`: each gets AWS's error and the endpoint keeps serving.

#include <catch2/catch.hpp>

#include "tests/local/serve_fixture.hpp"

using formwork::testing::ServeProcess;
using formwork::testing::reference_template;

TEST_CASE("serve answers unknown names, too-large payloads and malformed requests as AWS does, and keeps serving",
          "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  ServeProcess serve({reference_template("LambdaAsyncDlq")});
  auto out = (serve.directory() / "out.json").string();

  auto unknown = serve.aws({"lambda", "invoke", "--function-name", "Nope", out});
  REQUIRE(unknown.exit_code != 0);
  REQUIRE(unknown.err.find("ResourceNotFoundException") != std::string::npos);
  REQUIRE(unknown.err.find("Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope") != std::string::npos);

  auto big = serve.directory() / "big.json";
  formwork::testing::write_file(big, "{\"name\":\"" + std::string(1048576, 'x') + "\"}");
  auto too_large = serve.aws({"lambda", "invoke", "--function-name", "SimpleFunc", "--invocation-type", "Event",
                              "--payload", "file://" + big.string(), out});
  REQUIRE(too_large.exit_code != 0);
  REQUIRE(too_large.err.find("RequestTooLargeException") != std::string::npos);

  auto no_queue = serve.aws({"sqs", "send-message", "--queue-url", serve.endpoint() + "/123456789012/Nope",
                             "--message-body", "x"});
  REQUIRE(no_queue.exit_code != 0);
  REQUIRE(no_queue.err.find("NonExistentQueue") != std::string::npos);

  auto no_topic = serve.aws({"sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:Nope", "--message", "x"});
  REQUIRE(no_topic.exit_code != 0);
  REQUIRE(no_topic.err.find("NotFound") != std::string::npos);

  auto garbage = serve.curl({"-X", "POST", "-H", "X-Amz-Target: AmazonSQS.SendMessage", "-d", "{not json",
                             "-w", "%{http_code}", serve.endpoint() + "/"});
  REQUIRE(garbage.out.find("SerializationException") != std::string::npos);
  REQUIRE(garbage.out.substr(garbage.out.size() - 3) == "400");
  auto not_json = serve.curl({"-X", "POST", "-d", "{oops", "-w", "%{http_code}",
                              serve.endpoint() + "/2015-03-31/functions/SimpleFunc/invocations"});
  REQUIRE(not_json.out.find("Could not parse request body into json") != std::string::npos);
  REQUIRE(not_json.out.substr(not_json.out.size() - 3) == "400");

  // Still serving.
  auto answer = serve.aws_json({"lambda", "invoke", "--function-name", "SimpleFunc", "--payload", R"({"name":"Bo"})", out});
  REQUIRE(answer["StatusCode"] == 200);
  auto functions = serve.aws_json({"lambda", "list-functions", "--query", "Functions[].FunctionName"});
  REQUIRE(functions == nlohmann::json::array({"SimpleFunc"}));
  auto function = serve.aws_json({"lambda", "get-function", "--function-name", "SimpleFunc"});
  REQUIRE(function["Configuration"]["Runtime"] == "python3.12");
  REQUIRE(function["Configuration"]["DeadLetterConfig"]["TargetArn"] == "arn:aws:sqs:us-east-1:123456789012:DeadLetterQueue");
  auto resources = serve.aws_json({"cloudformation", "list-stack-resources", "--stack-name", "LambdaAsyncDlq",
                                   "--query", "StackResourceSummaries[].LogicalResourceId"});
  REQUIRE(resources.size() == 5);
  auto dry = serve.aws_json({"lambda", "invoke", "--function-name", "SimpleFunc", "--invocation-type", "DryRun", out});
  REQUIRE(dry["StatusCode"] == 204);
}
