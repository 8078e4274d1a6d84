#include "stacks/async_square_api.hpp"

#include "constructs/apigateway/lambda_integration.hpp"
#include "constructs/apigateway/rest_api.hpp"
#include "constructs/core/cfn_output.hpp"
#include "constructs/lambda/function.hpp"
#include "constructs/lambda/sqs_destination.hpp"
#include "constructs/sqs/queue.hpp"

namespace stacks {
using namespace formwork;

namespace {

// The default integration response (no selection pattern) receives every answer that is not
// an error. Selection patterns of a Lambda non-proxy integration match the function's
// `errorMessage`, never Lambda's status code, so the 202 Lambda gives an `Event` invocation
// cannot be selected by a pattern. It is recognised instead by its empty body (a synchronous
// call always returns a JSON object), and the template overrides the status to 202.
constexpr const char* kSquareResponseTemplate =
    "#if(\"$!input.body\" == \"\")\n"
    "#set($context.responseOverride.status = 202)\n"
    "{\"status\": \"event received\"}\n"
    "#else\n"
    "$input.json('$')\n"
    "#end\n";

}  // namespace

AsyncSquareApi::AsyncSquareApi(Construct& scope, std::string_view id, const StackProps& props)
    : Stack(scope, id, props.description.empty()
                           ? StackProps{.description = "GET /square/{number}: a function that squares a number, "
                                                       "invoked synchronously or asynchronously as the client asks",
                                        .stack_name = props.stack_name}
                           : props) {
  auto& results = add<sqs::Queue>("DestQueue", {.queue_name = "async_get_square_fn_dest_queue"});
  // Asynchronous invocations are retried twice and then dropped unless the function has
  // somewhere to put them: the on-failure destination keeps the event, the error and the
  // request context for 14 days (a dead-letter queue would keep only the event).
  auto& failures = add<sqs::Queue>("FailedQueue", {.queue_name = "async_get_square_fn_failed_queue",
                                                   .retention_period = Duration::days(14)});
  lambda::SqsDestination on_success(results);
  lambda::SqsDestination on_failure(failures);

  auto& square = add<lambda::Function>("Square", {
      .runtime = lambda::Runtime::python_3_12(),
      .handler = "index.handler",
      .code = lambda::Code::from_asset("examples/handlers/square"),
      .memory_size_mb = 128,
      .timeout = Duration::seconds(10),
      .description = "Returns the square of the number in the request",
      .log_retention_days = 14,
      .on_success = &on_success,
      .on_failure = &on_failure,
  });

  auto& api = add<apigateway::RestApi>("SquareApi", {.description = "GET /square/{number}, sync or async"});
  api.root().resource_for_path("square/{number}").add_method(
      "GET",
      apigateway::LambdaIntegration(square, {
          .proxy = false,
          // `InvocationType: Event` -> asynchronous; absent or `RequestResponse` -> synchronous.
          .invocation_type = apigateway::InvocationType::from_header("InvocationType"),
          .request_templates = {{"application/json", R"json({"number": "$input.params('number')"})json"}},
          .integration_responses =
              {{.status_code = "200", .response_templates = {{"application/json", kSquareResponseTemplate}}},
               // The handler raises "number must be an integer, got …" for /square/abc.
               {.status_code = "400",
                .selection_pattern = "^number must be an integer.*",
                .response_templates = {{"application/json", R"json({"error": "$util.escapeJavaScript($input.path('$.errorMessage'))"})json"}}}},
          // Content types without a template get 415 instead of reaching the function raw.
          .passthrough_behavior = apigateway::PassthroughBehavior::WhenNoTemplates,
      }),
      {.request_parameters = {{"method.request.path.number", true}},
       .method_responses = {{.status_code = "200"}, {.status_code = "202"}, {.status_code = "400"}}});

  add<CfnOutput>("GetSquareApiUrl",
                 {.value = api.url_for("/square/{number}"),
                  .description = "GET with a number for {number}; add the header 'InvocationType: Event' for an "
                                 "asynchronous call"});
}

}  // namespace stacks
