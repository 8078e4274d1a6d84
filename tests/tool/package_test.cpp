// `cpack -G DEB` packages the tool, the libraries, the headers and the CMake package; the
// package, unpacked with dpkg -x into a folder of the test's own (a system-wide dpkg -i would
// change /usr for every other build and test on the machine, and need root), builds a
// `formwork init` project with its own formwork program.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/tools.hpp"

namespace fs = std::filesystem;
using namespace formwork::testing;

namespace {

void require_success(const formwork::process::RunResult& result, const std::string& what) {
  INFO(what << "\nstdout:\n" << result.out << "\nstderr:\n" << result.err);
  REQUIRE(result.exit_code == 0);
}

}  // namespace

TEST_CASE("the .deb holds the tool, libraries, headers and CMake package, and builds an init project",
          "[tool][package]") {
  if (!require_tool("cpack") || !require_tool("dpkg-deb")) return;
  TempDir temp;
  const fs::path packages = temp.path() / "packages";
  require_success(run({"cpack", "-G", "DEB", "--config", (fs::path(FORMWORK_BINARY_DIR) / "CPackConfig.cmake").string(),
                       "-B", packages.string()}),
                  "cpack -G DEB");
  fs::path deb;
  for (const auto& entry : fs::directory_iterator(packages))
    if (entry.path().extension() == ".deb") deb = entry.path();
  REQUIRE(!deb.empty());
  CHECK(deb.filename().string().rfind("formwork_", 0) == 0);

  auto info = run({"dpkg-deb", "--field", deb.string(), "Package", "Depends"});
  require_success(info, "dpkg-deb --field");
  CHECK(info.out.find("Package: formwork") != std::string::npos);
  CHECK(info.out.find("libyaml-cpp-dev") != std::string::npos);

  const fs::path root = temp.path() / "root";
  require_success(run({"dpkg-deb", "-x", deb.string(), root.string()}), "dpkg-deb -x");
  const fs::path usr = root / "usr";
  CHECK(fs::exists(usr / "bin" / "formwork"));
  CHECK(fs::exists(usr / "include" / "formwork" / "formwork.hpp"));
  CHECK(fs::exists(usr / "include" / "formwork" / "cli.hpp"));
  CHECK(fs::exists(usr / "include" / "formwork" / "assertions" / "assertions.hpp"));
  CHECK(fs::exists(usr / "lib" / "cmake" / "formwork" / "formworkConfig.cmake"));
  CHECK(fs::exists(usr / "lib" / "libformwork_core.a"));
  // Internals stay out: the template model and the engines' headers reach third-party headers.
  CHECK_FALSE(fs::exists(usr / "include" / "formwork" / "constructs" / "core" / "synthesis.hpp"));
  CHECK_FALSE(fs::exists(usr / "include" / "formwork" / "bin" / "cli" / "context.hpp"));

  // The packaged tool makes a project and builds it against the package it came in.
  const std::string tool = (usr / "bin" / "formwork").string();
  require_success(run({tool, "init", "packaged"}, {.working_directory = temp.path().string()}), "formwork init");
  auto synth = run({tool, "synth"}, {.working_directory = (temp.path() / "packaged").string()});
  require_success(synth, "formwork synth of the init project");
  CHECK(synth.out == "wrote templates/Packaged.yaml\n");
  auto cache = read_file(temp.path() / "packaged" / "build" / "CMakeCache.txt");
  // The app was configured against the extracted package (the path as the tool wrote it).
  auto at = cache.find("\nformwork_DIR:");  // PATH or UNINITIALIZED, as -D gave it
  REQUIRE(at != std::string::npos);
  auto value = cache.find('=', at) + 1;
  const fs::path configured = cache.substr(value, cache.find('\n', value) - value);
  CHECK(fs::weakly_canonical(configured) == fs::weakly_canonical(usr / "lib" / "cmake" / "formwork"));
}
