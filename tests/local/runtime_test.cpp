// The local Lambda runtime over real python3 / node processes: the handlers of
// examples/handlers/, warm reuse, context, and each way a handler can go wrong.
#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>
#include <thread>

#include "local/runtime.hpp"
#include "tests/local/runtime_support.hpp"

using namespace formwork::local;
using namespace formwork::local::testing;

namespace {

FunctionSpec example(const std::string& name, const std::string& runtime, const std::string& folder) {
  return function_in(name, runtime, "index.handler", "examples/handlers/" + folder);
}

bool logs_contain(const InvokeOutcome& outcome, const std::string& text) {
  return std::any_of(outcome.logs.begin(), outcome.logs.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("SimpleFunc greets a name and fails without one in Lambda's Python error shape", "[local][runtime]") {
  Runtime runtime;
  auto f = example("SimpleFunc", "python3.12", "simple_func");
  auto ok = runtime.invoke(f, R"({"name": "Ada"})");
  REQUIRE(ok.ok());
  CHECK(ok.payload == R"({"message": "Hello, Ada!"})");

  auto failed = runtime.invoke(f, "{}", {.request_id = "11111111-2222-4333-8444-555555555555"});
  REQUIRE(failed.status == InvokeOutcome::Status::FunctionError);
  CHECK(failed.function_error() == "Unhandled");
  CHECK(failed.error_type == "ValueError");
  CHECK(failed.error_message == "the event has no name");
  auto error = parse(failed.payload);
  CHECK(error["errorMessage"] == "the event has no name");
  CHECK(error["errorType"] == "ValueError");
  CHECK(error["requestId"] == "11111111-2222-4333-8444-555555555555");
  REQUIRE(error["stackTrace"].size() == 1);
  CHECK(error["stackTrace"][0].get<std::string>().find("index.py\", line 11, in handler") != std::string::npos);
  CHECK(logs_contain(failed, "[ERROR] ValueError: the event has no name"));
}

TEST_CASE("Square squares a number and rejects text with the message API Gateway matches", "[local][runtime]") {
  Runtime runtime;
  auto f = example("Square", "python3.12", "square");
  CHECK(parse(runtime.invoke(f, R"({"number": "12"})").payload) == parse(R"({"input": 12, "square": 144})"));
  auto failed = runtime.invoke(f, R"({"number": "twelve"})");
  CHECK(failed.error_message == "number must be an integer, got 'twelve'");
}

TEST_CASE("sns_echo (Node) reads STAGE from the environment and logs each record", "[local][runtime]") {
  Runtime runtime;
  auto f = example("Echo", "nodejs22.x", "sns_echo");
  f.environment["STAGE"] = "prod";
  auto outcome = runtime.invoke(f, R"({"Records": [{"Sns": {"MessageId": "m1", "Message": "hi", "TopicArn": "t"}}]})");
  REQUIRE(outcome.ok());
  CHECK(outcome.payload == R"({"processed":1})");
  CHECK(logs_contain(outcome, R"({"stage":"prod","messageId":"m1","subject":null,"message":"hi"})"));

  auto failed = runtime.invoke(f, R"({"Records": [{"Sns": {"MessageId": "m2", "Message": "", "TopicArn": "t"}}]})");
  auto error = parse(failed.payload);
  CHECK(error["errorType"] == "Error");
  CHECK(error["errorMessage"] == "empty message m2 from t");
  CHECK(error["trace"][0] == "Error: empty message m2 from t");
}

TEST_CASE("sqs_worker reports only the message that failed", "[local][runtime]") {
  Runtime runtime;
  auto f = example("Worker", "python3.12", "sqs_worker");
  auto outcome = runtime.invoke(f, R"({"Records": [{"messageId": "a", "body": "{\"id\": 1}"},
                                                   {"messageId": "b", "body": "{}"}]})");
  CHECK(parse(outcome.payload) == parse(R"({"batchItemFailures": [{"itemIdentifier": "b"}]})"));
  CHECK(logs_contain(outcome, "processed job 1"));
  CHECK(logs_contain(outcome, "failed message b: job without id"));
}

TEST_CASE("a function stays warm: the same process serves the next invocations", "[local][runtime]") {
  Runtime runtime;
  for (auto f : {python_fixture("WarmPy", "context_echo.handler"), node_fixture("WarmNode", "index.asyncHandler")}) {
    auto first = runtime.invoke(f, "{}");
    auto second = runtime.invoke(f, "{}");
    auto third = runtime.invoke(f, "{}");
    REQUIRE(first.ok());
    CHECK(first.cold_start);
    CHECK(first.init_duration_ms > 0);
    CHECK_FALSE(second.cold_start);
    CHECK(second.init_duration_ms == 0);
    CHECK(first.pid == second.pid);
    CHECK(second.pid == third.pid);
    auto count = f.runtime[0] == 'p' ? "invocations_in_process" : "invocations";
    CHECK(parse(third.payload)[count] == 3);
    CHECK(parse(third.payload)["pid"] == third.pid);
  }
  CHECK(runtime.process_count() == 2);
  runtime.stop_all();
  CHECK(runtime.process_count() == 0);
}

TEST_CASE("the Python context and environment are Lambda's", "[local][runtime]") {
  Runtime runtime({.extra_environment = {{"HOME_OF_TEST", "yes"}}});
  auto f = python_fixture("Ctx", "context_echo.handler", 7);
  f.memory_size_mb = 256;
  f.environment["STAGE"] = "dev";
  f.environment["AWS_LAMBDA_FUNCTION_NAME"] = "cannot override";
  auto outcome = runtime.invoke(f, R"({"k": [1, 2]})", {.request_id = "req-1"});
  auto r = parse(outcome.payload);
  CHECK(r["event"] == parse(R"({"k": [1, 2]})"));
  CHECK(r["aws_request_id"] == "req-1");
  CHECK(r["function_name"] == "Ctx");
  CHECK(r["function_version"] == "$LATEST");
  CHECK(r["memory_limit_in_mb"] == "256");
  CHECK(r["invoked_function_arn"] == "arn:aws:lambda:us-east-1:123456789012:function:Ctx");
  CHECK(r["log_group_name"] == "/aws/lambda/Ctx");
  CHECK(r["log_stream_name"].get<std::string>().find("/[$LATEST]") == 10);
  CHECK(r["remaining_ms"].get<int>() > 5000);
  CHECK(r["remaining_ms"].get<int>() <= 7000);
  CHECK(r["env"]["AWS_LAMBDA_FUNCTION_NAME"] == "Ctx");
  CHECK(r["env"]["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256");
  CHECK(r["env"]["AWS_REGION"] == "us-east-1");
  CHECK(r["env"]["_HANDLER"] == "context_echo.handler");
  CHECK(r["env"]["TZ"] == ":UTC");
  CHECK(r["env"]["STAGE"] == "dev");
  CHECK(r["env"]["HOME_OF_TEST"] == "yes");
  CHECK(r["cwd"] == source_dir() + "/tests/local/handlers/python");
  CHECK(r["env"]["LAMBDA_TASK_ROOT"] == r["cwd"]);
}

TEST_CASE("Node handlers: async, callback, waiting for the event loop, sync, nested, .mjs, .cjs, type module",
          "[local][runtime]") {
  Runtime runtime;
  auto async_result = runtime.invoke(node_fixture("A", "index.asyncHandler"), R"({"v": 1})", {.request_id = "r-a"});
  auto a = parse(async_result.payload);
  CHECK(a["awsRequestId"] == "r-a");
  CHECK(a["functionName"] == "A");
  CHECK(a["memoryLimitInMB"] == "128");
  CHECK(a["invokedFunctionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:A");
  CHECK(a["remaining"].get<int>() > 8000);
  CHECK(logs_contain(async_result, "async invocation 1"));

  CHECK(runtime.invoke(node_fixture("B", "index.callbackHandler"), R"({"value": 5})").payload == R"({"via":"callback","value":5})");
  auto callback_error = runtime.invoke(node_fixture("C", "index.callbackError"), "{}");
  CHECK(callback_error.error_type == "TypeError");
  CHECK(callback_error.error_message == "bad input");

  auto waits = runtime.invoke(node_fixture("D", "index.waitsForLoop"), "{}");
  CHECK(waits.payload == R"({"late":"not yet"})");
  CHECK(logs_contain(waits, "timer ran"));  // answered only once the event loop was empty

  CHECK(runtime.invoke(node_fixture("E", "index.syncReturn"), "{}").payload == "null");
  CHECK(runtime.invoke(node_fixture("F", "index.nested.deeper.handler"), "{}").payload == R"("nested ok")");
  CHECK(runtime.invoke(node_fixture("G", "esm.handler"), R"({"value": 2})").payload == R"({"module":"esm.mjs","value":2})");
  CHECK(runtime.invoke(node_fixture("H", "common.handler"), "{}").payload == R"({"module":"common.cjs"})");
  auto esm = function_in("I", "nodejs22.x", "app.handler", "tests/local/handlers/node_esm");
  CHECK(runtime.invoke(esm, "{}").payload == R"({"module":"app.js as ESM"})");
}

TEST_CASE("Python handler lookup follows the AWS runtime: last dot, slashes, and its init errors", "[local][runtime]") {
  Runtime runtime;
  auto payload_of = [&](const std::string& handler) { return parse(runtime.invoke(python_fixture("L", handler), "{}").payload); };
  CHECK(payload_of("pkg/mod.handler")["module"] == "pkg.mod");
  CHECK(payload_of("pkg.mod.handler")["module"] == "pkg.mod");

  auto malformed = payload_of("context_echo");
  CHECK(malformed["errorType"] == "Runtime.MalformedHandlerName");
  CHECK(malformed["errorMessage"] == "Bad handler 'context_echo': not enough values to unpack (expected 2, got 1)");
  auto missing_module = payload_of("nowhere.handler");
  CHECK(missing_module["errorType"] == "Runtime.ImportModuleError");
  CHECK(missing_module["errorMessage"] == "Unable to import module 'nowhere': No module named 'nowhere'");
  auto import_error = payload_of("import_error.handler");
  CHECK(import_error["errorType"] == "Runtime.ImportModuleError");
  CHECK(import_error["errorMessage"] == "Unable to import module 'import_error': No module named 'formwork_no_such_module'");
  auto missing_function = payload_of("context_echo.nope");
  CHECK(missing_function["errorType"] == "Runtime.HandlerNotFound");
  CHECK(missing_function["errorMessage"] == "Handler 'nope' missing on module 'context_echo'");
  auto syntax = payload_of("syntax_error.handler");
  CHECK(syntax["errorType"] == "Runtime.UserCodeSyntaxError");
  CHECK(syntax["errorMessage"].get<std::string>().rfind("Syntax error in module 'syntax_error':", 0) == 0);

  auto raised = runtime.invoke(python_fixture("R", "raises_at_import.handler"), "{}");
  CHECK(raised.error_type == "RuntimeError");
  CHECK(raised.error_message == "configuration missing");
  CHECK(logs_contain(raised, "importing raises_at_import"));
  CHECK(raised.cold_start);
  // An environment whose init failed is not kept: the next invocation imports again.
  auto again = runtime.invoke(python_fixture("R", "raises_at_import.handler"), "{}");
  CHECK(again.cold_start);
  CHECK(again.pid != raised.pid);
}

TEST_CASE("Node handler lookup follows the AWS runtime: first dot, and its init errors", "[local][runtime]") {
  Runtime runtime;
  auto payload_of = [&](const std::string& handler) { return parse(runtime.invoke(node_fixture("N", handler), "{}").payload); };
  auto missing_module = payload_of("nowhere.handler");
  CHECK(missing_module["errorType"] == "Runtime.ImportModuleError");
  CHECK(missing_module["errorMessage"] == "Error: Cannot find module 'nowhere'");
  auto undefined = payload_of("index.missing");
  CHECK(undefined["errorType"] == "Runtime.HandlerNotFound");
  CHECK(undefined["errorMessage"] == "index.missing is undefined or not exported");
  CHECK(payload_of("index.notAFunction")["errorMessage"] == "index.notAFunction is not a function");
  auto malformed = payload_of("index");
  CHECK(malformed["errorType"] == "Runtime.MalformedHandlerName");
  CHECK(malformed["errorMessage"] == "Bad handler");
}

TEST_CASE("a handler that runs past its Timeout is killed and fails as Lambda says", "[local][runtime]") {
  Runtime runtime;
  for (auto f : {python_fixture("Loop", "bad.loop", 1), node_fixture("LoopNode", "index.loops", 1)}) {
    auto outcome = runtime.invoke(f, "{}", {.request_id = "slow-1"});
    REQUIRE(outcome.status == InvokeOutcome::Status::FunctionError);
    CHECK(outcome.error_type == "Sandbox.Timedout");
    CHECK(outcome.error_message == "RequestId: slow-1 Error: Task timed out after 1.00 seconds");
    CHECK(parse(outcome.payload) == parse(R"({"errorType": "Sandbox.Timedout",
        "errorMessage": "RequestId: slow-1 Error: Task timed out after 1.00 seconds"})"));
    CHECK(outcome.duration_ms >= 900);
    CHECK(outcome.duration_ms < 3000);
    CHECK(runtime.process_count() == 0);
  }
  // The runtime keeps working: a fresh process serves the next call.
  auto next = runtime.invoke(python_fixture("Loop", "context_echo.handler", 1), "{}");
  CHECK(next.ok());
}

TEST_CASE("a handler that exits fails with Runtime.ExitError and the next call starts afresh", "[local][runtime]") {
  Runtime runtime;
  auto f = python_fixture("Exit", "bad.exits");
  auto outcome = runtime.invoke(f, "{}", {.request_id = "x-1"});
  CHECK(outcome.error_type == "Runtime.ExitError");
  CHECK(outcome.error_message == "RequestId: x-1 Error: Runtime exited with error: exit status 3");
  CHECK(logs_contain(outcome, "about to exit"));
  CHECK(runtime.invoke(python_fixture("Exit", "bad.hard_exit"), "{}").error_message.find("exit status 7") != std::string::npos);
  CHECK(runtime.invoke(node_fixture("ExitNode", "index.exits"), "{}").error_message.find("exit status 2") != std::string::npos);
  auto again = runtime.invoke(f, "{}");
  CHECK(again.cold_start);
  CHECK(again.error_type == "Runtime.ExitError");
}

TEST_CASE("megabytes of output are capped, the invocation still succeeds", "[local][runtime]") {
  std::size_t reported = 0;
  std::mutex mutex;
  Runtime runtime({.on_log = [&](const LogLine& line) {
                     std::lock_guard lock(mutex);
                     reported += line.text.size() + 1;
                   },
                   .max_log_bytes = 64 * 1024});
  auto outcome = runtime.invoke(python_fixture("Loud", "bad.shouts"), "{}");
  REQUIRE(outcome.ok());
  CHECK(outcome.payload == R"({"printed": 5242880})");
  CHECK(reported < 70 * 1024);
  REQUIRE_FALSE(outcome.logs.empty());
  CHECK(outcome.logs.back().rfind("[formwork] ", 0) == 0);
  CHECK(outcome.logs.back().find("more bytes of output dropped") != std::string::npos);
}

TEST_CASE("a result that is not JSON, or too large, fails as Lambda says", "[local][runtime]") {
  Runtime runtime;
  auto set = runtime.invoke(python_fixture("Set", "bad.not_json"), "{}");
  CHECK(set.error_type == "Runtime.MarshalError");
  CHECK(set.error_message == "Unable to marshal response: Object of type set is not JSON serializable");
  auto circular = runtime.invoke(node_fixture("Circle", "index.circular"), "{}");
  CHECK(circular.error_type == "Runtime.MarshalError");
  auto huge = runtime.invoke(python_fixture("Huge", "bad.huge"), "{}");
  CHECK(huge.error_type == "Function.ResponseSizeTooLarge");
  CHECK(runtime.invoke(python_fixture("Set", "bad.no_newline"), "{}").logs ==
        std::vector<std::string>{"partial line without newline"});
}

TEST_CASE("runtimes formwork cannot run and missing code are said by name, not faked", "[local][runtime]") {
  Runtime runtime;
  auto java = python_fixture("Legacy", "example.Handler::handleRequest");
  java.runtime = "java21";
  auto outcome = runtime.invoke(java, "{}");
  CHECK(outcome.status == InvokeOutcome::Status::NotRunnable);
  CHECK(outcome.error_type == "Runtime.Unsupported");
  CHECK(outcome.error_message == "function Legacy uses runtime java21, which formwork cannot run locally "
                                 "(it runs python3.x and nodejs* handlers)");
  auto missing = python_fixture("NoCode", "index.handler");
  missing.code = {.kind = CodeLocation::Kind::Missing, .description = "s3://b/k.zip"};
  CHECK(Runtime::why_not_runnable(missing) == "function NoCode has no code formwork can find: s3://b/k.zip");
  CHECK_THROWS_AS(runtime.invoke(python_fixture("P", "context_echo.handler"), "{not json"), std::invalid_argument);
}

TEST_CASE("inline ZipFile code runs as index.py / index.js", "[local][runtime]") {
  Runtime runtime;
  FunctionSpec py = python_fixture("InlinePy", "index.handler");
  py.code = {.kind = CodeLocation::Kind::Inline, .inline_source = "def handler(event, context):\n    return {'inline': event['n'] + 1}\n"};
  CHECK(runtime.invoke(py, R"({"n": 41})").payload == R"({"inline": 42})");
  FunctionSpec js = node_fixture("InlineJs", "index.handler");
  js.code = {.kind = CodeLocation::Kind::Inline, .inline_source = "exports.handler = async (e) => ({ inline: e.n * 2 });\n"};
  CHECK(runtime.invoke(js, R"({"n": 21})").payload == R"({"inline":42})");
}

TEST_CASE("one function invoked from several threads at once runs in several warm processes", "[local][runtime]") {
  Runtime runtime({.max_environments_per_function = 2});
  auto f = python_fixture("Busy", "context_echo.handler");
  std::vector<InvokeOutcome> outcomes(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    threads.emplace_back([&, i] { outcomes[i] = runtime.invoke(f, "{\"i\": " + std::to_string(i) + "}"); });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    REQUIRE(outcomes[i].ok());
    CHECK(parse(outcomes[i].payload)["event"]["i"] == i);
  }
  CHECK(runtime.process_count() <= 2);
}
