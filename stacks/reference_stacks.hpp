#pragma once

#include "constructs/core/app.hpp"

namespace stacks {

/// Adds the reference stacks (AsyncSquareApi, BlogStack, LambdaAsyncDlq, SnsToLambda, SqsToLambda,
/// UploadPipeline).
void add_reference_stacks(formwork::App& app);

}  // namespace stacks
