// End to end, issue 11 "Done when" 4: SqsToLambda's Worker fed by the Jobs queue in one batch,
// a partial batch failure whose message comes back after the visibility timeout and moves to
// JobsDlq after the third receive, and the 5-minute schedule. The reference handler reports a
// message it cannot parse as JSON as a batch item failure: the test sends one such message.

#include <catch2/catch.hpp>

#include "tests/local/serve_fixture.hpp"

using formwork::testing::ServeProcess;
using formwork::testing::reference_template;
using json = nlohmann::json;

namespace {

std::map<std::string, std::string> counts(const ServeProcess& serve, const std::string& url) {
  auto answer = serve.aws_json({"sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All"});
  return answer["Attributes"].get<std::map<std::string, std::string>>();
}

}  // namespace

TEST_CASE("serve SqsToLambda: one batch, a failed message back after the visibility timeout, then in JobsDlq, "
          "the schedule fires every five minutes",
          "[local][serve][e2e]") {
  if (!formwork::testing::e2e_tools_present()) return;
  ServeProcess serve({reference_template("SqsToLambda"), "--format", "json"});
  auto url = serve.aws_json({"cloudformation", "describe-stacks", "--stack-name", "SqsToLambda", "--query",
                             "Stacks[0].Outputs[?OutputKey=='QueueUrl'].OutputValue | [0]"})
                 .get<std::string>();
  REQUIRE(url == serve.endpoint() + "/123456789012/Jobs");
  std::string poison_id;
  for (const char* body : {R"({"id":1})", R"({"id":2})", "not json"}) {
    auto sent = serve.aws_json({"sqs", "send-message", "--queue-url", url, "--message-body", body});
    REQUIRE(sent["MD5OfMessageBody"].get<std::string>().size() == 32);
    if (std::string(body) == "not json") poison_id = sent["MessageId"];
  }
  serve.advance(1);  // the poller's next poll: all three in one batch
  auto batches = serve.events("BATCH");
  INFO(serve.log());
  REQUIRE(batches.size() == 1);
  REQUIRE(batches[0]["size"] == 3);
  REQUIRE(batches[0]["deleted"] == 2);
  REQUIRE(batches[0]["failed"] == json::array({poison_id}));
  REQUIRE(batches[0]["text"] ==
          "batch of 3 from Jobs: 1 failed, returned to Jobs (receive 1 of 3), visible again in 180 s");
  auto attributes = counts(serve, url);
  REQUIRE(attributes["ApproximateNumberOfMessages"] == "0");
  REQUIRE(attributes["ApproximateNumberOfMessagesNotVisible"] == "1");

  serve.advance(179);
  REQUIRE(serve.events("BATCH").size() == 1);  // still invisible
  serve.advance(1);
  REQUIRE(serve.events("BATCH").size() == 2);  // back after the visibility timeout: receive 2
  REQUIRE(serve.events("BATCH")[1]["text"] ==
          "batch of 1 from Jobs: 1 failed, returned to Jobs (receive 2 of 3), visible again in 180 s");
  serve.advance(180);
  REQUIRE(serve.events("BATCH").size() == 3);  // receive 3
  serve.advance(180);                          // the fourth receive moves it to JobsDlq
  REQUIRE(serve.events("BATCH").size() == 3);
  REQUIRE(serve.events("REDRIVE").size() == 1);
  auto dlq = serve.aws_json({"sqs", "get-queue-url", "--queue-name", "JobsDlq"})["QueueUrl"].get<std::string>();
  auto dead = serve.aws_json({"sqs", "receive-message", "--queue-url", dlq, "--attribute-names", "All"});
  REQUIRE(dead["Messages"].size() == 1);
  REQUIRE(dead["Messages"][0]["MessageId"] == poison_id);
  REQUIRE(dead["Messages"][0]["Body"] == "not json");
  REQUIRE(counts(serve, url)["ApproximateNumberOfMessagesNotVisible"] == "0");

  // 1 + 180 * 3 = 541 s so far: the rate(5 minutes) schedule fired once (at 300 s).
  auto fired = [&] {
    int n = 0;
    for (const auto& event : serve.events("SCHEDULE"))
      if (event["text"].get<std::string>().find("fired") == 0) ++n;
    return n;
  };
  REQUIRE(fired() == 1);
  serve.advance(59);  // 600 s
  REQUIRE(fired() == 2);
  serve.advance(299);
  REQUIRE(fired() == 2);
  serve.advance(1);  // 900 s
  REQUIRE(fired() == 3);
  REQUIRE(ServeProcess::wait_for([&] { return serve.lines_with("scheduled run: nothing to poll").size() == 3; }, 30));
}
