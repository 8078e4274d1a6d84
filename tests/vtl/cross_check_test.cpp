// The cross-check: every template of tests/vtl/corpus renders byte for byte as Apache Velocity
// 1.7 renders it (Debian `velocity`, run once per test run by tests/vtl/java/VtlHarness.java
// with Jayway JsonPath from Debian `libjsonpath-java`), overrides included. A template the
// reference rejects must be rejected by formwork's engine too.

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "tests/support/tools.hpp"
#include "vtl/vtl.hpp"

namespace fs = std::filesystem;
using formwork::testing::read_file;

namespace {

const std::vector<std::string> kJars = {"velocity", "commons-collections3", "commons-lang", "json-path", "json-smart",
                                        "accessors-smart", "asm", "slf4j-api", "slf4j-nop"};

std::map<std::string, std::string> strings(const nlohmann::json& j, const char* key) {
  std::map<std::string, std::string> out;
  if (j.contains(key))
    for (auto& [k, v] : j[key].items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return out;
}

formwork::vtl::RenderInput input_of(const nlohmann::json& j) {
  formwork::vtl::RenderInput in;
  in.body = j.value("body", "");
  in.path_params = strings(j, "path");
  in.querystring_params = strings(j, "querystring");
  in.header_params = strings(j, "header");
  in.stage_variables = strings(j, "stageVariables");
  nlohmann::json c = j.value("context", nlohmann::json::object());
  auto& ctx = in.context;
  ctx.request_id = c.value("requestId", "");
  ctx.extended_request_id = c.value("extendedRequestId", "");
  ctx.account_id = c.value("accountId", "");
  ctx.api_id = c.value("apiId", "");
  ctx.stage = c.value("stage", "");
  ctx.resource_id = c.value("resourceId", "");
  ctx.resource_path = c.value("resourcePath", "");
  ctx.http_method = c.value("httpMethod", "");
  ctx.path = c.value("path", "");
  ctx.protocol = c.value("protocol", "");
  ctx.domain_name = c.value("domainName", "");
  ctx.domain_prefix = c.value("domainPrefix", "");
  ctx.request_time = c.value("requestTime", "");
  ctx.request_time_epoch = c.value("requestTimeEpoch", std::int64_t{0});
  nlohmann::json id = c.value("identity", nlohmann::json::object());
  ctx.identity.source_ip = id.value("sourceIp", "");
  ctx.identity.user_agent = id.value("userAgent", "");
  ctx.identity.caller = id.value("caller", "");
  ctx.identity.user = id.value("user", "");
  ctx.identity.user_arn = id.value("userArn", "");
  ctx.identity.api_key = id.value("apiKey", "");
  ctx.identity.account_id = id.value("accountId", "");
  ctx.authorizer = strings(c, "authorizer");
  return in;
}

std::string overrides_text(const formwork::vtl::Overrides& o) {
  std::string out;
  if (o.status) out += "status=" + *o.status + "\n";
  for (const auto& [k, v] : o.response_headers) out += "header." + k + "=" + v + "\n";
  return out;
}

}  // namespace

TEST_CASE("vtl cross-check: the corpus renders byte for byte as Apache Velocity 1.7", "[vtl][java]") {
  if (!formwork::testing::require_tool("javac") || !formwork::testing::require_tool("java")) return;
  std::string classpath;
  for (const auto& jar : kJars) {
    fs::path path = fs::path("/usr/share/java") / (jar + ".jar");
    INFO("Debian packages velocity and libjsonpath-java provide " << path);
    REQUIRE(fs::exists(path));
    classpath += (classpath.empty() ? "" : ":") + path.string();
  }
  fs::path corpus = formwork::testing::source_dir() / "tests/vtl/corpus";
  formwork::testing::TempDir tmp;
  auto started = std::chrono::steady_clock::now();
  auto javac = formwork::testing::run({"javac", "-nowarn", "-d", (tmp.path() / "classes").string(), "-cp", classpath,
                                       (formwork::testing::source_dir() / "tests/vtl/java/VtlHarness.java").string()});
  INFO(javac.err);
  REQUIRE(javac.exit_code == 0);
  auto compiled = std::chrono::steady_clock::now();
  auto java = formwork::testing::run({"java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                                      classpath + ":" + (tmp.path() / "classes").string(), "VtlHarness", corpus.string(),
                                      (tmp.path() / "out").string()});
  INFO(java.err);
  REQUIRE(java.exit_code == 0);
  auto ran = std::chrono::steady_clock::now();
  using ms = std::chrono::milliseconds;
  std::cerr << "vtl cross-check: javac " << std::chrono::duration_cast<ms>(compiled - started).count() << " ms, java "
            << std::chrono::duration_cast<ms>(ran - compiled).count() << " ms\n";

  auto spec = nlohmann::json::parse(read_file(corpus / "inputs.json"));
  std::vector<fs::path> templates;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.path().extension() == ".vm") templates.push_back(entry.path());
  std::sort(templates.begin(), templates.end());
  CHECK(templates.size() >= 100);
  int errors_expected = 0;
  for (const auto& path : templates) {
    std::string name = path.filename().string();
    std::string which = spec["templates"].value(name, "default");
    REQUIRE(spec["inputs"].contains(which));
    auto input = input_of(spec["inputs"][which]);
    std::string expected = read_file(tmp.path() / "out" / (name + ".out"));
    std::string expected_overrides = read_file(tmp.path() / "out" / (name + ".ovr"));
    INFO("template " << name << " (input " << which << ")");
    formwork::vtl::RenderOptions options;
    options.template_name = name;
    std::string actual, actual_overrides;
    try {
      auto result = formwork::vtl::render(read_file(path), input, options);
      actual = result.output;
      actual_overrides = overrides_text(result.overrides);
    } catch (const formwork::vtl::Error& e) {
      actual = "ERROR";
      INFO(e.what());
      CHECK(expected == "ERROR");
      ++errors_expected;
      continue;
    }
    CHECK(actual == expected);
    CHECK(actual_overrides == expected_overrides);
  }
  // The corpus holds a few templates Velocity itself rejects; most render.
  CHECK(errors_expected < 10);
}
