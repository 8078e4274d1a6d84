// End to end, issue 12 "Done when": curl against `formwork serve` over the reference stacks'
// REST APIs and their real handlers, on the manual clock; the asynchronous result read back
// with the real AWS CLI.

#include <catch2/catch.hpp>

#include "tests/local/serve_fixture.hpp"

using formwork::testing::ServeProcess;
using formwork::testing::reference_template;
using json = nlohmann::json;

namespace {

struct Answer {
  int status = 0;
  std::string headers;
  std::string body;
};

// curl -i: the status, the header block and the body.
Answer fetch(const ServeProcess& serve, const std::string& url, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"-i"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(url);
  const auto result = serve.curl(args);
  INFO(result.err);
  const auto split = result.out.find("\r\n\r\n");
  REQUIRE(split != std::string::npos);
  Answer answer{.headers = result.out.substr(0, split), .body = result.out.substr(split + 4)};
  REQUIRE(answer.headers.rfind("HTTP/1.1 ", 0) == 0);
  answer.status = std::stoi(answer.headers.substr(9, 3));
  return answer;
}

std::string output_value(const ServeProcess& serve, const std::string& stack, const std::string& key) {
  const auto stacks = serve.aws_json({"cloudformation", "describe-stacks", "--stack-name", stack});
  for (const auto& output : stacks["Stacks"][0]["Outputs"]) {
    if (output["OutputKey"] == key) return output["OutputValue"];
  }
  FAIL("no output " << key << " in " << stacks.dump());
  return {};
}

std::string fixture_template(const std::string& name) {
  return (formwork::testing::source_dir() / "tests" / "local" / "fixtures" / (name + ".yaml")).string();
}

}  // namespace

