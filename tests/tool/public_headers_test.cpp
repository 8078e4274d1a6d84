// What a user's app includes — <formwork/formwork.hpp> (the whole construct library) and
// <formwork/cli.hpp> (run_cli) — reaches no third-party header, and is cheap to parse.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

TEST_CASE("the public headers reach no nlohmann/json, yaml-cpp or CLI11 header", "[tool][headers]") {
  TempDir dir;
  write_file(dir.path() / "main.cpp", "#include <formwork/formwork.hpp>\n#include <formwork/cli.hpp>\n");
  auto result = run({"c++", "-std=c++20", "-E", "-I" + source_dir().string(), "-I" + (source_dir() / "include").string(),
                     "-I" + (fs::path(FORMWORK_BINARY_DIR) / "include").string(), (dir.path() / "main.cpp").string()});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::istringstream lines(result.out);
  std::size_t count = 0;
  bool reached_constructs = false;
  for (std::string line; std::getline(lines, line); ++count) {
    if (line.rfind("# ", 0) != 0) continue;  // line markers name every header that was read
    INFO(line);
    CHECK(line.find("nlohmann") == std::string::npos);
    CHECK(line.find("yaml-cpp") == std::string::npos);
    CHECK(line.find("/CLI/") == std::string::npos);
    reached_constructs = reached_constructs || line.find("constructs/lambda/function.hpp") != std::string::npos;
  }
  CHECK(reached_constructs);
  // 136,213 lines with nlohmann/json in the construct headers; about 90,000 without it, nearly
  // all of them the standard library (<filesystem>, <functional>, <memory>, <sstream>).
  CHECK(count < 100000);
}
