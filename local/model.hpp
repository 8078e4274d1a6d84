#pragma once

// The template model of the local cloud: what one or more CloudFormation templates say about
// functions, queues, topics, subscriptions, event source mappings, schedules, event invoke
// configs and outputs, with every intrinsic (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select,
// Fn::ImportValue, Fn::If, Fn::FindInMap, pseudo parameters) resolved to LOCAL names, ARNs
// and URLs.
//
// Local identities (documented in docs/local.md, "The template model"):
// - account 123456789012 (AWS's documentation account and moto's default, so the ARNs are the
//   ones `formwork deploy` to moto_server shows), region us-east-1, partition aws,
//   URL suffix amazonaws.com.
// - A resource's name is the name property the template sets (FunctionName, QueueName,
//   TopicName, Name, ...) and otherwise its LOGICAL ID (not CloudFormation's
//   `Stack-Id-RANDOM`), so `aws lambda invoke --function-name SimpleFunc` works. A name used
//   twice among the loaded stacks (same type) is an InputError naming both.
// - Function ARN  arn:aws:lambda:us-east-1:123456789012:function:NAME
//   Queue ARN     arn:aws:sqs:us-east-1:123456789012:NAME
//   Queue URL     ENDPOINT/123456789012/NAME                (Ref of a queue)
//   Topic ARN     arn:aws:sns:us-east-1:123456789012:NAME   (Ref of a topic)
//   Rule ARN      arn:aws:events:us-east-1:123456789012:rule/NAME
//   Role ARN      arn:aws:iam::123456789012:role/NAME
//   REST API id   the logical ID in lower case ("squareapi"), unique among the stacks
//   API URL       `https://ID.execute-api.us-east-1.amazonaws.com/STAGE/...` in a resolved
//                 string is rewritten to ENDPOINT/restapis/ID/STAGE/_user_request_/...
//                 (LocalStack's path form; the API Gateway part of `serve` routes it).
//   ENDPOINT is ModelOptions::endpoint_url (the base URL `formwork serve` listens on).
// - Ref/GetAtt of a resource type the model does not know resolves to the logical ID (Ref)
//   or "LOGICALID.Attribute" (GetAtt), and the resource is listed in `unsupported`.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork {
struct SynthesizedStack;
}

