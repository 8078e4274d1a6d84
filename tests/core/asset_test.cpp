#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "constructs/core/asset.hpp"
#include "constructs/core/errors.hpp"
#include "tests/support/tools.hpp"

using namespace formwork;
using formwork::testing::TempDir;

namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("zipping a directory gives the same bytes whatever the file times and creation order", "[assets]") {
  TempDir a, b;
  write(a.path() / "index.py", "def handler(event, context):\n    return 1\n");
  write(a.path() / "lib" / "util.py", "X = 1\n");
  write(b.path() / "lib" / "util.py", "X = 1\n");
  write(b.path() / "index.py", "def handler(event, context):\n    return 1\n");
  std::filesystem::last_write_time(b.path() / "index.py", std::filesystem::file_time_type::clock::now() - std::chrono::hours(50));
  write(b.path() / "__pycache__" / "index.cpython-312.pyc", "cache");
  CHECK(assets::zip_directory(a.path()) == assets::zip_directory(b.path()));
  CHECK(assets::asset_hash(a.path()).size() == 64);

  write(b.path() / "index.py", "def handler(event, context):\n    return 2\n");
  CHECK(assets::asset_hash(a.path()) != assets::asset_hash(b.path()));
}

TEST_CASE("a zipped directory is read back by unzip with its files and contents", "[assets]") {
  if (!formwork::testing::require_tool("python3")) return;
  TempDir dir, out;
  write(dir.path() / "b.py", "print('b')\n");
  write(dir.path() / "a" / "c.txt", "hello\n");
  formwork::testing::write_file(out.path() / "asset.zip", assets::zip_directory(dir.path()));
  auto result = formwork::testing::run({"python3", "-c",
      "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None;"
      " print(';'.join(f'{i.filename}={z.read(i).decode().strip()}:{i.date_time[0]}:{oct(i.external_attr>>16)}' for i in z.infolist()))",
      (out.path() / "asset.zip").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out == "a/c.txt=hello:1980:0o100644;b.py=print('b'):1980:0o100644\n");
}

TEST_CASE("zipping a missing or empty directory is a usage error", "[assets]") {
  TempDir dir;
  CHECK_THROWS_AS(assets::zip_directory(dir.path() / "missing"), UsageError);
  CHECK_THROWS_WITH(assets::zip_directory(dir.path()), "asset directory '" + dir.path().string() + "' has no files (AssetEmpty)");
}

TEST_CASE("asset files are deflated, and the archive is the same bytes on every run", "[assets]") {
  TempDir dir;
  write(dir.path() / "index.py", std::string(20000, 'a') + "\n");
  const std::string zip = assets::zip_directory(dir.path());
  CHECK(zip.size() < 1000);  // stored, it would be over 20,000 bytes
  CHECK(zip.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(static_cast<unsigned char>(zip[8]) == 8);  // compression method: deflated
  CHECK(assets::zip_directory(dir.path()) == zip);
  CHECK(assets::asset_hash(dir.path()) == assets::asset_hash(dir.path()));
}

TEST_CASE("an asset symlink is followed inside its directory and refused, with its path, outside it", "[assets]") {
  TempDir root;
  const auto code = root.path() / "code";
  write(code / "index.py", "import shared\n");
  write(code / "lib" / "shared.py", "X = 1\n");
  write(root.path() / "common" / "shared.py", "SECRET = 1\n");
  std::filesystem::create_symlink("lib/shared.py", code / "shared.py");
  const std::string inside = assets::zip_directory(code);
  CHECK(inside.find("shared.py") != std::string::npos);
  CHECK(inside.find("../") == std::string::npos);

  std::filesystem::remove(code / "shared.py");
  std::filesystem::create_symlink("../common/shared.py", code / "shared.py");  // the input of issue 10
  CHECK_THROWS_WITH(assets::zip_directory(code),
                    Catch::Contains("asset symlink '" + (code / "shared.py").string() + "' points to '") &&
                        Catch::Contains("outside the asset directory") && Catch::Contains("(AssetSymlinkOutside)"));
  std::filesystem::remove(code / "shared.py");
  std::filesystem::create_symlink("/etc/hostname", code / "host");
  CHECK_THROWS_WITH(assets::zip_directory(code), Catch::Contains("(AssetSymlinkOutside)"));
  std::filesystem::remove(code / "host");
  std::filesystem::create_symlink("missing.py", code / "gone.py");
  CHECK_THROWS_WITH(assets::zip_directory(code), Catch::Contains("(AssetBrokenSymlink)"));
}
