// End to end, issue 11 "Done when" 1 and 5: `formwork serve` over LambdaAsyncDlq with the
// real SimpleFunc handler, driven by the real AWS CLI on a manual clock.

#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

#include "tests/local/serve_fixture.hpp"

using formwork::testing::ServeProcess;
using formwork::testing::reference_template;

namespace {

// "01:02:03.456  SimpleFunc  START RequestId: ID Version: $LATEST" -> (seconds of the day, ID)
std::vector<std::pair<double, std::string>> starts(const ServeProcess& serve) {
  std::vector<std::pair<double, std::string>> out;
  static const std::regex pattern(R"(^(\d\d):(\d\d):(\d\d\.\d\d\d)  SimpleFunc  START RequestId: ([0-9a-f-]+) )");
  for (const auto& line : serve.lines_with("START RequestId")) {
    std::smatch match;
    if (std::regex_search(line, match, pattern))
      out.emplace_back(std::stoi(match[1]) * 3600 + std::stoi(match[2]) * 60 + std::stod(match[3]), match[4]);
  }
  return out;
}

}  // namespace

TEST_CASE("serve LambdaAsyncDlq: sync, async and the three attempts that end in the dead-letter queue",
          "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  ServeProcess serve({reference_template("LambdaAsyncDlq")});
  auto out = (serve.directory() / "out.json").string();

  // Synchronous, with a name: 200 and the greeting.
  auto answer = serve.aws_json({"lambda", "invoke", "--function-name", "SimpleFunc", "--payload", R"({"name":"Ada"})", out});
  REQUIRE(answer["StatusCode"] == 200);
  REQUIRE_FALSE(answer.contains("FunctionError"));
  REQUIRE(nlohmann::json::parse(formwork::testing::read_file(out)) == nlohmann::json{{"message", "Hello, Ada!"}});

  // Synchronous, without: 200 with X-Amz-Function-Error and Lambda's error.
  answer = serve.aws_json({"lambda", "invoke", "--function-name", "SimpleFunc", "--payload", "{}", out});
  REQUIRE(answer["StatusCode"] == 200);
  REQUIRE(answer["FunctionError"] == "Unhandled");
  auto error = nlohmann::json::parse(formwork::testing::read_file(out));
  REQUIRE(error["errorMessage"] == "the event has no name");
  REQUIRE(error["errorType"] == "ValueError");

  // Asynchronous, with a name: 202 and an empty body.
  answer = serve.aws_json({"lambda", "invoke", "--function-name", "SimpleFunc", "--invocation-type", "Event",
                           "--payload", R"({"name":"Ada"})", out});
  REQUIRE(answer["StatusCode"] == 202);
  REQUIRE(formwork::testing::read_file(out).empty());
  REQUIRE(ServeProcess::wait_for([&] { return starts(serve).size() == 3; }, 30));

  // Asynchronous, without: three attempts with one request id at 0, +60 s, +180 s.
  answer = serve.aws_json({"lambda", "invoke", "--function-name", "SimpleFunc", "--invocation-type", "Event",
                           "--payload", R"({"name":""})", out});
  REQUIRE(answer["StatusCode"] == 202);
  REQUIRE(ServeProcess::wait_for([&] { return !serve.lines_with("retry 1 of 2 in 60 s").empty(); }, 30));
  serve.advance(60);
  REQUIRE(!serve.lines_with("retry 2 of 2 in 120 s").empty());
  serve.advance(120);
  REQUIRE(ServeProcess::wait_for([&] { return !serve.lines_with("sent to DeadLetterQueue").empty(); }, 30));
  serve.advance(600);  // nothing more happens
  auto attempts = starts(serve);
  INFO(serve.log());
  REQUIRE(attempts.size() == 6);
  const auto id = attempts[3].second;
  for (std::size_t i = 3; i < 6; ++i) REQUIRE(attempts[i].second == id);
  auto since = [&](std::size_t i) { return std::fmod(attempts[i].first - attempts[3].first + 86400.0, 86400.0); };
  REQUIRE(since(4) == Approx(60.0));
  REQUIRE(since(5) == Approx(180.0));
  REQUIRE(serve.lines_with("sent to DeadLetterQueue (RequestID " + id + ", ErrorMessage the event has no name)").size() == 1);

  // Exactly one message in the dead-letter queue: the event, with the request id, 200 and the error.
  auto url = serve.aws_json({"cloudformation", "describe-stacks", "--stack-name", "LambdaAsyncDlq", "--query",
                             "Stacks[0].Outputs[?OutputKey=='QueueUrl'].OutputValue | [0]"});
  REQUIRE(url.is_string());
  auto received = serve.aws_json({"sqs", "receive-message", "--queue-url", url.get<std::string>(),
                                  "--message-attribute-names", "All", "--max-number-of-messages", "10"});
  REQUIRE(received["Messages"].size() == 1);
  const auto& message = received["Messages"][0];
  REQUIRE(message["Body"] == R"({"name":""})");
  REQUIRE(message["MessageAttributes"]["RequestID"] == nlohmann::json{{"StringValue", id}, {"DataType", "String"}});
  REQUIRE(message["MessageAttributes"]["ErrorCode"] == nlohmann::json{{"StringValue", "200"}, {"DataType", "Number"}});
  REQUIRE(message["MessageAttributes"]["ErrorMessage"]["StringValue"] == "the event has no name");
  REQUIRE(message["MD5OfBody"] == "555dfa90763bd852d5dd9144887eed97");
  REQUIRE(serve.interrupt(20) == 0);
  REQUIRE(serve.log().find("stopped; no handler process is left running") != std::string::npos);
}

