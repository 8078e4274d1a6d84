// `formwork invoke`: the real handlers of the reference stacks, run through the CLI.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "stacks/reference_stacks.hpp"
#include "tests/support/cli_runner.hpp"

using formwork::App;
using formwork::testing::run_formwork;

namespace {

namespace fs = std::filesystem;

/// A file in a fresh temporary folder, removed with it.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& text) {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("formwork-invoke-test-" + std::to_string(random()));
    fs::create_directories(dir_);
    path_ = dir_ / name;
    std::ofstream(path_) << text;
  }
  ~TempFile() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  [[nodiscard]] std::string path() const { return path_.string(); }

 private:
  fs::path dir_;
  fs::path path_;
};

App& reference_app() {
  static App app;
  static bool added = false;
  if (!added) {
    stacks::add_reference_stacks(app);
    added = true;
  }
  return app;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("formwork invoke runs SimpleFunc: the payload on stdout, CloudWatch's lines on stderr", "[local][invoke]") {
  auto result = run_formwork(reference_app(), {"invoke", "SimpleFunc", "--event", "-"}, R"({"name": "Ada"})");
  CHECK(result.exit_code == 0);
  CHECK(result.out == "{\"message\": \"Hello, Ada!\"}\n");
  CHECK(result.err.find("START RequestId: ") == 0);
  CHECK(result.err.find("\nEND RequestId: ") != std::string::npos);
  CHECK(result.err.find("\nREPORT RequestId: ") != std::string::npos);
  CHECK(result.err.find("Memory Size: 128 MB") != std::string::npos);
  CHECK(result.err.find("Init Duration: ") != std::string::npos);
}

TEST_CASE("formwork invoke prints a function's error in Lambda's shape and exits 1", "[local][invoke]") {
  auto result = run_formwork(reference_app(), {"invoke", "LambdaAsyncDlq/SimpleFunc"});
  CHECK(result.exit_code == 1);
  CHECK(result.out.find(R"({"errorMessage": "the event has no name", "errorType": "ValueError", "requestId": ")") == 0);
  CHECK(result.err.find("[ERROR] ValueError: the event has no name") != std::string::npos);
}

TEST_CASE("formwork invoke --template runs inline Node code with the template's environment", "[local][invoke]") {
  TempFile event("sns.json", R"({"Records": [{"Sns": {"MessageId": "m-1", "Subject": "Hi", "Message": "hello",
                                 "TopicArn": "arn:aws:sns:us-east-1:123456789012:Notifications"}}]})");
  auto result = run_formwork(reference_app(), {"invoke", "Echo", "--template", "templates/SnsToLambda.yaml", "--event", event.path()});
  CHECK(result.exit_code == 0);
  CHECK(result.out == "{\"processed\":1}\n");
  CHECK(result.err.find(R"({"stage":"prod","messageId":"m-1","subject":"Hi","message":"hello"})") != std::string::npos);
}

TEST_CASE("formwork invoke refuses what Lambda would: unknown function, bad event, too large, unsupported runtime",
          "[local][invoke]") {
  auto unknown = run_formwork(reference_app(), {"invoke", "Nope"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "error: no function 'Nope' (functions: AsyncSquareApi/Square, BlogStack/Listener, BlogStack/Api, "
                       "LambdaAsyncDlq/SimpleFunc, SnsToLambda/Echo, SnsToLambda/Hello, SqsToLambda/Worker, "
                       "UploadPipeline/Ingest, UploadPipeline/Auditor) (UnknownFunction)\n");

  auto not_json = run_formwork(reference_app(), {"invoke", "SimpleFunc", "--event", "-"}, "{\"name\": ");
  CHECK(not_json.exit_code == 2);
  CHECK(not_json.err.rfind("error: standard input: the event is not JSON: ", 0) == 0);

  std::string big = "{\"name\": \"" + std::string(1100 * 1024, 'a') + "\"}";
  auto too_large = run_formwork(reference_app(), {"invoke", "SimpleFunc", "--invocation-type", "Event", "--event", "-"}, big);
  CHECK(too_large.exit_code == 2);
  CHECK(too_large.err.find("an Event invocation takes at most 1048576 bytes (RequestEntityTooLargeException)") != std::string::npos);

  TempFile java("Legacy.yaml", "Resources:\n  Legacy:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                               "      Runtime: java21\n      Handler: example.Handler::handleRequest\n"
                               "      Code: {ZipFile: x}\n");
  auto unsupported = run_formwork(reference_app(), {"invoke", "Legacy", "--template", java.path()});
  CHECK(unsupported.exit_code == 2);
  CHECK(unsupported.err == "error: function Legacy uses runtime java21, which formwork cannot run locally "
                           "(it runs python3.x and nodejs* handlers) (NotRunnable)\n");

  TempFile broken("Broken.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                                 "      Runtime: python3.12\n      Handler: index.handler\n      Code: {ZipFile: x}\n"
                                 "      MemorySize: 64\n");
  auto bad_template = run_formwork(reference_app(), {"invoke", "Fn", "--template", broken.path()});
  CHECK(bad_template.exit_code == 2);
  CHECK(bad_template.err == "error: " + broken.path() + ":8: Fn: MemorySize must be between 128 and 10240 MB, got 64\n");
}

TEST_CASE("formwork invoke --invocation-type DryRun checks and runs nothing", "[local][invoke]") {
  auto result = run_formwork(reference_app(), {"invoke", "Square", "--invocation-type", "DryRun"});
  CHECK(result.exit_code == 0);
  CHECK(result.out == "DryRun: Square (python3.12, index.handler) would run; the event is 2 bytes (Lambda answers 204)\n");
}

TEST_CASE("formwork invoke --invocation-type Event prints the whole asynchronous story", "[local][invoke]") {
  auto failed = run_formwork(reference_app(), {"invoke", "SimpleFunc", "--invocation-type", "Event"});
  CHECK(failed.exit_code == 1);
  auto accepted = failed.err.find("202 Accepted: RequestId ");
  REQUIRE(accepted != std::string::npos);
  const std::string request_id = failed.err.substr(accepted + 24, 36);
  // Three attempts with the same request id (first, +60 s, +180 s), then the dead-letter queue.
  CHECK(count(failed.out, "START RequestId: " + request_id) == 3);
  CHECK(failed.out.find("DeadLetterQueue") != std::string::npos);

  auto succeeded = run_formwork(reference_app(), {"invoke", "SimpleFunc", "--invocation-type", "Event", "--event", "-"},
                                R"({"name": "Ada"})");
  CHECK(succeeded.exit_code == 0);
  CHECK(count(succeeded.out, "START RequestId: ") == 1);
}
