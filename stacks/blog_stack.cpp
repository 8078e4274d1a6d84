#include "stacks/blog_stack.hpp"

#include "constructs/apigateway/lambda_rest_api.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/dynamodb/table.hpp"
#include "constructs/iam/policy_statement.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/s3/bucket.hpp"
#include "constructs/sns/topic.hpp"
#include "constructs/sns_subscriptions/lambda_subscription.hpp"
#include "constructs/sqs/queue.hpp"

namespace stacks {
using namespace formwork;

namespace {
constexpr const char* kStage = "dev";
}  // namespace

BlogStack::BlogStack(Construct& scope, std::string_view id, const StackProps& props)
    : Stack(scope, id, props.description.empty()
                           ? StackProps{.description = "The blog: a proxy REST API over posts (DynamoDB) and documents "
                                                       "(S3), and a listener counting the posts announced on a topic",
                                        .stack_name = props.stack_name}
                           : props) {
  // Tags::of is CDK's Tags.of: every taggable resource below the stack gets them.
  Tags::of(*this).add("project", "blog");
  Tags::of(*this).add("stage", kStage);

  auto& posts = add<dynamodb::Table>("Posts", {.partition_key = {.name = "id", .type = dynamodb::AttributeType::String}});
  auto& documents = add<s3::Bucket>("Documents", {.enforce_ssl = true});
  auto& topic = add<sns::Topic>("BlogEvents", {.display_name = "Blog events"});

  // SNS invokes Listener asynchronously: a message that fails every retry is kept, with the
  // error, in ListenerFailures (formwork lint flags an asynchronous function without one).
  auto& failures = add<sqs::Queue>("ListenerFailures", {.retention_period = Duration::days(14)});
  failures.resource().set_comment("Keeps, for 14 days, the BlogEvents messages Listener failed to count after 2 retries");
  lambda::SqsDestination on_failure(failures);

  auto& listener = add<lambda::Function>("Listener", {
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_asset("examples/handlers/blog_listener"),
      .memory_size_mb = 512,
      .timeout = Duration::seconds(10),
      .environment = {{"STAGE", kStage}, {"TABLE_NAME", posts.table_name()}},
      .description = "Counts, per day, the posts announced on BlogEvents",
      // CDK's initialPolicy: the one action it needs, on the table only.
      .initial_policy = {iam::PolicyStatement{.actions = {"dynamodb:UpdateItem"}, .resources = {posts.table_arn()}}},
      .log_retention_days = 5,
      .retry_attempts = 2,
      .on_failure = &on_failure,
  });
  topic.add_subscription(sns_subscriptions::LambdaSubscription(listener));

  auto& api_handler = add<lambda::Function>("Api", {
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_asset("examples/handlers/blog_api"),
      .memory_size_mb = 512,
      .timeout = Duration::seconds(10),
      .environment = {{"STAGE", kStage},
                      {"TABLE_NAME", posts.table_name()},
                      {"BUCKET_NAME", documents.bucket_name()},
                      {"TOPIC_ARN", topic.topic_arn()}},
      .description = "Serves the blog's REST API: posts in Posts, documents in Documents",
      .log_retention_days = 5,
  });
  documents.grant_read_write(api_handler);
  posts.grant_read_write_data(api_handler);
  topic.grant_publish(api_handler);

  auto& api = add<apigateway::LambdaRestApi>("BlogApi", {
      .handler = api_handler,
      .description = "The blog: every path and method goes to the Api function",
      .stage_name = kStage,
      // Documents travel as bytes: API Gateway base64-encodes these bodies for the function
      // and decodes the function's base64 answers.
      .binary_media_types = {"image/*", "application/pdf", "application/octet-stream"},
  });

  add<CfnOutput>("ApiUrl", {.value = api.url(), .description = "Base URL of the blog API (stage dev)"});
  add<CfnOutput>("TopicArn", {.value = topic.topic_arn(), .description = "ARN of the BlogEvents topic"});
  add<CfnOutput>("BucketName", {.value = documents.bucket_name(), .description = "The documents bucket"});
  add<CfnOutput>("TableName", {.value = posts.table_name(), .description = "The posts table"});
}

}  // namespace stacks
