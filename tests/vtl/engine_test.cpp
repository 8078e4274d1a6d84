// The VTL engine on its own: what it renders, what it refuses (with name, line and column),
// and the bounds that keep a hostile template from hanging or exhausting memory.

#include <catch2/catch.hpp>

#include "vtl/vtl.hpp"

using formwork::vtl::Error;
using formwork::vtl::RenderInput;
using formwork::vtl::RenderOptions;

namespace {

std::string out_of(const std::string& text, const RenderInput& input = {}) {
  return formwork::vtl::render(text, input).output;
}

// The error a template raises: "name:line:column: message".
std::string error_of(const std::string& text, RenderOptions options = {}) {
  try {
    formwork::vtl::render(text, RenderInput{.body = R"({"a": [1, 2]})"}, options);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("vtl renders API Gateway's variables", "[vtl]") {
  RenderInput in{.body = R"({"name": "Ann", "n": 4})",
                 .path_params = {{"number", "4"}},
                 .querystring_params = {{"number", "5"}, {"q", "x y"}},
                 .header_params = {{"InvocationType", "Event"}},
                 .stage_variables = {{"env", "prod"}},
                 .context = {.request_id = "r-1", .stage = "Prod", .identity = {.source_ip = "192.0.2.1"}}};
  CHECK(out_of("$input.params('number') $input.params('q') $input.params('InvocationType')", in) == "4 x y Event");
  CHECK(out_of("$input.path('$.name') $input.json('$.name') $input.json('$.n')", in) == "Ann \"Ann\" 4");
  CHECK(out_of("$context.requestId $context.stage $context.identity.sourceIp $stageVariables.env", in) ==
        "r-1 Prod 192.0.2.1 prod");
  CHECK(out_of("$util.urlEncode($input.params('q')) $util.base64Encode('hi')", in) == "x+y aGk=");
}

TEST_CASE("vtl returns the overrides a template sets", "[vtl]") {
  auto result = formwork::vtl::render(
      "#set($context.responseOverride.status = 202)\n"
      "#set($context.responseOverride.header.X-Mode = \"async\")\n"
      "#set($context.requestOverride.querystring.limit = \"5\")\n"
      "{\"status\": \"event received\"}",
      {});
  CHECK(result.output == "{\"status\": \"event received\"}");
  REQUIRE(result.overrides.status);
  CHECK(*result.overrides.status == "202");
  CHECK(result.overrides.response_headers == std::map<std::string, std::string>{{"X-Mode", "async"}});
  CHECK(result.overrides.request_querystring == std::map<std::string, std::string>{{"limit", "5"}});
  CHECK_FALSE(formwork::vtl::render("no override", {}).overrides.status);
}

TEST_CASE("vtl refuses what is outside the subset, at its line and column", "[vtl]") {
  RenderOptions options;
  options.template_name = "GetSquare application/json";
  CHECK(error_of("ok\n  #macro(m)x#end", options) ==
        "GetSquare application/json:2:3: #macro is outside the VTL subset API Gateway supports");
  CHECK(error_of("#include('x')") == "template:1:1: #include is outside the VTL subset API Gateway supports");
  CHECK(error_of("a\n#if(true)\nb") == "template:2:1: #if without #end");
  CHECK(error_of("#end") == "template:1:1: #end without a matching #if, #foreach or #define");
  CHECK(error_of("#set($x = )") == "template:1:11: expected a value (reference, string, number, list, map, true or false), got ')'");
  CHECK(error_of("$x.y(") == "template:1:6: expected a value (reference, string, number, list, map, true or false), got the end of the template");
  CHECK(error_of("#set($s = 'abc')$s.codePointAt(0)") ==
        "template:1:20: String method .codePointAt() with 1 argument(s) is outside the VTL subset");
  CHECK(error_of("$input.path('$.a').get(5)") == "template:1:20: .get(5) is out of range for a list of size 2");
  CHECK(error_of("$input.path('$[?(@.a)]')") ==
        "template:1:8: JSONPath '$[?(@.a)]': filters [?(...)] are outside the supported JSONPath at column 3 of '$[?(@.a)]'");
  CHECK(error_of("#set($s = 'a,b')$s.split(',')") ==
        "template:1:17: cannot render this value: a Java String[] (from split()) prints as an identity hash");
  CHECK(error_of("$util.unknown('x')") == "template:1:7: $util.unknown() is not one of API Gateway's $util functions");
  CHECK(error_of("#set($s = 'x')$s.replaceAll('(', 'y')").find("template:1:18: invalid regular expression \"(\" at offset 1") == 0);
  CHECK(error_of("$x[0]") == "template:1:3: index notation $x[...] is outside the VTL subset: use .get(...)");
  CHECK(error_of("#foo(1)") == "template:1:1: #foo(...) is not a directive of the VTL subset (macros are not supported)");
}

TEST_CASE("vtl check() parses without rendering", "[vtl]") {
  CHECK_NOTHROW(formwork::vtl::check("#if($input.path('$.x'))$util.nothing()#end", "t"));
  CHECK_THROWS_AS(formwork::vtl::check("#foreach($x in $y)", "t"), Error);
  try {
    formwork::vtl::check("line1\n  #else", "Method/200");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.template_name() == "Method/200");
    CHECK(e.line() == 2);
    CHECK(e.column() == 3);
  }
}

TEST_CASE("vtl bounds hostile templates", "[vtl]") {
  // API Gateway's #foreach cap: the loop stops after 1,000 iterations, as Velocity's maxloops.
  CHECK(out_of("#set($c = 0)#foreach($i in [1..5000])#set($c = $c + 1)#end$c") == "1000");
  RenderOptions small;
  small.max_foreach_iterations = 3;
  CHECK(formwork::vtl::render("#foreach($i in [1..9])$i#end", {}, small).output == "123");

  // Nested loops: 1000^3 steps are stopped by the step budget, at the loop's position.
  std::string cube = "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])x#end#end#end";
  RenderOptions steps;
  steps.max_steps = 200000;
  CHECK(error_of(cube, steps).find("rendering stopped after 200000 evaluation steps") != std::string::npos);

  // Output doubling: stopped at the output limit.
  RenderOptions out;
  out.max_output_bytes = 4096;
  CHECK(error_of("#set($s = 'xxxxxxxx')#foreach($i in [1..20])#set($s = \"$s$s\")#end$s", out)
            .find("over the limit of 4096 bytes") != std::string::npos);

  // A #define that renders itself.
  CHECK(error_of("#define($d)$d#end$d").find("#define blocks nested deeper than 64") != std::string::npos);

  // Deep nesting in the parser.
  std::string deep;
  for (int k = 0; k < 100; ++k) deep += "#if(true)";
  CHECK(error_of(deep).find("nested deeper than 64 levels") != std::string::npos);
  CHECK(error_of("#set($r = [1..100000000])").find("over the limit of 100000") != std::string::npos);
}

TEST_CASE("vtl output is deterministic", "[vtl]") {
  RenderInput in{.body = R"({"z": 1, "a": {"y": [1, 2.5, "s"], "b": null}})"};
  std::string text = "#foreach($k in $input.path('$').keySet())$k=$input.path('$').get($k);#end $input.json('$')";
  std::string first = formwork::vtl::render(text, in).output;
  CHECK(first == "z=1;a={y=[1,2.5,\"s\"], b=null}; {\"z\":1,\"a\":{\"y\":[1,2.5,\"s\"],\"b\":null}}");
  for (int k = 0; k < 5; ++k) CHECK(formwork::vtl::render(text, in).output == first);
}
