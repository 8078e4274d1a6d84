#include <catch2/catch.hpp>

#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
constexpr auto errors_for = &formwork::testing::function_validation_errors;

TEST_CASE("memory size must be between 128 and 10240 MB", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.memory_size_mb = 127; }) == "[S/F] memory size must be between 128 and 10240 MB, got 127");
  CHECK(errors_for([](auto& p) { p.memory_size_mb = 10241; }) ==
        "[S/F] memory size must be between 128 and 10240 MB, got 10241");
  CHECK(errors_for([](auto& p) { p.memory_size_mb = 128; }).empty());
  CHECK(errors_for([](auto& p) { p.memory_size_mb = 10240; }).empty());
}

TEST_CASE("timeout must be between 1 and 900 seconds", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.timeout = Duration::seconds(0); }) ==
        "[S/F] timeout must be between 1 and 900 seconds, got 0");
  CHECK(errors_for([](auto& p) { p.timeout = Duration::seconds(901); }) ==
        "[S/F] timeout must be between 1 and 900 seconds, got 901");
  CHECK(errors_for([](auto& p) { p.timeout = Duration::minutes(15); }).empty());
}

TEST_CASE("retry attempts must be between 0 and 2 and event age between 60 and 21600 seconds", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.retry_attempts = 3; }) == "[S/F] retry attempts must be between 0 and 2, got 3");
  CHECK(errors_for([](auto& p) { p.retry_attempts = -1; }) == "[S/F] retry attempts must be between 0 and 2, got -1");
  CHECK(errors_for([](auto& p) { p.max_event_age = Duration::seconds(59); }) ==
        "[S/F] maximum event age must be between 60 and 21600 seconds, got 59");
  CHECK(errors_for([](auto& p) { p.max_event_age = Duration::seconds(21601); }) ==
        "[S/F] maximum event age must be between 60 and 21600 seconds, got 21601");
  CHECK(errors_for([](auto& p) {
          p.retry_attempts = 0;
          p.max_event_age = Duration::hours(6);
        }).empty());
}

TEST_CASE("function names are at most 64 characters of letters, digits, - and _", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.function_name = std::string(65, 'a'); }) ==
        "[S/F] function name must be 1 to 64 characters of a-z A-Z 0-9 - _, got '" + std::string(65, 'a') +
            "' (65 characters)");
  CHECK(errors_for([](auto& p) { p.function_name = "my.func"; }) ==
        "[S/F] function name must be 1 to 64 characters of a-z A-Z 0-9 - _, got 'my.func' (7 characters)");
  CHECK(errors_for([](auto& p) { p.function_name = std::string(64, 'a'); }).empty());
}

TEST_CASE("descriptions are at most 256 characters", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.description = std::string(257, 'x'); }) ==
        "[S/F] description must be at most 256 characters, got 257");
  CHECK(errors_for([](auto& p) { p.description = std::string(256, 'x'); }).empty());
}

TEST_CASE("the environment variables Lambda reserves are refused", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.environment = {{"AWS_REGION", "eu-west-1"}, {"STAGE", "dev"}}; }) ==
        "[S/F] environment variable 'AWS_REGION' is reserved by Lambda and cannot be set");
  CHECK(errors_for([](auto& p) { p.environment = {{"_HANDLER", "x"}, {"LAMBDA_RUNTIME_DIR", "y"}}; }) ==
        "[S/F] environment variable '_HANDLER' is reserved by Lambda and cannot be set\n"
        "[S/F] environment variable 'LAMBDA_RUNTIME_DIR' is reserved by Lambda and cannot be set");
  CHECK(errors_for([](auto& p) { p.environment = {{"AWS_LAMBDA_LOG_LEVEL_X", "1"}}; }).empty());
}

TEST_CASE("environment variable names match Lambda's pattern and all of them total at most 4 KB", "[lambda]") {
  // The inputs of issue 10.
  CHECK(errors_for([](auto& p) { p.environment = {{"1BAD", "x"}, {"with-dash", "y"}, {"OK_1", "z"}}; }) ==
        "[S/F] environment variable name must match [a-zA-Z][a-zA-Z0-9_]+, got '1BAD'\n"
        "[S/F] environment variable name must match [a-zA-Z][a-zA-Z0-9_]+, got 'with-dash'");
  CHECK(errors_for([](auto& p) { p.environment = {{"A", std::string(2000, 'a')}, {"B", std::string(2100, 'b')}}; }) ==
        "[S/F] environment variable name must match [a-zA-Z][a-zA-Z0-9_]+, got 'A'\n"
        "[S/F] environment variable name must match [a-zA-Z][a-zA-Z0-9_]+, got 'B'\n"
        "[S/F] environment variables must total at most 4096 bytes (names and values), got 4102");
  CHECK(errors_for([](auto& p) { p.environment = {{"AA", std::string(4094, 'a')}}; }).empty());
}

TEST_CASE("inline code needs Python or Node.js and at most 4096 bytes", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.runtime = lambda::Runtime::java_21(); }) ==
        "[S/F] inline code needs a Python or Node.js runtime, got java21");
  CHECK(errors_for([](auto& p) { p.code = lambda::Code::from_inline(std::string(4097, '#')); }) ==
        "[S/F] inline code must be at most 4096 bytes, got 4097");
}

TEST_CASE("all problems of a function are reported together", "[lambda]") {
  CHECK(errors_for([](auto& p) {
          p.memory_size_mb = 64;
          p.timeout = Duration::seconds(1000);
          p.handler = "";
        }) == "[S/F] a function needs a handler, such as index.handler\n"
              "[S/F] memory size must be between 128 and 10240 MB, got 64\n"
              "[S/F] timeout must be between 1 and 900 seconds, got 1000");
}

TEST_CASE("initial policy statements need an action and a resource and name no principal", "[lambda]") {
  CHECK(errors_for([](auto& p) {
          p.initial_policy = {{.actions = {"s3:GetObject"}, .resources = {"*"}},
                              {.principals = {iam::Principal::service("sns.amazonaws.com")}}};
        }) == "[S/F] initial policy statement 2 of 2 must name at least one action, got none\n"
              "[S/F] initial policy statement 2 of 2 must name at least one resource (an identity policy), got none\n"
              "[S/F] initial policy statement 2 of 2 must not name a principal (an identity policy), got 1");
  CHECK(errors_for([](auto& p) { p.initial_policy = {{.actions = {"s3:GetObject"}, .resources = {"*"}}}; }).empty());
}
