#pragma once

// What the reference stack tests share to lint a synthesized stack and deploy it to moto_server:
// the AWS CLI with JSON answers, cfn-lint on the rendered template, code assets uploaded to a
// moto S3 bucket, `cloudformation deploy`, and the deployed resources by logical ID.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process/process.hpp"
#include "constructs/core/synthesis.hpp"
#include "tests/support/tools.hpp"

namespace formwork::testing {

/// The template's Resources, parsed as unordered JSON (comparisons ignore key order).
[[nodiscard]] nlohmann::json resources_of(const SynthesizedStack& stack);

/// Runs `aws <args…> --output json` against moto and parses the answer; fails the test on error.
nlohmann::json aws_json(const MotoServer& moto, std::vector<std::string> args);

/// Runs a handler of examples/handlers/<folder> in python3 with `event` on its standard input,
/// its AWS calls going to moto, with `environment` added; returns what the handler returned,
/// and what it printed before in `log` when given. Fails the test when the handler fails.
nlohmann::json run_python_handler(const MotoServer& moto, const std::string& folder, const nlohmann::json& event,
                                  std::map<std::string, std::string> environment, std::string* log = nullptr);

/// Writes the rendered stack to `<directory>/<stack name>.yaml` and returns that path.
std::filesystem::path write_template(const TempDir& directory, const SynthesizedStack& stack);

/// cfn-lint on the rendered stack (written to a temporary file).
process::RunResult cfn_lint(const SynthesizedStack& stack);

/// `formwork lint` on the rendered stack (written to a temporary file).
process::RunResult formwork_lint(const SynthesizedStack& stack);

/// Checks that cfn-lint finds nothing in the rendered stack and `formwork lint` no error;
/// returns what `formwork lint` printed.
std::string check_lint_clean(const SynthesizedStack& stack);

/// Makes `bucket` and uploads each code asset of the stack (a resource's `formwork:asset`
/// metadata, {path, hash}) as formwork deploy does: the zipped directory under `<hash>.zip`.
/// Fails the test when the stack has no asset or an upload fails.
void upload_assets(const MotoServer& moto, const SynthesizedStack& stack, const std::string& bucket);

/// `aws cloudformation deploy` of the rendered stack under its name, with the IAM capabilities
/// and the given `Key=Value` parameter overrides; fails the test when the deploy fails.
void deploy(const MotoServer& moto, const SynthesizedStack& stack, std::vector<std::string> parameter_overrides = {});

/// Deletes the deployed stack and waits until it is gone.
void destroy(const MotoServer& moto, const SynthesizedStack& stack);

struct DeployedResources {
  std::map<std::string, std::string> physical;  ///< physical ID by logical ID
  int recorded_only = 0;  ///< resources moto lists without a logical ID
};

/// The deployed stack's resources from `list-stack-resources`. Checks that each is
/// CREATE_COMPLETE, that there are as many as in the template, that every resource has a
/// physical ID except those moto only records (SNS Subscription, Lambda EventInvokeConfig,
/// API Gateway Stage and Account, SQS queue and S3 bucket policies), which it lists without a
/// logical ID, and that their count
/// matches the template's resources of those types.
DeployedResources deployed_resources(const MotoServer& moto, const SynthesizedStack& stack);

}  // namespace formwork::testing
