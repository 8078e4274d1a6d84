// End to end, issue 11 "Done when" 2 and 3: AsyncSquareApi's destinations and SnsToLambda's
// subscriber, through `formwork serve` and the real AWS CLI.

#include <catch2/catch.hpp>

#include <regex>

#include "tests/local/serve_fixture.hpp"

using formwork::testing::ServeProcess;
using formwork::testing::reference_template;
using json = nlohmann::json;

namespace {

json only_message(const ServeProcess& serve, const std::string& queue_name) {
  auto url = serve.aws_json({"sqs", "get-queue-url", "--queue-name", queue_name})["QueueUrl"].get<std::string>();
  auto received = serve.aws_json({"sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10"});
  REQUIRE(received["Messages"].size() == 1);
  return json::parse(received["Messages"][0]["Body"].get<std::string>());
}

std::string first_request_id(const ServeProcess& serve, const std::string& function) {
  for (const auto& event : serve.events("START"))
    if (event["resource"] == function) return event["requestId"];
  FAIL("no START of " << function);
  return "";
}

}  // namespace

TEST_CASE("serve AsyncSquareApi: the on-success record lands in async_get_square_fn_dest_queue, field by field",
          "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  ServeProcess serve({reference_template("AsyncSquareApi"), "--format", "json"});
  auto out = (serve.directory() / "out.json").string();
  auto answer = serve.aws_json({"lambda", "invoke", "--function-name", "Square", "--invocation-type", "Event",
                                "--payload", R"({"number":"4"})", out});
  REQUIRE(answer["StatusCode"] == 202);
  REQUIRE(ServeProcess::wait_for([&] { return !serve.events("DESTINATION").empty(); }, 30));
  auto record = only_message(serve, "async_get_square_fn_dest_queue");
  REQUIRE(record["version"] == "1.0");
  REQUIRE(std::regex_match(record["timestamp"].get<std::string>(),
                           std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  REQUIRE(record["requestContext"] == json{{"requestId", first_request_id(serve, "Square")},
                                           {"functionArn", "arn:aws:lambda:us-east-1:123456789012:function:Square:$LATEST"},
                                           {"condition", "Success"},
                                           {"approximateInvokeCount", 1}});
  REQUIRE(record["requestPayload"] == json{{"number", "4"}});
  REQUIRE(record["responseContext"] == json{{"statusCode", 200}, {"executedVersion", "$LATEST"}});
  REQUIRE(record["responsePayload"] == json{{"input", 4}, {"square", 16}});
  REQUIRE(record.size() == 6);

  // A failure: retried twice (60 s, 120 s), then the on-failure record in the failed queue.
  answer = serve.aws_json({"lambda", "invoke", "--function-name", "Square", "--invocation-type", "Event",
                           "--payload", R"({"number":"x"})", out});
  REQUIRE(ServeProcess::wait_for([&] { return serve.events("RETRY").size() == 1; }, 30));
  serve.advance(60);
  serve.advance(120);
  REQUIRE(ServeProcess::wait_for([&] { return serve.events("DESTINATION").size() == 2; }, 30));
  auto failure = only_message(serve, "async_get_square_fn_failed_queue");
  REQUIRE(failure["requestContext"]["condition"] == "RetriesExhausted");
  REQUIRE(failure["requestContext"]["approximateInvokeCount"] == 3);
  REQUIRE(failure["requestPayload"] == json{{"number", "x"}});
  REQUIRE(failure["responseContext"] == json{{"statusCode", 200}, {"executedVersion", "$LATEST"}, {"functionError", "Unhandled"}});
  REQUIRE(failure["responsePayload"]["errorType"] == "ValueError");
  REQUIRE(failure["responsePayload"]["errorMessage"] == "number must be an integer, got 'x'");
}

TEST_CASE("serve SnsToLambda: aws sns publish runs the Echo subscriber with the SNS event, it sees STAGE",
          "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  ServeProcess serve({reference_template("SnsToLambda"), "--format", "json"});
  auto topics = serve.aws_json({"sns", "list-topics"});
  REQUIRE(topics["Topics"] == json::array({{{"TopicArn", "arn:aws:sns:us-east-1:123456789012:Notifications"}}}));
  auto arn = serve.aws_json({"cloudformation", "describe-stacks", "--stack-name", "SnsToLambda", "--query",
                             "Stacks[0].Outputs[?OutputKey=='TopicArn'].OutputValue | [0]"});
  REQUIRE(arn == "arn:aws:sns:us-east-1:123456789012:Notifications");
  auto published = serve.aws_json({"sns", "publish", "--topic-arn", arn.get<std::string>(), "--message", "hello",
                                   "--subject", "Greeting", "--message-attributes",
                                   R"({"kind":{"DataType":"String","StringValue":"test"}})"});
  REQUIRE(published["MessageId"].is_string());
  REQUIRE(ServeProcess::wait_for([&] { return serve.events("REPORT").size() == 1; }, 30));
  bool seen = false;
  for (const auto& line : serve.events("LOG")) {
    auto text = line["text"].get<std::string>();
    auto at = text.find('{');
    if (at == std::string::npos) continue;
    auto logged = json::parse(text.substr(at), nullptr, false);
    if (logged.is_discarded()) continue;
    REQUIRE(logged == json{{"stage", "prod"}, {"messageId", published["MessageId"]}, {"subject", "Greeting"}, {"message", "hello"}});
    seen = true;
  }
  INFO(serve.log());
  REQUIRE(seen);
}
