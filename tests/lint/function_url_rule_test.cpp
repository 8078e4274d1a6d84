// FW3007 on templates synthesized from lambda::Function::add_function_url: a URL open to
// anyone, with no CORS, that no output announces, is flagged; announcing it, CORS or AWS_IAM
// each silence it.
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/core/template_reader.hpp"
#include "constructs/lambda/function.hpp"
#include "lint/lint.hpp"
#include "tests/support/lambda_fixtures.hpp"

using namespace formwork;

namespace {

enum class Variant { Open, Announced, Cors, Signed };

std::vector<lint::Finding> fw3007(Variant variant) {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& fn = stack.add<lambda::Function>("Web", testing::inline_function_props());
  lambda::FunctionUrlOptions options{.auth_type = variant == Variant::Signed ? lambda::FunctionUrlAuthType::AwsIam
                                                                            : lambda::FunctionUrlAuthType::None};
  if (variant == Variant::Cors) options.cors = lambda::FunctionUrlCors{.allowed_origins = {"https://example.com"}};
  auto& url = fn.add_function_url(options);
  if (variant == Variant::Announced) stack.add<CfnOutput>("Url", {.value = url.url()});
  const std::string text = render(synthesize(app).stacks.at(0));
  std::vector<lint::Finding> out;
  for (auto& f : lint::lint_template(parse_template(text, "S.yaml"), {.body_bytes = text.size()}))
    if (f.rule_id == "FW3007") out.push_back(std::move(f));
  return out;
}

}  // namespace

TEST_CASE("FW3007 flags a function URL open to anyone, without CORS, that nothing refers to", "[lint][lambda]") {
  auto findings = fw3007(Variant::Open);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].logical_id == "WebFunctionUrl");
  CHECK(findings[0].severity == lint::Severity::Warning);
  CHECK(findings[0].message ==
        "function URL WebFunctionUrl of function Web lets anyone on the internet invoke it (AuthType NONE), has no "
        "CORS and nothing in the template refers to it: an open endpoint that no output announces");
  CHECK(findings[0].line > 0);
}

TEST_CASE("FW3007 leaves alone a function URL that an output announces, that has CORS, or that is signed",
          "[lint][lambda]") {
  for (Variant variant : {Variant::Announced, Variant::Cors, Variant::Signed}) {
    INFO("variant " << static_cast<int>(variant));
    CHECK(fw3007(variant).empty());
  }
}
