#pragma once

#include <string>
#include <vector>

namespace formwork {
struct SynthesizedStack;
}

namespace formwork::detail {

/// CloudFormation's limits on a synthesized template that no single construct sees: tags
/// (at most 50 a resource, keys 1 to 128 characters without the reserved `aws:` prefix,
/// values up to 256; IAM's narrower character set on IAM resources, as cfn-lint checks it),
/// output descriptions (1,024), parameter defaults (4,096 bytes) and the body (1 MB, the most
/// CloudFormation takes even from S3). One `[Stack/path] message` per problem.
[[nodiscard]] std::vector<std::string> template_limit_problems(const SynthesizedStack& stack, std::size_t body_bytes);

}  // namespace formwork::detail