namespace formwork::local {

inline constexpr std::string_view kAccountId = "123456789012";
inline constexpr std::string_view kRegion = "us-east-1";
/// The endpoint assumed when none is given (LocalStack's port; `formwork invoke` runs no server).
inline constexpr std::string_view kDefaultEndpoint = "http://127.0.0.1:4566";

/// One template to load.
struct TemplateSource {
  /// The stack name: a synthesized stack's name, or the file's stem ("templates/X.yaml" -> "X").
  std::string stack_name;
  /// Shown in messages (`file:line: ...`). Default: "<stack_name>.template".
  std::string file = {};
  /// The template in long form (as constructs/core/template_reader.hpp or synthesis gives it).
  nlohmann::ordered_json document;
  /// JSON pointer -> line, for messages. Default: no line numbers.
  std::map<std::string, int> lines = {};
  /// Folders an asset path of the template's Metadata (`formwork:asset` path or CDK's
  /// `aws:asset:path`) is looked up in, first match wins. Default: the current directory.
  std::vector<std::filesystem::path> asset_roots = {};
  /// Logical ID -> construct path inside the stack ("SimpleFunc/Resource"), so functions can be
  /// found by construct path. Default: read from the resources' `aws:cdk:path` Metadata only.
  std::map<std::string, std::string> construct_paths = {};
  /// Values of the template's Parameters. Default: each parameter's Default; a parameter with
  /// neither resolves to its own name and is listed in CloudModel::warnings.
  std::map<std::string, std::string> parameters = {};
};

/// Reads a template file (YAML or JSON) into a TemplateSource: stack name = file stem, asset
/// roots = the file's folder and each of its parent folders, then the current directory.
/// Throws InputError (`file:line:column: ...`) when it cannot be read or parsed.
[[nodiscard]] TemplateSource template_source_from_file(const std::string& path);

/// A stack synthesized from the app's construct tree: stack name, document, construct paths;
/// asset paths are looked up in the current directory (where the app synthesizes).
[[nodiscard]] TemplateSource template_source_from_synthesized(const SynthesizedStack& stack);

struct ModelOptions {
  /// Base URL queue URLs and API URLs point to. Default: kDefaultEndpoint.
  std::string endpoint_url = std::string(kDefaultEndpoint);
};

/// Every resource of every stack, as `list-stack-resources` and the API Gateway part need it.
struct ResourceSpec {
  std::string stack;
  std::string logical_id;
  std::string type;                 ///< "AWS::SQS::Queue"
  std::string physical_id;          ///< what Ref gives (a queue's URL, a function's name, ...)
  std::string construct_path;       ///< "SimpleFunc/Resource", or "" when unknown
  int line = 0;                     ///< line of the resource in its file, 0 when unknown
  nlohmann::ordered_json properties;        ///< Properties with every intrinsic resolved (local values)
  nlohmann::ordered_json raw_properties;    ///< Properties as written (long-form intrinsics)
  nlohmann::ordered_json metadata;          ///< the resource's Metadata as written (object or null)
};

/// Where a function's code is.
struct CodeLocation {
  enum class Kind {
    Inline,     ///< Code.ZipFile: written as index.py / index.js (CommonJS) by the runtime
    Directory,  ///< an asset folder found through the resource's Metadata
    Missing,    ///< S3 code whose folder the template does not name, or a folder not found
  };
  Kind kind = Kind::Missing;
  std::string inline_source = {};            ///< Inline: the source text
  std::filesystem::path directory = {};      ///< Directory: absolute path of the folder
  std::string description = {};              ///< Missing: why ("s3://bucket/key, no asset path")
};

struct FunctionSpec {
  std::string stack;
  std::string logical_id;
  std::string construct_path;  ///< "SimpleFunc/Resource" or ""
  std::string name;            ///< FunctionName, else the logical ID
  std::string arn;             ///< unqualified: arn:aws:lambda:us-east-1:123456789012:function:NAME
  std::string runtime;         ///< "python3.12", "nodejs22.x", "java21", "" (container image)
  std::string handler;         ///< "index.handler"
  CodeLocation code;
  int timeout_seconds = 3;          ///< Default: 3, as Lambda
  int memory_size_mb = 128;         ///< Default: 128, as Lambda
  std::string description;
  std::map<std::string, std::string> environment;  ///< Environment.Variables, resolved
  std::optional<std::string> dead_letter_target_arn;  ///< DeadLetterConfig.TargetArn
  std::optional<int> reserved_concurrency;            ///< ReservedConcurrentExecutions
  std::string log_group_name;   ///< LoggingConfig.LogGroup, else /aws/lambda/NAME
  std::string role_arn;         ///< Role, resolved
  int line = 0;
};

/// AWS::Lambda::EventInvokeConfig (only `$LATEST` / unqualified ones apply to invocations).
struct EventInvokeConfigSpec {
  std::string stack;
  std::string logical_id;
  std::string function_name;          ///< resolved FunctionName (a name, as Ref gives)
  std::string qualifier = "$LATEST";
  int maximum_retry_attempts = 2;           ///< 0-2. Default: 2
  int maximum_event_age_seconds = 21600;    ///< 60-21600. Default: 21600 (6 hours)
  std::optional<std::string> on_success_arn;  ///< DestinationConfig.OnSuccess.Destination
  std::optional<std::string> on_failure_arn;  ///< DestinationConfig.OnFailure.Destination
  int line = 0;
};

struct RedrivePolicy {
  std::string dead_letter_target_arn;
  int max_receive_count = 0;
};

struct QueueSpec {
  std::string stack;
  std::string logical_id;
  std::string name;   ///< QueueName, else the logical ID (".fifo" kept for FIFO queues)
  std::string arn;
  std::string url;    ///< ENDPOINT/123456789012/NAME
  int visibility_timeout_seconds = 30;       ///< Default: 30
  int delay_seconds = 0;                     ///< Default: 0
  int message_retention_seconds = 345600;    ///< Default: 4 days
  int maximum_message_size = 262144;         ///< Default: 256 KiB
  int receive_message_wait_seconds = 0;      ///< Default: 0
  std::optional<RedrivePolicy> redrive_policy;
  bool fifo = false;
  bool content_based_deduplication = false;
  int line = 0;
};

struct TopicSpec {
  std::string stack;
  std::string logical_id;
  std::string name;   ///< TopicName, else the logical ID
  std::string arn;
  std::string display_name;
  bool fifo = false;
  int line = 0;
};

/// AWS::SNS::Subscription, and the inline `Subscription` list of an AWS::SNS::Topic.
struct SubscriptionSpec {
  std::string stack;
  std::string logical_id;   ///< for an inline one: "TOPICID.Subscription[N]"
  std::string arn;          ///< TOPICARN:LOGICALID (deterministic)
  std::string topic_arn;
  std::string protocol;     ///< "lambda", "sqs", ... as written
  std::string endpoint;     ///< resolved: a function ARN, a queue ARN, ...
  bool raw_message_delivery = false;
  std::optional<nlohmann::ordered_json> filter_policy;   ///< FilterPolicy (object)
  std::string filter_policy_scope = "MessageAttributes";  ///< or "MessageBody"
  std::optional<std::string> redrive_dead_letter_arn;    ///< RedrivePolicy.deadLetterTargetArn
  int line = 0;
};

struct EventSourceMappingSpec {
  std::string stack;
  std::string logical_id;
  std::string uuid;              ///< deterministic, from stack and logical ID
  std::string function_name;     ///< resolved FunctionName (name or ARN as written; use find_function)
  std::string event_source_arn;
  int batch_size = 10;                          ///< Default: 10
  int maximum_batching_window_seconds = 0;      ///< Default: 0
  bool enabled = true;                          ///< Default: true
  bool report_batch_item_failures = false;      ///< FunctionResponseTypes has ReportBatchItemFailures
  std::optional<int> maximum_concurrency;       ///< ScalingConfig.MaximumConcurrency
  std::optional<nlohmann::ordered_json> filter_criteria;  ///< FilterCriteria as resolved
  int line = 0;
};

struct ScheduleTarget {
  std::string id;
  std::string arn;                       ///< resolved target ARN (a function, queue, topic ...)
  std::optional<std::string> input;      ///< Input: JSON text sent instead of the event
  std::optional<std::string> input_path; ///< InputPath as written
  std::optional<std::string> dead_letter_arn;   ///< DeadLetterConfig.Arn
  std::optional<int> maximum_retry_attempts;     ///< RetryPolicy.MaximumRetryAttempts
  std::optional<int> maximum_event_age_seconds;  ///< RetryPolicy.MaximumEventAgeInSeconds
};

/// AWS::Events::Rule with a ScheduleExpression (rules with only an EventPattern are in
/// `rules_with_patterns` of the model, not here).
struct ScheduleRuleSpec {
  std::string stack;
  std::string logical_id;
  std::string name;                 ///< Name, else the logical ID
  std::string arn;
  std::string schedule_expression;  ///< "rate(5 minutes)", "cron(0 12 * * ? *)"
  bool enabled = true;              ///< State != DISABLED
  std::vector<ScheduleTarget> targets;
  int line = 0;
};

struct OutputSpec {
  std::string key;
  std::string value;        ///< resolved (a list is joined with ",", as CloudFormation shows it)
  std::string description;
  std::string export_name;  ///< "" when not exported
};

/// A resource whose type the local cloud neither runs nor needs (IAM roles and policies,
/// log groups, permissions and API Gateway types are "known" and not listed here).
struct UnsupportedResource {
  std::string stack;
  std::string logical_id;
  std::string type;
  int line = 0;
};

struct StackSpec {
  std::string name;
  std::string file;
  std::string description;
  std::string stack_id;  ///< arn:aws:cloudformation:us-east-1:123456789012:stack/NAME/<deterministic uuid>
  std::vector<OutputSpec> outputs;
  std::map<std::string, std::string> parameters;  ///< resolved parameter values
};

/// Everything the loaded templates describe. Lists keep template order, stacks in load order.
struct CloudModel {
  std::string endpoint_url;
  std::vector<StackSpec> stacks;
  std::vector<ResourceSpec> resources;
  std::vector<FunctionSpec> functions;
  std::vector<EventInvokeConfigSpec> event_invoke_configs;
  std::vector<QueueSpec> queues;
  std::vector<TopicSpec> topics;
  std::vector<SubscriptionSpec> subscriptions;
  std::vector<EventSourceMappingSpec> event_source_mappings;
  std::vector<ScheduleRuleSpec> schedules;
  std::vector<ResourceSpec> rules_with_patterns;  ///< AWS::Events::Rule without schedule
  std::vector<UnsupportedResource> unsupported;
  std::vector<std::string> warnings;  ///< "file:line: ..." notes (unresolved parameters, ...)

