#pragma once

// Where the old side of a diff comes from: a folder of templates, a git revision, or the
// deployed stack. Each returns nullopt when the stack does not exist there (a new stack) and
// throws InputError or UsageError when it cannot tell.

#include <optional>
#include <string>

#include "constructs/core/template_reader.hpp"

namespace formwork::diff {

/// `directory/<stack>.yaml`, `.yml` or `.json`.
[[nodiscard]] std::optional<TemplateFile> read_from_directory(const std::string& directory, const std::string& stack);

/// `<directory>/<stack>.yaml` (or `.json`) as committed at `revision`, read with `git show`
/// in the current folder; no checkout. Throws UsageError outside a git repository or for an
/// unknown revision.
[[nodiscard]] std::optional<TemplateFile> read_from_git(const std::string& revision, const std::string& directory,
                                                        const std::string& stack);

struct AwsOptions {
  /// Default: the AWS CLI's own (AWS).
  std::string endpoint_url = {};
  /// Default: the AWS CLI's configured region.
  std::string region = {};
  /// Default: the AWS CLI's default profile.
  std::string profile = {};
};

/// The deployed stack's template, through `aws cloudformation get-template`.
[[nodiscard]] std::optional<TemplateFile> read_deployed(const std::string& stack, const AwsOptions& options);

/// Checks the shape diff relies on (sections are mappings, each resource a mapping with a
/// string Type) and throws InputError at the offending line otherwise.
void check_template_shape(const TemplateFile& file);

}  // namespace formwork::diff
