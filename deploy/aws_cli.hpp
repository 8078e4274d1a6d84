#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "process/process.hpp"

namespace formwork::deploy {

/// Where the `aws` calls go. Empty fields are left to the AWS CLI's own configuration.
struct AwsTarget {
  /// Default: --region, else AWS_REGION, else AWS_DEFAULT_REGION, else the CLI's configuration.
  std::string region = {};
  /// Default: --profile, else AWS_PROFILE, else the CLI's default profile.
  std::string profile = {};
  /// Default: --endpoint-url, else AWS_ENDPOINT_URL (which AWS CLI v1 does not read itself).
  std::string endpoint_url = {};
};

/// Fills the empty fields of `given` from the environment variables above.
[[nodiscard]] AwsTarget resolve_target(AwsTarget given);

/// `argv` as one line a POSIX shell would read back as the same words. For display only:
/// formwork itself never runs a shell.
[[nodiscard]] std::string shell_quote(const std::vector<std::string>& argv);

/// `text` with the values of AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (from the
/// environment) replaced by `****`, so that nothing formwork prints can leak them.
[[nodiscard]] std::string redact(std::string text);

/// Runs `aws` with an argument vector, adding --region, --profile and --endpoint-url to every
/// call. In dry-run mode it prints each command instead and runs nothing.
class AwsCli {
 public:
  AwsCli(AwsTarget target, bool dry_run, std::ostream& out) : target_(std::move(target)), dry_run_(dry_run), out_(out) {}

  [[nodiscard]] bool dry_run() const { return dry_run_; }
  [[nodiscard]] const AwsTarget& target() const { return target_; }

  /// The full argument vector: `aws <args…> [--region R] [--profile P] [--endpoint-url U]`.
  [[nodiscard]] std::vector<std::string> command(const std::vector<std::string>& args) const;

  /// Runs the command (in dry-run mode: prints it, prefixed by `note` as a `#` comment when
  /// given, and returns a success with empty output).
  process::RunResult run(const std::vector<std::string>& args, const process::RunOptions& options = {},
                         const std::string& note = {}) const;

  /// Runs a read-only call for real, even in dry-run mode, and returns its standard output;
  /// nullopt when it fails. Callers use it only outside dry-run, or for local lookups.
  [[nodiscard]] std::optional<std::string> query(const std::vector<std::string>& args) const;

  /// An argument never printed as given: a dry run shows `KEY=****` for the word `KEY=VALUE`
  /// (a NoEcho parameter's override). Only what is printed changes.
  void hide_argument(std::string word) const { hidden_.push_back(std::move(word)); }

 private:
  AwsTarget target_;
  bool dry_run_;
  std::ostream& out_;
  mutable std::vector<std::string> hidden_;
};

/// The non-empty lines of an `aws` error output, redacted, with the service's message pulled
/// out of a raw response the CLI could not parse (`b'{"__type": …, "message": …}'`).
[[nodiscard]] std::vector<std::string> aws_error_lines(const std::string& err);

}  // namespace formwork::deploy
