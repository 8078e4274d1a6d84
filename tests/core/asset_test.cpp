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
