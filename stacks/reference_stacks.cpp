#include "stacks/reference_stacks.hpp"

#include "stacks/async_square_api.hpp"
#include "stacks/blog_stack.hpp"
#include "stacks/lambda_async_dlq.hpp"
#include "stacks/sns_to_lambda.hpp"
#include "stacks/sqs_to_lambda.hpp"
#include "stacks/upload_pipeline.hpp"

namespace stacks {

void add_reference_stacks(formwork::App& app) {
  app.add<AsyncSquareApi>("AsyncSquareApi");
  app.add<BlogStack>("BlogStack");
  app.add<LambdaAsyncDlq>("LambdaAsyncDlq");
  app.add<SnsToLambda>("SnsToLambda");
  app.add<SqsToLambda>("SqsToLambda");
  app.add<UploadPipeline>("UploadPipeline");
}

}  // namespace stacks
