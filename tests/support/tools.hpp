#pragma once

// What tests share: where the sources and the formwork program are, running programs,
// temporary folders, and the real external tools (cfn-lint, aws, moto_server).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "process/process.hpp"

namespace formwork::testing {

[[nodiscard]] std::filesystem::path source_dir();
[[nodiscard]] std::string formwork_bin();
/// The reference app (bin/reference_app): the four reference stacks with every command, run
/// directly, without the tool's project lookup (for tests that run it in another folder).
[[nodiscard]] std::string reference_app();

/// Reads a whole file; fails the test when it cannot.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

/// Runs a program with an argument vector (no shell).
process::RunResult run(const std::vector<std::string>& argv, const process::RunOptions& options = {});

/// True when `program` is installed. When it is not: under CI=true the test fails (CI never
/// passes by skipping); elsewhere a warning names the tool and the caller skips.
[[nodiscard]] bool require_tool(const std::string& program);

/// A fresh temporary folder, removed with everything in it at the end of the scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// `moto_server` on a free port of 127.0.0.1, stopped by its PID at the end of the scope.
class MotoServer {
 public:
  MotoServer();
  ~MotoServer();
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;
  [[nodiscard]] std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// Environment for the AWS CLI against this endpoint (test credentials, us-east-1).
  [[nodiscard]] std::map<std::string, std::string> environment() const;
  /// Runs `aws <args…> --endpoint-url <endpoint>` and returns the result.
  process::RunResult aws(std::vector<std::string> args) const;

 private:
  int port_ = 0;
  int pid_ = -1;
  std::filesystem::path log_;
};

}  // namespace formwork::testing
