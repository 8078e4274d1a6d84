// The template model of the local cloud: the reference templates read into functions,
// queues, topics, ... with local names, ARNs and URLs; intrinsics; errors with file:line.
#include <catch2/catch.hpp>

#include "constructs/core/app.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/core/template_reader.hpp"
#include "local/model.hpp"
#include "stacks/reference_stacks.hpp"
#include "tests/local/runtime_support.hpp"

using namespace formwork;
using namespace formwork::local;
using formwork::local::testing::source_dir;

namespace {

CloudModel reference_model() {
  std::vector<TemplateSource> sources;
  for (const char* name : {"LambdaAsyncDlq", "AsyncSquareApi", "SnsToLambda", "SqsToLambda"})
    sources.push_back(template_source_from_file(source_dir() + "/templates/" + name + ".yaml"));
  return load_model(sources, {.endpoint_url = "http://127.0.0.1:9999/"});
}

TemplateSource inline_template(const std::string& name, const std::string& yaml) {
  TemplateFile file = parse_template(yaml, name + ".yaml");
  TemplateSource source{.stack_name = name, .file = file.path, .document = file.document, .lines = file.lines};
  return source;
}

std::string output(const CloudModel& model, const std::string& stack, const std::string& key) {
  for (const auto& o : model.find_stack(stack)->outputs)
    if (o.key == key) return o.value;
  return "<no output " + key + ">";
}

std::string load_error(const std::vector<TemplateSource>& sources) {
  try {
    (void)load_model(sources);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("the reference templates give their functions with code folders, settings and local ARNs", "[local][model]") {
  auto model = reference_model();
  REQUIRE(model.functions.size() == 5);
  const auto& simple = model.find_function_or_throw("SimpleFunc");
  CHECK(simple.stack == "LambdaAsyncDlq");
  CHECK(simple.arn == "arn:aws:lambda:us-east-1:123456789012:function:SimpleFunc");
  CHECK(simple.runtime == "python3.12");
  CHECK(simple.handler == "index.handler");
  CHECK(simple.timeout_seconds == 10);
  CHECK(simple.memory_size_mb == 128);
  REQUIRE(simple.code.kind == CodeLocation::Kind::Directory);
  CHECK(simple.code.directory == std::filesystem::weakly_canonical(source_dir() + "/examples/handlers/simple_func"));
  CHECK(simple.dead_letter_target_arn == "arn:aws:sqs:us-east-1:123456789012:DeadLetterQueue");
  CHECK(simple.log_group_name == "/aws/lambda/SimpleFunc");
  CHECK(simple.role_arn == "arn:aws:iam::123456789012:role/SimpleFuncServiceRole");

  const auto& echo = model.find_function_or_throw("Echo");
  CHECK(echo.code.kind == CodeLocation::Kind::Inline);
  CHECK(echo.code.inline_source.find("exports.handler = async (event)") != std::string::npos);
  CHECK(echo.environment == std::map<std::string, std::string>{{"STAGE", "prod"}});
  CHECK(echo.memory_size_mb == 512);
  CHECK(echo.log_group_name == "EchoLogGroup");

  const auto* config = model.find_event_invoke_config("SimpleFunc");
  REQUIRE(config != nullptr);
  CHECK(config->maximum_retry_attempts == 2);
  CHECK(config->maximum_event_age_seconds == 3600);
  const auto* square = model.find_event_invoke_config("Square");
  REQUIRE(square != nullptr);
  CHECK(square->maximum_event_age_seconds == 21600);
  CHECK(square->on_success_arn == "arn:aws:sqs:us-east-1:123456789012:async_get_square_fn_dest_queue");
  CHECK(square->on_failure_arn == "arn:aws:sqs:us-east-1:123456789012:async_get_square_fn_failed_queue");
}

TEST_CASE("queues, topics, subscriptions, mappings and schedules of the reference templates", "[local][model]") {
  auto model = reference_model();
  const auto* jobs = model.find_queue("Jobs");
  REQUIRE(jobs != nullptr);
  CHECK(jobs->url == "http://127.0.0.1:9999/123456789012/Jobs");
  CHECK(jobs->visibility_timeout_seconds == 180);
  CHECK(jobs->message_retention_seconds == 345600);
  REQUIRE(jobs->redrive_policy.has_value());
  CHECK(jobs->redrive_policy->dead_letter_target_arn == "arn:aws:sqs:us-east-1:123456789012:JobsDlq");
  CHECK(jobs->redrive_policy->max_receive_count == 3);
  CHECK(model.find_queue("http://localhost:1/123456789012/async_get_square_fn_dest_queue")->logical_id == "DestQueue");
  CHECK(model.find_queue("arn:aws:sqs:us-east-1:123456789012:JobsDlq")->message_retention_seconds == 1209600);
  CHECK(model.find_queue("nope") == nullptr);

  REQUIRE(model.topics.size() == 1);
  CHECK(model.topics[0].arn == "arn:aws:sns:us-east-1:123456789012:Notifications");
  REQUIRE(model.subscriptions.size() == 1);
  CHECK(model.subscriptions[0].protocol == "lambda");
  CHECK(model.subscriptions[0].endpoint == "arn:aws:lambda:us-east-1:123456789012:function:Echo");
  CHECK(model.subscriptions[0].topic_arn == model.topics[0].arn);
  CHECK_FALSE(model.subscriptions[0].raw_message_delivery);

  REQUIRE(model.event_source_mappings.size() == 1);
  const auto& esm = model.event_source_mappings[0];
  CHECK(esm.function_name == "Worker");
  CHECK(esm.event_source_arn == jobs->arn);
  CHECK(esm.batch_size == 10);
  CHECK(esm.maximum_batching_window_seconds == 0);
  CHECK(esm.enabled);
  CHECK(esm.report_batch_item_failures);
  CHECK(esm.uuid.size() == 36);

  REQUIRE(model.schedules.size() == 1);
  CHECK(model.schedules[0].schedule_expression == "rate(5 minutes)");
  CHECK(model.schedules[0].arn == "arn:aws:events:us-east-1:123456789012:rule/Schedule");
  CHECK(model.schedules[0].enabled);
  REQUIRE(model.schedules[0].targets.size() == 1);
  CHECK(model.schedules[0].targets[0].arn == "arn:aws:lambda:us-east-1:123456789012:function:Worker");
  CHECK_FALSE(model.schedules[0].targets[0].input.has_value());
}

TEST_CASE("stack outputs resolve to local URLs, ARNs and names", "[local][model]") {
  auto model = reference_model();
  CHECK(output(model, "LambdaAsyncDlq", "QueueUrl") == "http://127.0.0.1:9999/123456789012/DeadLetterQueue");
  CHECK(output(model, "SqsToLambda", "FunctionName") == "Worker");
  CHECK(output(model, "SnsToLambda", "TopicArn") == "arn:aws:sns:us-east-1:123456789012:Notifications");
  CHECK(output(model, "SnsToLambda", "ApiUrl") == "http://127.0.0.1:9999/restapis/api/prod/_user_request_/");
  CHECK(output(model, "AsyncSquareApi", "GetSquareApiUrl") ==
        "http://127.0.0.1:9999/restapis/squareapi/prod/_user_request_/square/{number}");
  CHECK(model.find_stack("SqsToLambda")->stack_id.rfind("arn:aws:cloudformation:us-east-1:123456789012:stack/SqsToLambda/", 0) == 0);
  // The parameter formwork deploy fills in has no value locally: said, not hidden.
  REQUIRE_FALSE(model.warnings.empty());
  CHECK(model.warnings[0].find("parameter AssetsBucket has no value and no Default") != std::string::npos);
  // API Gateway resources keep their resolved properties for local/apigateway.
  for (const auto* r : model.resources_of("AsyncSquareApi"))
    if (r->logical_id == "SquareApiSquareNumber") CHECK(r->properties["RestApiId"] == "squareapi");
  CHECK(model.unsupported.empty());
}

TEST_CASE("functions are found by name, logical ID, ARN, stack path and construct path", "[local][model]") {
  App app;
  stacks::add_reference_stacks(app);
  auto assembly = synthesize(app);
  std::vector<TemplateSource> sources;
  for (const auto& stack : assembly.stacks) sources.push_back(template_source_from_synthesized(stack));
  auto model = load_model(sources);
  for (const char* key : {"SimpleFunc", "LambdaAsyncDlq/SimpleFunc", "SimpleFunc/Resource",
                          "LambdaAsyncDlq/SimpleFunc/Resource", "arn:aws:lambda:us-east-1:123456789012:function:SimpleFunc",
                          "arn:aws:lambda:us-east-1:123456789012:function:SimpleFunc:$LATEST"}) {
    INFO(key);
    const auto* f = model.find_function(key);
    REQUIRE(f != nullptr);
    CHECK(f->logical_id == "SimpleFunc");
  }
  CHECK(model.find_function_or_throw("SimpleFunc").code.kind == CodeLocation::Kind::Directory);
  CHECK_THROWS_WITH(model.find_function_or_throw("Nope"),
                    "no function 'Nope' (functions: AsyncSquareApi/Square, BlogStack/Listener, BlogStack/Api, "
                    "LambdaAsyncDlq/SimpleFunc, SnsToLambda/Echo, SnsToLambda/Hello, SqsToLambda/Worker, "
                    "UploadPipeline/Ingest, UploadPipeline/Auditor) (UnknownFunction)");
}

TEST_CASE("intrinsics resolve: Sub, Join, Select, Split, If, FindInMap, ImportValue, parameters", "[local][model]") {
  auto producer = inline_template("Producer", R"(
Parameters:
  Stage: {Type: String, Default: dev}
  Names: {Type: CommaDelimitedList, Default: "a,b,c"}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Mappings:
  Sizes: {dev: {Memory: 256}, prod: {Memory: 1024}}
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${AWS::StackName}-orders-${Stage}"
      FifoQueue: true
  Extra:
    Type: AWS::SQS::Queue
    Condition: IsProd
Outputs:
  OrdersArn:
    Value: !GetAtt Orders.Arn
    Export: {Name: !Sub "${AWS::StackName}-OrdersArn"}
)");
  producer.parameters["Stage"] = "test";
  auto consumer = inline_template("Consumer", R"(
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Code: {ZipFile: "def handler(e, c): return 1"}
      MemorySize: !FindInMap [Sizes, dev, Memory]
      Environment:
        Variables:
          QUEUE: !ImportValue Producer-OrdersArn
          JOINED: !Join ["/", [!Ref AWS::Region, !Ref AWS::AccountId, "x"]]
          SECOND: !Select [1, !Split [",", "p,q,r"]]
          LITERAL: !Sub "${!NotAVariable} ${AWS::Region}"
          WHO_ELSE: !Sub ["${Who}-${Fn}", {Who: me}]
          PICK: !If [Never, "yes", "no"]
          ARN: !GetAtt Fn.Arn
Conditions:
  Never: !Equals [a, b]
Mappings:
  Sizes: {dev: {Memory: 256}}
)");
  auto model = load_model({producer, consumer});
  CHECK(model.find_queue("Producer-orders-test.fifo") != nullptr);
  CHECK(model.find_queue("Extra") == nullptr);  // its Condition is false
  CHECK(model.find_queue("Producer-orders-test.fifo")->fifo);
  const auto& fn = model.find_function_or_throw("Fn");
  CHECK(fn.memory_size_mb == 256);
  CHECK(fn.environment.at("QUEUE") == "arn:aws:sqs:us-east-1:123456789012:Producer-orders-test.fifo");
  CHECK(fn.environment.at("JOINED") == "us-east-1/123456789012/x");
  CHECK(fn.environment.at("SECOND") == "q");
  CHECK(fn.environment.at("LITERAL") == "${NotAVariable} us-east-1");
  CHECK(fn.environment.at("WHO_ELSE") == "me-Fn");
  CHECK(fn.environment.at("PICK") == "no");
  CHECK(fn.environment.at("ARN") == "arn:aws:lambda:us-east-1:123456789012:function:Fn");
  CHECK(fn.timeout_seconds == 3);
  CHECK(model.find_stack("Producer")->parameters.at("Names") == "a,b,c");
}

TEST_CASE("Fn::Sub with an unknown name and bad values fail with file:line and the allowed range", "[local][model]") {
  CHECK(load_error({inline_template("T", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                                         "      QueueName: !Sub \"${Nope}-x\"\n")}) ==
        "T.yaml:5: Ref to 'Nope', which is no resource or parameter of stack T");
  CHECK(load_error({inline_template("T", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                                         "      Runtime: python3.12\n      Handler: index.handler\n"
                                         "      Code: {ZipFile: x}\n      Timeout: 1000\n")}) ==
        "T.yaml:8: Fn: Timeout must be between 1 and 900 seconds, got 1000");
  CHECK(load_error({inline_template("T", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                                         "      VisibilityTimeout: soon\n")}) ==
        "T.yaml:5: Q: VisibilityTimeout must be an integer between 0 and 43200 seconds, got \"soon\"");
  CHECK(load_error({inline_template("T", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Out:\n    Type: AWS::SQS::Queue\n"
                                         "    Properties:\n      QueueName: !GetAtt Q.Nope\n")}) ==
        "T.yaml:7: Fn::GetAtt: AWS::SQS::Queue Q has no attribute Nope (attributes: Arn, QueueName, QueueUrl)");
  CHECK(load_error({inline_template("T", "Description: no resources\n")}) ==
        "T.yaml:1: not a CloudFormation template: no Resources section");
  CHECK(load_error({inline_template("A", "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n"),
                    inline_template("B", "Resources:\n  Other:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                                         "      QueueName: Jobs\n")}) ==
        "B.yaml:3: queue name 'Jobs' of B/Other is already used by A/Jobs (names are unique in the local cloud, "
        "as in one AWS account and region)");
}

TEST_CASE("resource types the local cloud does not run are listed, and code it cannot find is said", "[local][model]") {
  auto model = load_model({inline_template("T", R"(
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: java21
      Handler: example.Handler
      Code: {S3Bucket: bucket, S3Key: code.zip}
      Environment: {Variables: {TABLE: !Ref Table, TABLE_ARN: !GetAtt Table.Arn}}
  Cdk:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Code: {S3Bucket: bucket, S3Key: other.zip}
    Metadata:
      aws:asset:path: examples/handlers/hello_api
      aws:asset:property: Code
)")});
  REQUIRE(model.unsupported.size() == 1);
  CHECK(model.unsupported[0].type == "AWS::DynamoDB::Table");
  CHECK(model.unsupported[0].line == 4);  // where the resource's body starts
  const auto& fn = model.find_function_or_throw("Fn");
  CHECK(fn.environment.at("TABLE") == "Table");
  CHECK(fn.environment.at("TABLE_ARN") == "Table.Arn");
  CHECK(fn.code.kind == CodeLocation::Kind::Missing);
  CHECK(fn.code.description ==
        "s3://bucket/code.zip, and the resource's Metadata names no asset folder (formwork:asset or aws:asset:path)");
  // CDK's asset metadata, looked up from the current directory (the tests run at the repository root).
  const auto& cdk = model.find_function_or_throw("Cdk");
  CHECK(cdk.code.kind == CodeLocation::Kind::Directory);
  CHECK(cdk.code.directory.filename() == "hello_api");
}
