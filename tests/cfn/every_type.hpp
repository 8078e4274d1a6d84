#pragma once

// What each tests/cfn/every_type_<n>.generated_test.cpp does after adding its resources:
// synthesize, write the template as JSON, run the real cfn-lint on it, no error allowed.

#include <string>

#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "tests/support/tools.hpp"

namespace formwork::testing {

inline void check_every_type(App& app, std::size_t resources, const std::string& ignored_rule) {
  auto assembly = synthesize(app);
  REQUIRE(assembly.stacks.size() == 1);
  const auto& stack = assembly.stacks[0];
  CHECK(stack.document["Resources"].size() == resources);
  if (!require_tool("cfn-lint")) return;
  TempDir dir;
  auto file = dir.path() / template_file_name(stack, TemplateFormat::Json);
  write_file(file, render(stack, {.format = TemplateFormat::Json}));
  auto result = run({"cfn-lint", "--format", "parseable", "--ignore-checks", ignored_rule, "--", file.string()});
  INFO(result.out << result.err);
  CHECK((result.exit_code & 3) == 0);  // bit 1: a rule error, bit 0: cfn-lint failed; 4, 8: warnings, info
}

}  // namespace formwork::testing
