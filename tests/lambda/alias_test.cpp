// Versions and aliases, an alias's async configuration, and function URLs on functions and aliases.
#include <catch2/catch.hpp>

#include "constructs/core/logical_ids.hpp"
#include "constructs/lambda/alias.hpp"
#include "constructs/lambda/layer_version.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/lambda/version.hpp"
#include "constructs/sqs/queue.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using json = nlohmann::json;  // unordered: comparisons ignore key order
using formwork::testing::inline_function_props;
using formwork::testing::validation_errors;

TEST_CASE("a version publishes the function and an alias points at the version's number", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Api", inline_function_props());
  auto& v1 = stack.add<lambda::Version>("ApiV1", {.function = fn, .description = "first release"});
  stack.add<lambda::Alias>("Live", {.alias_name = "live", .version = v1, .description = "what clients call"});
  auto assembly = synthesize(app);
  const auto resources = json::parse(assembly.stacks.at(0).document["Resources"].dump());
  CHECK(resources["ApiV1"] == json::parse(R"({"Type":"AWS::Lambda::Version","Properties":{
      "Description":"first release","FunctionName":{"Ref":"Api"}}})"));
  CHECK(resources["Live"] == json::parse(R"({"Type":"AWS::Lambda::Alias","Properties":{
      "Description":"what clients call","FunctionName":{"Ref":"Api"},
      "FunctionVersion":{"Fn::GetAtt":["ApiV1","Version"]},"Name":"live"}})"));
  CHECK(assembly.stacks[0].comments.at("Live") == "Live/Resource: Alias live of function Api: points at version ApiV1");
}

TEST_CASE("an alias's async configuration qualifies by the alias name out of its ARN, as CDK", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& failures = stack.add<sqs::Queue>("Failures");
  lambda::SqsDestination on_failure(failures);
  auto& fn = stack.add<lambda::Function>("Api", inline_function_props());
  auto& v1 = stack.add<lambda::Version>("ApiV1", {.function = fn});
  stack.add<lambda::Alias>("Live", {.alias_name = "live",
                                    .version = v1,
                                    .retry_attempts = 1,
                                    .max_event_age = Duration::minutes(5),
                                    .on_failure = &on_failure});
  auto assembly = synthesize(app);
  const auto resources = json::parse(assembly.stacks.at(0).document["Resources"].dump());
  CHECK(resources["LiveEventInvokeConfig"] == json::parse(R"({"Type":"AWS::Lambda::EventInvokeConfig","Properties":{
      "DestinationConfig":{"OnFailure":{"Destination":{"Fn::GetAtt":["Failures","Arn"]}}},
      "FunctionName":{"Ref":"Api"},"MaximumEventAgeInSeconds":300,"MaximumRetryAttempts":1,
      "Qualifier":{"Fn::Select":[7,{"Fn::Split":[":",{"Ref":"Live"}]}]}}})"));
  // The destination's grant goes to the function's role.
  CHECK(resources["ApiServiceRoleDefaultPolicy"]["Properties"]["PolicyDocument"]["Statement"][0]["Resource"] ==
        json::parse(R"({"Fn::GetAtt":["Failures","Arn"]})"));
  CHECK(assembly.stacks[0].comments.at("LiveEventInvokeConfig") ==
        "Live/EventInvokeConfig: Retries failed async invocations once, drops events older than 300 seconds, "
        "then sends the failed event to Failures (alias live of function Api)");
}

