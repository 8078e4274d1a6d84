// The replacement data covers every resource type of the schemas and is up to date.
#include <catch2/catch.hpp>

#include "diff/update_behaviour.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;

TEST_CASE("the update-behaviour data knows every schema type, not only the ones formwork emits", "[diff]") {
  CHECK(diff::detail::update_behaviour_table().size() == 1584);
  CHECK(diff::knows_type("AWS::S3::Bucket"));
  CHECK(diff::knows_type("AWS::QuickSight::Dashboard"));
  CHECK(diff::knows_type("Alexa::ASK::Skill"));
  CHECK_FALSE(diff::knows_type("Custom::Thing"));
}

TEST_CASE("the committed update-behaviour data is what scripts/refresh_update_behaviour.py writes", "[diff]") {
  if (!testing::require_tool("python3") || !testing::require_tool("cfn-lint")) return;
  auto result = testing::run(
      {"python3", (testing::source_dir() / "scripts/refresh_update_behaviour.py").string(), "--check"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
}