TEST_CASE("serve AsyncSquareApi: GET /square/N synchronously, asynchronously, a bad number, a bad content type",
          "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  ServeProcess serve({reference_template("AsyncSquareApi"), "--format", "json"});
  // The URL as the walkthrough reads it: the stack output, resolved to the local endpoint.
  const std::string url = output_value(serve, "AsyncSquareApi", "GetSquareApiUrl");
  REQUIRE(url == serve.endpoint() + "/restapis/squareapi/prod/_user_request_/square/{number}");
  const std::string base = url.substr(0, url.find("{number}"));

  const Answer sync = fetch(serve, base + "4");
  CHECK(sync.status == 200);
  CHECK(json::parse(sync.body) == json{{"input", 4}, {"square", 16}});
  CHECK(sync.headers.find("x-amzn-RequestId: ") != std::string::npos);

  const Answer async = fetch(serve, base + "4", {"-H", "InvocationType: Event"});
  CHECK(async.status == 202);
  CHECK(json::parse(async.body) == json{{"status", "event received"}});
  // The event went through the asynchronous path: its on-success record is in the queue.
  REQUIRE(ServeProcess::wait_for([&] { return !serve.events("DESTINATION").empty(); }, 30));
  const auto queue = serve.aws_json({"sqs", "get-queue-url", "--queue-name", "async_get_square_fn_dest_queue"});
  const auto received = serve.aws_json({"sqs", "receive-message", "--queue-url", queue["QueueUrl"].get<std::string>(),
                                        "--max-number-of-messages", "10"});
  REQUIRE(received["Messages"].size() == 1);
  const auto record = json::parse(received["Messages"][0]["Body"].get<std::string>());
  CHECK(record["requestContext"]["condition"] == "Success");
  CHECK(record["requestPayload"] == json{{"number", "4"}});
  CHECK(record["responsePayload"] == json{{"input", 4}, {"square", 16}});

  const Answer bad = fetch(serve, base + "abc");
  CHECK(bad.status == 400);
  // The selection pattern's template; $util.escapeJavaScript writes ' as \' as on AWS.
  CHECK(bad.body == R"({"error": "number must be an integer, got \'abc\'"})");

  const Answer unsupported = fetch(serve, base + "4", {"-H", "Content-Type: text/plain"});
  CHECK(unsupported.status == 415);
  CHECK(json::parse(unsupported.body) == json{{"message", "Unsupported Media Type"}});

  const Answer nowhere = fetch(serve, serve.endpoint() + "/restapis/squareapi/prod/_user_request_/cube/4");
  CHECK(nowhere.status == 403);
  CHECK(json::parse(nowhere.body) == json{{"message", "Missing Authentication Token"}});
  CHECK(!serve.events("API").empty());
}

TEST_CASE("serve SnsToLambda: the proxy API answers with the Node handler, GET /hello?x=1", "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  ServeProcess serve({reference_template("SnsToLambda"), "--format", "json"});
  const std::string url = output_value(serve, "SnsToLambda", "ApiUrl");
  REQUIRE(url == serve.endpoint() + "/restapis/api/prod/_user_request_/");
  const Answer hello = fetch(serve, url + "hello?x=1");
  CHECK(hello.status == 200);
  CHECK(json::parse(hello.body) ==
        json{{"message", "hello from formwork"}, {"method", "GET"}, {"path", "/hello"}, {"stage", "prod"}});
  const Answer root = fetch(serve, url, {"-X", "DELETE"});
  CHECK(root.status == 200);
  CHECK(json::parse(root.body)["path"] == "/");
}

TEST_CASE("serve proxy fixture: the payload 1.0 event as the handler sees it, and 502 for a bad shape or an error",
          "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  ServeProcess serve({fixture_template("ApiGatewayProxy"), "--format", "json"});
  const std::string url = output_value(serve, "ApiGatewayProxy", "Url");
  REQUIRE(url == serve.endpoint() + "/restapis/api/test/_user_request_/");

  const Answer echo = fetch(serve, url + "hello?x=1&x=2&y=z", {"-H", "User-Agent: formwork-test", "-H", "X-Two: a",
                                                                "-H", "X-Two: b", "--data", "payload"});
  REQUIRE(echo.status == 200);
  CHECK(echo.headers.find("X-Echo: yes") != std::string::npos);
  CHECK(echo.headers.find("Set-Cookie: a=1") != std::string::npos);
  CHECK(echo.headers.find("Set-Cookie: b=2") != std::string::npos);
  const auto event = json::parse(echo.body);
  CHECK(event["resource"] == "/{proxy+}");
  CHECK(event["path"] == "/hello");
  CHECK(event["httpMethod"] == "POST");
  CHECK(event["headers"]["User-Agent"] == "formwork-test");
  CHECK(event["multiValueHeaders"]["X-Two"] == json{"a", "b"});
  CHECK(event["queryStringParameters"] == json{{"x", "2"}, {"y", "z"}});
  CHECK(event["multiValueQueryStringParameters"] == json{{"x", {"1", "2"}}, {"y", {"z"}}});
  CHECK(event["pathParameters"] == json{{"proxy", "hello"}});
  CHECK(event["stageVariables"] == json{{"color", "blue"}});
  CHECK(event["body"] == "payload");
  CHECK(event["isBase64Encoded"] == false);
  const auto& context = event["requestContext"];
  CHECK(context["path"] == "/test/hello");
  CHECK(context["stage"] == "test");
  CHECK(context["resourcePath"] == "/{proxy+}");
  CHECK(context["httpMethod"] == "POST");
  CHECK(context["apiId"] == "api");
  CHECK(context["accountId"] == "123456789012");
  CHECK(context["identity"]["sourceIp"] == "127.0.0.1");
  CHECK(context["identity"]["userAgent"] == "formwork-test");
  CHECK(context["requestId"].get<std::string>().size() == 36);
  CHECK(echo.headers.find("x-amzn-RequestId: " + context["requestId"].get<std::string>()) != std::string::npos);
  // requestTime and requestTimeEpoch come from the local cloud's (manual) clock.
  const auto clock = json::parse(serve.curl({serve.endpoint() + "/_formwork/clock"}).out);
  CHECK(context["requestTimeEpoch"] == clock["nowMillis"]);

  const Answer binary = fetch(serve, url + "upload", {"-H", "Content-Type: application/octet-stream", "--data-binary", "\x01\x02"});
  CHECK(json::parse(binary.body)["isBase64Encoded"] == true);
  CHECK(json::parse(binary.body)["body"] == "AQI=");

  for (const char* path : {"bad", "fail"}) {
    INFO(path);
    const Answer refused = fetch(serve, url + path);
    CHECK(refused.status == 502);
    CHECK(refused.body == R"({"message": "Internal server error"})");
  }
  CHECK(fetch(serve, url).status == 403);  // no method on the root
  CHECK(fetch(serve, serve.endpoint() + "/restapis/api/prod/_user_request_/hello").status == 403);  // no such stage
}