TEST_CASE("alias names, descriptions and async settings are checked", "[lambda]") {
  auto errors_for = [](std::string name, std::optional<int> retries, std::size_t description = 0) {
    App app;
    auto& stack = app.add<Stack>("S");
    auto& fn = stack.add<lambda::Function>("Api", inline_function_props());
    auto& v1 = stack.add<lambda::Version>("V", {.function = fn, .description = std::string(description, 'v')});
    stack.add<lambda::Alias>("A", {.alias_name = std::move(name),
                                   .version = v1,
                                   .description = std::string(description, 'a'),
                                   .retry_attempts = retries});
    return validation_errors(app);
  };
  CHECK(errors_for("123", 3) ==
        "[S/A] alias name must be 1 to 128 characters of a-z A-Z 0-9 - _, not only digits, got '123' (3 characters)\n"
        "[S/A] retry attempts must be between 0 and 2, got 3");
  CHECK(errors_for(std::string(129, 'a'), std::nullopt) ==
        "[S/A] alias name must be 1 to 128 characters of a-z A-Z 0-9 - _, not only digits, got '" +
            std::string(129, 'a') + "' (129 characters)");
  CHECK(errors_for("live", std::nullopt, 257) ==
        "[S/V] version description must be at most 256 characters, got 257\n"
        "[S/A] alias description must be at most 256 characters, got 257");
  CHECK(errors_for(std::string(128, 'a'), 2, 256).empty());
  CHECK(errors_for("v1-live_2", 0).empty());
}

TEST_CASE("a public function URL has CORS and CDK's two permissions for anyone", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("F", inline_function_props());
  fn.add_function_url({.auth_type = lambda::FunctionUrlAuthType::None,
                       .cors = lambda::FunctionUrlCors{.allowed_origins = {"https://example.com"},
                                                       .allowed_methods = {lambda::HttpMethod::Get},
                                                       .allowed_headers = {"x"},
                                                       .exposed_headers = {"y"},
                                                       .allow_credentials = true,
                                                       .max_age = Duration::minutes(1)}});
  auto assembly = synthesize(app);
  const auto resources = json::parse(assembly.stacks.at(0).document["Resources"].dump());
  CHECK(resources["FFunctionUrl"] == json::parse(R"({"Type":"AWS::Lambda::Url","Properties":{"AuthType":"NONE",
      "Cors":{"AllowCredentials":true,"AllowHeaders":["x"],"AllowMethods":["GET"],
              "AllowOrigins":["https://example.com"],"ExposeHeaders":["y"],"MaxAge":60},
      "TargetFunctionArn":{"Fn::GetAtt":["F","Arn"]}}})"));
  CHECK(resources["FInvokeFunctionUrl"] == json::parse(R"({"Type":"AWS::Lambda::Permission","Properties":{
      "Action":"lambda:InvokeFunctionUrl","FunctionName":{"Fn::GetAtt":["F","Arn"]},"FunctionUrlAuthType":"NONE",
      "Principal":"*"}})"));
  CHECK(resources["FInvokeFunction"] == json::parse(R"({"Type":"AWS::Lambda::Permission","Properties":{
      "Action":"lambda:InvokeFunction","FunctionName":{"Fn::GetAtt":["F","Arn"]},"InvokedViaFunctionUrl":true,
      "Principal":"*"}})"));
  CHECK(assembly.stacks[0].comments.at("FFunctionUrl") ==
        "F/FunctionUrl/Resource: HTTPS endpoint that lets anyone call function F");
}

TEST_CASE("an IAM-authenticated URL on an alias has its qualifier, waits for the alias and adds no permission",
          "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("F", inline_function_props());
  auto& v1 = stack.add<lambda::Version>("V1", {.function = fn});
  auto& live = stack.add<lambda::Alias>("Live", {.alias_name = "live", .version = v1});
  live.add_function_url(
      {.cors = lambda::FunctionUrlCors{.allowed_origins = {"*"}}, .invoke_mode = lambda::InvokeMode::ResponseStream});
  auto resources = json::parse(synthesize(app).stacks.at(0).document.dump())["Resources"];
  CHECK(resources["LiveFunctionUrl"] == json::parse(R"({"Type":"AWS::Lambda::Url","DependsOn":["Live"],"Properties":{
      "AuthType":"AWS_IAM","Cors":{"AllowMethods":["*"],"AllowOrigins":["*"]},"InvokeMode":"RESPONSE_STREAM",
      "Qualifier":"live","TargetFunctionArn":{"Fn::GetAtt":["F","Arn"]}}})"));
  std::size_t permissions = 0;
  for (const auto& [id, resource] : resources.items()) permissions += resource["Type"] == "AWS::Lambda::Permission";
  CHECK(permissions == 0);
}

