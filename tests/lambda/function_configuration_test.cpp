// Architecture, tracing, ephemeral storage, environment encryption, reserved concurrency and
// layers: what each emits and where each check draws the line.
#include <catch2/catch.hpp>

#include "constructs/lambda/layer_version.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using json = nlohmann::json;  // unordered: comparisons ignore key order
using formwork::testing::inline_function_props;
constexpr auto errors_for = &formwork::testing::function_validation_errors;
using formwork::testing::validation_errors;

namespace {

constexpr const char* kKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

json function_of(App& app, const char* id = "F") {
  return json::parse(synthesize(app).stacks.at(0).document.dump())["Resources"][id];
}

}  // namespace

TEST_CASE("architecture, ephemeral storage, encryption key and reserved concurrency reach the function", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto props = inline_function_props();
  props.architecture = lambda::Architecture::arm64();
  props.ephemeral_storage_mb = 1024;
  props.environment = {{"STAGE", "dev"}};
  props.environment_encryption = Value(kKeyArn);
  props.reserved_concurrent_executions = 5;
  stack.add<lambda::Function>("F", std::move(props));
  auto properties = function_of(app)["Properties"];
  CHECK(properties["Architectures"] == json::parse(R"(["arm64"])"));
  CHECK(properties["EphemeralStorage"] == json::parse(R"({"Size":1024})"));
  CHECK(properties["KmsKeyArn"] == kKeyArn);
  CHECK(properties["ReservedConcurrentExecutions"] == 5);
  CHECK_FALSE(properties.contains("TracingConfig"));
}

TEST_CASE("without the props the function has no Architectures, TracingConfig, EphemeralStorage or KmsKeyArn",
          "[lambda]") {
  App app;
  app.add<Stack>("S").add<lambda::Function>("F", inline_function_props());
  auto properties = function_of(app)["Properties"];
  for (const char* key : {"Architectures", "TracingConfig", "EphemeralStorage", "KmsKeyArn", "Layers"}) {
    INFO(key);
    CHECK_FALSE(properties.contains(key));
  }
}

TEST_CASE("tracing sets the mode and grants the role CDK's two X-Ray actions", "[lambda]") {
  for (auto [tracing, mode] :
       {std::pair{lambda::Tracing::Active, "Active"}, {lambda::Tracing::PassThrough, "PassThrough"}}) {
    App app;
    auto props = inline_function_props();
    props.tracing = tracing;
    app.add<Stack>("S").add<lambda::Function>("F", std::move(props));
    auto doc = json::parse(synthesize(app).stacks.at(0).document.dump());
    CHECK(doc["Resources"]["F"]["Properties"]["TracingConfig"] == json{{"Mode", mode}});
    CHECK(doc["Resources"]["FServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"] ==
          json::parse(
              R"([{"Action":["xray:PutTelemetryRecords","xray:PutTraceSegments"],"Effect":"Allow","Resource":"*"}])"));
    CHECK(doc["Resources"]["F"]["DependsOn"] == json::parse(R"(["FServiceRoleDefaultPolicy"])"));
  }
}

TEST_CASE("ephemeral storage must be between 512 and 10240 MB", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.ephemeral_storage_mb = 511; }) ==
        "[S/F] ephemeral storage must be between 512 and 10240 MB, got 511");
  CHECK(errors_for([](auto& p) { p.ephemeral_storage_mb = 10241; }) ==
        "[S/F] ephemeral storage must be between 512 and 10240 MB, got 10241");
  CHECK(errors_for([](auto& p) { p.ephemeral_storage_mb = 512; }).empty());
  CHECK(errors_for([](auto& p) { p.ephemeral_storage_mb = 10240; }).empty());
}

TEST_CASE("reserved concurrency must be between 0 and Lambda's default account limit of 1000", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.reserved_concurrent_executions = -1; }) ==
        "[S/F] reserved concurrent executions must be between 0 and 1000 (Lambda's default account limit), got -1");
  CHECK(errors_for([](auto& p) { p.reserved_concurrent_executions = 1001; }) ==
        "[S/F] reserved concurrent executions must be between 0 and 1000 (Lambda's default account limit), got 1001");
  CHECK(errors_for([](auto& p) { p.reserved_concurrent_executions = 0; }).empty());
  CHECK(errors_for([](auto& p) { p.reserved_concurrent_executions = 1000; }).empty());
}

TEST_CASE("environment encryption takes a KMS key ARN or a token", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.environment_encryption = Value("alias/my-key"); }) ==
        "[S/F] environment encryption must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), "
        "got 'alias/my-key'");
  CHECK(errors_for([](auto& p) { p.environment_encryption = Value("arn:aws:kms:us-east-1:11112222333:key/abc"); }) ==
        "[S/F] environment encryption must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), "
        "got 'arn:aws:kms:us-east-1:11112222333:key/abc'");
  CHECK(errors_for([](auto& p) { p.environment_encryption = Value(kKeyArn); }).empty());
  CHECK(errors_for([](auto& p) {
          p.environment_encryption = Value::sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/k");
        }).empty());
}

TEST_CASE("a function lists its layers' ARNs and loads at most 5 compatible layers", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& python = stack.add<lambda::LayerVersion>(
      "Deps", {.code = lambda::Code::from_asset("examples/handlers/simple_func"),
               .compatible_runtimes = {lambda::Runtime::python_3_12(), lambda::Runtime::python_3_13()},
               .compatible_architectures = {lambda::Architecture::arm64()}});
  auto& any =
      stack.add<lambda::LayerVersion>("Any", {.code = lambda::Code::from_asset("examples/handlers/simple_func")});
  auto props = inline_function_props();
  props.architecture = lambda::Architecture::arm64();
  props.layers = {&python, &any};
  stack.add<lambda::Function>("F", props);
  CHECK(function_of(app)["Properties"]["Layers"] == json::parse(R"([{"Ref":"Deps"},{"Ref":"Any"}])"));

  props.architecture = std::nullopt;
  props.runtime = lambda::Runtime::nodejs_22_x();
  props.layers = {&python, &any, &any, &any, &any, &any};
  stack.add<lambda::Function>("G", props);
  CHECK(validation_errors(app) ==
        "[S/G] a function loads at most 5 layers, got 6\n"
        "[S/G] layer Deps supports python3.12, python3.13, not the function's runtime nodejs22.x\n"
        "[S/G] layer Deps supports arm64, not the function's architecture x86_64");
}
