#pragma once

#include <ostream>
#include <string>

#include "deploy/aws_cli.hpp"

namespace formwork::deploy {

/// Deletes one stack with `aws cloudformation delete-stack`, then waits for
/// `stack-delete-complete`, showing its events as they arrive. A stack that is not deployed
/// is reported and skipped. Returns false after printing why the delete failed.
bool destroy_stack(const AwsCli& aws, const std::string& stack_name, std::ostream& out, std::ostream& err);

}  // namespace formwork::deploy
