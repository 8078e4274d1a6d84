#include <catch2/catch.hpp>

#include "constructs/lambda/layer_version.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;
using json = nlohmann::json;  // unordered: comparisons ignore key order
using formwork::testing::validation_errors;

namespace {

lambda::LayerVersionProps asset_layer() { return {.code = lambda::Code::from_asset("examples/handlers/simple_func")}; }

std::string errors_for(void (*change)(lambda::LayerVersionProps&)) {
  App app;
  auto props = asset_layer();
  change(props);
  app.add<Stack>("S").add<lambda::LayerVersion>("L", std::move(props));
  return validation_errors(app);
}

}  // namespace

TEST_CASE("a layer version uploads its directory as an asset, with runtimes, architectures, description and license",
          "[lambda]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto props = asset_layer();
  props.compatible_runtimes = {lambda::Runtime::python_3_12()};
  props.compatible_architectures = {lambda::Architecture::x86_64(), lambda::Architecture::arm64()};
  props.description = "shared helpers";
  props.license = "MIT";
  props.layer_version_name = "helpers";
  stack.add<lambda::LayerVersion>("Helpers", std::move(props));
  auto assembly = synthesize(app);
  const auto doc = json::parse(assembly.stacks.at(0).document.dump());
  const auto& layer = doc["Resources"]["Helpers"];
  CHECK(layer["Type"] == "AWS::Lambda::LayerVersion");
  const auto& p = layer["Properties"];
  CHECK(p["CompatibleRuntimes"] == json::parse(R"(["python3.12"])"));
  CHECK(p["CompatibleArchitectures"] == json::parse(R"(["x86_64","arm64"])"));
  CHECK(p["Description"] == "shared helpers");
  CHECK(p["LicenseInfo"] == "MIT");
  CHECK(p["LayerName"] == "helpers");
  CHECK(p["Content"]["S3Bucket"] == json::parse(R"({"Ref":"AssetsBucket"})"));
  const std::string key = p["Content"]["S3Key"];
  CHECK(key.size() == 64 + 4);
  CHECK(layer["Metadata"]["formwork:asset"]["hash"].get<std::string>() + ".zip" == key);
  CHECK(doc["Parameters"].contains("AssetsBucket"));
  CHECK(assembly.stacks[0].comments.at("Helpers") ==
        "Helpers/Resource: Layer Helpers: code shared by functions on python3.12");
}

TEST_CASE("a layer's code is an asset directory that exists", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.code = lambda::Code::from_inline("x = 1"); }) ==
        "[S/L] a layer's code must be an asset directory (Code::from_asset), got inline code");
  CHECK(errors_for([](auto& p) {
          p.code = lambda::Code::from_asset("no/such/dir");
        }).rfind("[S/L] code asset directory 'no/such/dir' does not exist (paths are relative to ", 0) == 0);
}

TEST_CASE("layer lists, description, license and name stay within CloudFormation's limits", "[lambda]") {
  CHECK(errors_for([](auto& p) { p.compatible_runtimes.assign(16, lambda::Runtime::python_3_12()); }) ==
        "[S/L] a layer lists at most 15 compatible runtimes, got 16");
  CHECK(errors_for([](auto& p) { p.compatible_runtimes.assign(15, lambda::Runtime::python_3_12()); }).empty());
  CHECK(errors_for([](auto& p) { p.compatible_architectures.assign(3, lambda::Architecture::arm64()); }) ==
        "[S/L] a layer lists at most 2 compatible architectures, got 3");
  CHECK(errors_for([](auto& p) { p.description = std::string(257, 'd'); }) ==
        "[S/L] layer description must be at most 256 characters, got 257");
  CHECK(errors_for([](auto& p) { p.description = std::string(256, 'd'); }).empty());
  CHECK(errors_for([](auto& p) { p.license = std::string(513, 'l'); }) ==
        "[S/L] layer license must be at most 512 characters, got 513");
  CHECK(errors_for([](auto& p) { p.license = std::string(512, 'l'); }).empty());
  CHECK(errors_for([](auto& p) { p.layer_version_name = std::string(141, 'n'); }) ==
        "[S/L] layer name must be 1 to 140 characters of a-z A-Z 0-9 - _, got '" + std::string(141, 'n') +
            "' (141 characters)");
  CHECK(errors_for([](auto& p) { p.layer_version_name = std::string(140, 'n'); }).empty());
}