TEST_CASE("serve: MaximumEventAgeInSeconds 60 gives an always-failing function one attempt and EventAgeExceeded",
          "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  formwork::testing::TempDir directory;
  auto file = directory.path() / "EventAge.yaml";
  formwork::testing::write_file(file, R"(Resources:
  Failures:
    Type: AWS::SQS::Queue
  AlwaysFails:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Timeout: 30
      Role: arn:aws:iam::123456789012:role/r
      Code:
        ZipFile: |
          def handler(event, context):
              raise RuntimeError("always")
  AlwaysFailsConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref AlwaysFails
      Qualifier: $LATEST
      MaximumEventAgeInSeconds: 60
      MaximumRetryAttempts: 2
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt Failures.Arn
)");
  ServeProcess serve({file.string(), "--format", "json"});
  auto answer = serve.aws_json({"lambda", "invoke", "--function-name", "AlwaysFails", "--invocation-type", "Event",
                                "--payload", R"({"k":1})", (serve.directory() / "out.json").string()});
  REQUIRE(answer["StatusCode"] == 202);
  // The record is there without the clock moving: Lambda does not wait for the 60 s.
  REQUIRE(ServeProcess::wait_for([&] { return !serve.events("DESTINATION").empty(); }, 30));
  serve.advance(3600);
  REQUIRE(serve.events("START").size() == 1);
  auto url = serve.aws_json({"sqs", "get-queue-url", "--queue-name", "Failures"})["QueueUrl"].get<std::string>();
  auto received = serve.aws_json({"sqs", "receive-message", "--queue-url", url});
  REQUIRE(received["Messages"].size() == 1);
  auto record = nlohmann::json::parse(received["Messages"][0]["Body"].get<std::string>());
  REQUIRE(record["requestContext"]["condition"] == "EventAgeExceeded");
  REQUIRE(record["requestContext"]["approximateInvokeCount"] == 1);
  REQUIRE(record["requestPayload"] == nlohmann::json{{"k", 1}});
  REQUIRE(record["responseContext"]["functionError"] == "Unhandled");
  REQUIRE(record["responsePayload"]["errorMessage"] == "always");
}
