#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "deploy/asset_publisher.hpp"
#include "deploy/aws_cli.hpp"
#include "constructs/core/synthesis.hpp"

namespace formwork::deploy {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

struct DeployOptions {
  /// Stack parameters; each stack gets those its template declares. Default: none.
  KeyValues parameters = {};
  /// Tags for every stack (and, through CloudFormation, its resources). Default: none.
  KeyValues tags = {};
  /// Bucket for code assets and templates over 51,200 bytes.
  /// Default: `formwork-assets-<account>-<region>`, created when missing.
  std::string assets_bucket = {};
  /// Create the change set and show it, without executing it. Default: execute.
  bool no_execute = false;
};

/// Templates over this size cannot go in the request body: `--s3-bucket` is needed.
inline constexpr std::size_t kMaxInlineTemplateBytes = 51'200;

/// `K=V` split at the first `=`; throws UsageError naming `option` when there is none, the
/// key is empty or starts with '-' (the AWS CLI would take it for an option), or (for
/// "--tags" and "--parameters") AWS's limits refuse it.
[[nodiscard]] std::pair<std::string, std::string> split_key_value(const std::string& text, const std::string& option);

/// What deploy checks beyond `formwork lint`, before anything is sent: that the code assets'
/// directories exist and that the template has the AssetsBucket parameter they need.
/// Returns one message per problem.
[[nodiscard]] std::vector<std::string> deploy_checks(const SynthesizedStack& stack);

/// The region `stack` deploys to: its `env` region when it has one, else `given` (--region,
/// possibly empty). Throws UsageError when both are set and differ.
[[nodiscard]] std::string stack_region(const SynthesizedStack& stack, const std::string& given);

/// `  Key = Value` for each output of a describe-stacks JSON answer (none when it has none).
[[nodiscard]] std::vector<std::string> format_outputs(const std::string& describe_stacks_json);

/// `  Modify   Queue  AWS::SQS::Queue  replacement: True` for each change of a
/// describe-change-set JSON answer; nullopt when the text is not such an answer.
[[nodiscard]] std::optional<std::vector<std::string>> format_changes(const std::string& describe_change_set_json);

/// Deploys stacks one by one with `aws cloudformation deploy`, showing their events as they
/// arrive and their outputs at the end.
class Deployer {
 public:
  Deployer(const AwsCli& aws, DeployOptions options, std::filesystem::path work_dir, std::ostream& out,
           std::ostream& err)
      : aws_(aws),
        options_(std::move(options)),
        work_dir_(std::move(work_dir)),
        assets_(aws, options_.assets_bucket, work_dir_, out),
        out_(out),
        err_(err) {}

  /// Packages the stack's assets, deploys its template (`body` is the rendered text) and
  /// reports. Returns false after printing why the deploy failed.
  bool deploy(const SynthesizedStack& stack, const std::string& body);

 private:
  [[nodiscard]] std::vector<std::string> deploy_arguments(const SynthesizedStack& stack,
                                                          const std::filesystem::path& template_file,
                                                          bool has_assets, std::size_t body_bytes);
  void show_outputs(const std::string& stack_name);
  void show_change_set(const std::string& deploy_output);
  /// When the stack's `env` names an account: nullopt when the credentials are for it, else why not.
  [[nodiscard]] std::optional<std::string> check_account(const SynthesizedStack& stack);
  bool fail(const std::string& stack_name, const std::string& message, const std::vector<std::string>& details);

  const AwsCli& aws_;
  DeployOptions options_;
  std::filesystem::path work_dir_;
  AssetPublisher assets_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace formwork::deploy
