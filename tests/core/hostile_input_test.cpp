// Hostile template files (issue 10): every one is refused with one line naming
// file:line and what was wrong, quickly and in bounded memory, and never crashes.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "constructs/core/errors.hpp"
#include "constructs/core/template_reader.hpp"
#include "constructs/core/yaml_writer.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using nlohmann::ordered_json;
using formwork::testing::TempDir;

namespace {

std::string error_of(const std::string& text, const std::string& path = "t.yaml") {
  try {
    (void)parse_template(text, path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// The time limits below are the Release build's. Under AddressSanitizer (scripts/ci-sanitize.sh,
// -O1, every access checked) the same work takes many times longer, so the time is divided by 20.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FORMWORK_TEST_ASAN 1
#endif
#endif
#if defined(FORMWORK_TEST_ASAN) || defined(__SANITIZE_ADDRESS__)
constexpr double kSlowdown = 20;
#else
constexpr double kSlowdown = 1;
#endif

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / kSlowdown;
}

// The alias files of issue 10: `levels` levels of ten aliases to the level below.
std::string alias_bomb(int levels) {
  std::string text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    std::string below = "*l" + std::to_string(i - 1);
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", " : "") + below;
    text += "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("JSON nested 8,200 levels deep is refused at the reader's depth limit, not a crash", "[core][reader][hostile]") {
  const std::string deep = "{\"A\":" + std::string(8200, '[') + std::string(8200, ']') + "}";
  CHECK(error_of(deep, "deep.json") == "deep.json:1:105: nesting deeper than 100 levels (the reader's limit)");
  const std::string deep_objects = [] {
    std::string s;
    for (int i = 0; i < 20000; ++i) s += "{\"a\":\n";
    return s;
  }();
  CHECK(error_of(deep_objects, "deep.json").rfind("deep.json:101:1: nesting deeper than 100 levels", 0) == 0);
  CHECK(error_of("A: " + std::string(150, '[') + std::string(150, ']') + "\n")
            .find("nesting deeper than 100 levels") != std::string::npos);
}

TEST_CASE("YAML aliases cannot expand a small file into gigabytes", "[core][reader][hostile]") {
  const auto start = std::chrono::steady_clock::now();
  const std::string seven = alias_bomb(7);  // about 370 bytes, 10^7 values when expanded
  CHECK(seven.size() < 500);
  CHECK(error_of(seven).find("aliases expand to more than") != std::string::npos);
  CHECK(error_of(alias_bomb(9)).rfind("t.yaml:", 0) == 0);  // the billion laughs
  CHECK(seconds_since(start) < 5);
  // A few aliases, as real templates use them, still read.
  auto file = parse_template("Common: &tags [{Key: a, Value: b}]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                             "    Properties: {Tags: *tags}\n", "t.yaml");
  CHECK(file.document["Resources"]["Q"]["Properties"]["Tags"][0]["Key"] == "a");
}

TEST_CASE("reading time grows linearly with the keys of one mapping", "[core][reader][hostile]") {
  auto time_of = [](int keys, bool json) {
    std::string text = json ? "{\"Resources\": {" : "Resources:\n";
    for (int i = 0; i < keys; ++i)
      text += json ? (i ? ",\n" : "") + ("\"Queue" + std::to_string(i) + "\": {\"Type\": \"AWS::SQS::Queue\"}")
                   : "  Queue" + std::to_string(i) + ":\n    Type: AWS::SQS::Queue\n";
    text += json ? "}}" : "";
    const auto start = std::chrono::steady_clock::now();
    auto file = parse_template(text, "big");
    CHECK(file.document["Resources"].size() == static_cast<std::size_t>(keys));
    return seconds_since(start);
  };
  for (bool json : {false, true}) {
    const double small = time_of(20000, json), large = time_of(80000, json);
    INFO((json ? "JSON" : "YAML") << ": 20,000 keys " << small << " s, 80,000 keys " << large << " s");
    CHECK(large < 8 * small + 0.5);  // quadratic would be 16 times
  }
}

TEST_CASE("a file far too large to be a template is refused at once with its size", "[core][reader][hostile]") {
  TempDir dir;
  const auto path = dir.path() / "huge.yaml";
  { std::ofstream(path) << "A: b\n"; }
  std::filesystem::resize_file(path, 200'000'000);  // sparse: no 200 MB written
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(read_template(path.string()),
                    path.string() + ": file is 200000000 bytes, over the reader's limit of 67108864 "
                                    "(a CloudFormation template is at most 1 MB)");
  CHECK(seconds_since(start) < 1);
}

TEST_CASE("a missing file or a directory is named as such", "[core][reader][hostile]") {
  TempDir dir;
  CHECK_THROWS_WITH(read_template(dir.path().string()), dir.path().string() + ": is a directory, not a template file");
  CHECK_THROWS_WITH(read_template((dir.path() / "nope.yaml").string()), (dir.path() / "nope.yaml").string() + ": no such file");
}

TEST_CASE("invalid UTF-8 is refused with file:line:column, in YAML and in JSON", "[core][reader][hostile]") {
  CHECK(error_of("A: b\nB: \"caf\xE9\"\n") == "t.yaml:2:8: invalid UTF-8 (byte 0xE9); a template must be UTF-8");
  CHECK(error_of("{\n \"A\": \"\xFF\"\n}", "t.json") == "t.json:2:8: invalid UTF-8 (byte 0xFF); a template must be UTF-8");
  CHECK(error_of("A: \xED\xA0\x80\n").find("invalid UTF-8 (byte 0xED)") != std::string::npos);  // a surrogate
  CHECK(parse_template("A: caf\xC3\xA9 \xF0\x9F\x8E\x89\n", "t.yaml").document["A"] == "caf\xC3\xA9 \xF0\x9F\x8E\x89");
}

TEST_CASE("control characters are refused in YAML as PyYAML refuses them, the NEL and NBSP escapes read as UTF-8", "[core][reader][hostile]") {
  // yaml-cpp reads `\x1f\0N` as the lone byte 0x85 (the reader fuzzer's third finding,
  // fuzz/regressions/reader/control-character); PyYAML, and so cfn-lint, refuse the file.
  CHECK(error_of(std::string("A:\n  B: !Ref Stage\x1f\0Name\n", 25)) ==
        "t.yaml:2:16: character #x001f is not allowed in YAML (write it as an escape in a double-quoted string)");
  CHECK(error_of("A: \"\xEF\xBF\xBE\"\n").find("t.yaml:1:5: character #xfffe is not allowed") == 0);
  CHECK(error_of("A: \"\xC2\x80\"\n").find("character #x0080") != std::string::npos);
  auto file = parse_template("A: \"x\\Ny\\_z\"\n\"k\\N\": \"tab\there\"\n", "t.yaml");
  CHECK(file.document["A"] == "x\xC2\x85y\xC2\xA0z");
  CHECK(file.document["k\xC2\x85"] == "tab\there");
  CHECK(parse_template(to_yaml(file.document), "again.yaml").document == file.document);
}

TEST_CASE("numbers that no number type holds are one-line errors, not stoull or stod", "[core][reader][hostile]") {
  CHECK(error_of("A: 1\nB: 0x_\n") == "t.yaml:2:4: '0x_' is not a number: no digits after '0x'");
  CHECK(error_of("B: 1.0e+99999\n") == "t.yaml:1:4: number '1.0e+99999' is out of range of a double (about 1.8e308)");
  CHECK(error_of("B: 0x10000000000000000\n") ==
        "t.yaml:1:4: integer '0x10000000000000000' is out of range (-9223372036854775808 to 18446744073709551615)");
  CHECK(error_of("B: -9223372036854775809\n").find("is out of range") != std::string::npos);
  CHECK(parse_template("B: -9223372036854775808\n", "t").document["B"] == INT64_MIN);
  CHECK(parse_template("B: 18446744073709551615\n", "t").document["B"] == UINT64_MAX);
  CHECK(error_of("{\"B\": 1.0e+99999}", "t.json").rfind("t.json:1:", 0) == 0);
}

TEST_CASE("JSON duplicate keys are refused with their line, and line numbers survive", "[core][reader][hostile]") {
  CHECK(error_of("{\n  \"Resources\": {\n    \"Q\": {},\n    \"Q\": {}\n  }\n}", "t.json") == "t.json:4:5: duplicate key 'Q'");
  auto file = parse_template("{\n  \"Resources\": {\n    \"Q\": {\n      \"Type\": \"AWS::SQS::Queue\",\n"
                             "      \"Properties\": {\"DelaySeconds\": 5}\n    }\n  }\n}\n", "t.json");
  CHECK(file.line_of("/Resources/Q/Type") == 4);
  CHECK(file.line_of("/Resources/Q/Properties/DelaySeconds") == 5);
}

TEST_CASE("formwork's own reader refuses what CloudFormation would", "[core][reader][hostile]") {
  CHECK(error_of("Resources:\n  - Type: AWS::SQS::Queue\n") == "t.yaml:2: Resources must be a mapping, got a list");
  CHECK(error_of("Resources:\n  Q:\n    Type: A\n    Properties:\n      X: !Ref [a, b]\n") ==
        "t.yaml:5:10: !Ref takes a logical ID or parameter name, got a sequence");
  CHECK(error_of("{\"Resources\": {\"Q\": {\"Properties\": {\"X\": {\"Ref\": [\"a\"]}}}}}", "t.json") ==
        "t.json:1: Ref takes a logical ID or parameter name, got a list");
  CHECK(error_of("A: !Foo bar\n") ==
        "t.yaml:1:4: unknown tag '!Foo' (CloudFormation's short forms are !Ref, !Sub, !GetAtt, ...)");
}

TEST_CASE("the writer only writes YAML that formwork reads back", "[core][writer][hostile]") {
  // The inputs of issue 10: a '?' in a flow sequence item, and a key over 1,024 characters.
  ordered_json doc = {{"Outputs", {{"Url", {{"Value", {{"Fn::Join", {"", {"https://example.com/search?q=1", "z"}}}}}}}}}};
  CHECK(parse_template(to_yaml(doc), "w.yaml").document == doc);
  const std::string long_key(2000, 'k');
  ordered_json keys = {{"Metadata", {{long_key, "v"}, {"short", {{long_key + "x", {1, 2}}}}}}};
  CHECK(parse_template(to_yaml(keys), "w.yaml").document == keys);
}