  /// A function by name, logical ID, ARN (qualified or not), "STACK/LogicalId", construct path
  /// ("SimpleFunc", "SimpleFunc/Resource") or "STACK/construct/path"; nullptr if none or
  /// ambiguous (see find_function_or_throw for the message).
  [[nodiscard]] const FunctionSpec* find_function(std::string_view key) const;
  /// As find_function, but throws UsageError("UnknownFunction" / "AmbiguousFunction") naming
  /// the key and the functions there are.
  [[nodiscard]] const FunctionSpec& find_function_or_throw(std::string_view key) const;
  /// A queue by name, logical ID, ARN or URL (any host: only the last path segment counts).
  [[nodiscard]] const QueueSpec* find_queue(std::string_view key) const;
  /// A topic by name, logical ID or ARN.
  [[nodiscard]] const TopicSpec* find_topic(std::string_view key) const;
  /// The EventInvokeConfig of a function (by its name), or nullptr (then Lambda's defaults apply).
  [[nodiscard]] const EventInvokeConfigSpec* find_event_invoke_config(std::string_view function_name) const;
  [[nodiscard]] const StackSpec* find_stack(std::string_view name) const;
  /// Resources of a stack, in template order.
  [[nodiscard]] std::vector<const ResourceSpec*> resources_of(std::string_view stack) const;
};

/// Loads the templates (in order; Fn::ImportValue may name an export of any of them).
/// Throws InputError (`file:line: message`) for a template that is not a CloudFormation
/// template, an intrinsic that cannot be resolved (unknown logical ID, bad arguments), a
/// property with a wrong type or a value out of AWS's range (Timeout 1-900, ...), or a name
/// used twice.
[[nodiscard]] CloudModel load_model(const std::vector<TemplateSource>& sources, const ModelOptions& options = {});

/// ARN helpers with the local account and region.
[[nodiscard]] std::string function_arn(std::string_view name);
[[nodiscard]] std::string queue_arn(std::string_view name);
[[nodiscard]] std::string topic_arn(std::string_view name);
/// ENDPOINT/123456789012/NAME (no trailing slash on the endpoint expected; one is removed).
[[nodiscard]] std::string queue_url(std::string_view endpoint_url, std::string_view name);

}  // namespace formwork::local