TEST_CASE("a public URL on an alias lets anyone invoke the alias", "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("F", inline_function_props());
  auto& live = stack.add<lambda::Alias>(
      "Live", {.alias_name = "live", .version = stack.add<lambda::Version>("V1", {.function = fn})});
  live.add_function_url({.auth_type = lambda::FunctionUrlAuthType::None});
  auto assembly = synthesize(app);
  const auto resources = json::parse(assembly.stacks.at(0).document["Resources"].dump());
  CHECK(resources["LiveInvokeFunctionUrl"]["Properties"]["FunctionName"] == json::parse(R"({"Ref":"Live"})"));
  CHECK(resources["LiveInvokeFunction"]["Properties"]["FunctionName"] == json::parse(R"({"Ref":"Live"})"));
  CHECK(assembly.stacks[0].comments.at("LiveInvokeFunction") ==
        "Live/invoke-function/Resource: Lets anyone invoke alias live of function F (through its function URL)");
}

TEST_CASE("function URL CORS settings stay within Lambda's limits", "[lambda]") {
  auto errors_for = [](lambda::FunctionUrlCors cors) {
    App app;
    auto& fn = app.add<Stack>("S").add<lambda::Function>("F", inline_function_props());
    fn.add_function_url({.cors = std::move(cors)});
    return validation_errors(app);
  };
  CHECK(errors_for({.max_age = Duration::seconds(86401)}) ==
        "[S/F/FunctionUrl] CORS max age must be between 0 and 86400 seconds, got 86401");
  CHECK(errors_for({.max_age = Duration::days(1)}).empty());
  CHECK(errors_for({.allowed_origins = std::vector<std::string>(101, "*")}) ==
        "[S/F/FunctionUrl] CORS lists at most 100 allowed origins, got 101");
  CHECK(errors_for({.allowed_origins = std::vector<std::string>(100, "*")}).empty());
  CHECK(errors_for({.allowed_origins = {std::string(254, 'o')}}) ==
        "[S/F/FunctionUrl] CORS allowed origins must be 1 to 253 characters each, got '" + std::string(254, 'o') +
            "' (254 characters)");
  CHECK(errors_for({.allowed_headers = {std::string(1025, 'h')}, .exposed_headers = {""}}) ==
        "[S/F/FunctionUrl] CORS allowed headers must be 1 to 1024 characters each, got '" + std::string(1025, 'h') +
            "' (1025 characters)\n"
            "[S/F/FunctionUrl] CORS exposed headers must be 1 to 1024 characters each, got '' (0 characters)");
}

TEST_CASE("with CDK's logical IDs, layers, versions, aliases, their async config and URLs get CDK's", "[lambda]") {
  // The IDs aws-cdk-lib 2.276 gave the same construct tree (stack S).
  App app({.logical_ids = LogicalIdStyle::CdkCompatible});
  auto& stack = app.add<Stack>("S");
  auto& failures = stack.add<sqs::Queue>("Q");
  lambda::SqsDestination on_failure(failures);
  stack.add<lambda::LayerVersion>("Deps", {.code = lambda::Code::from_asset("examples/handlers/simple_func")});
  auto& fn = stack.add<lambda::Function>("F", inline_function_props());
  fn.add_function_url({.auth_type = lambda::FunctionUrlAuthType::AwsIam});
  auto& v2 = stack.add<lambda::Version>("V2", {.function = fn});
  auto& live = stack.add<lambda::Alias>("Live", {.alias_name = "live", .version = v2, .retry_attempts = 1,
                                                 .on_failure = &on_failure});
  live.add_function_url();
  const auto resources = json::parse(synthesize(app).stacks.at(0).document["Resources"].dump());
  for (const char* id : {"Deps9F0A5805", "FC4345940", "FFunctionUrl200DCAE6", "V2EFE0F493", "Live848578DF",
                         "LiveEventInvokeConfigF14D3F8E", "LiveFunctionUrlBF2FFCE0"}) {
    INFO(id << " in " << resources.dump());
    CHECK(resources.contains(id));
  }
}
