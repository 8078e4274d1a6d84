// Reading each modelled resource type's resolved properties into its spec, with AWS's ranges.
#include "local/model_specs.hpp"

#include <system_error>

#include "constructs/core/template_reader.hpp"

namespace formwork::local::detail {
namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

std::string name_of_function(const std::string& text) {
  // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
  if (text.rfind("arn:", 0) != 0) return text;
  std::size_t start = 0;
  for (int i = 0; i < 6 && start != std::string::npos; ++i) start = text.find(':', start) + 1;
  auto end = text.find(':', start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

Properties::Properties(Resolver& resolver, std::size_t stack, const std::string& logical_id, json resolved)
    : resolver_(resolver), stack_(stack), logical_id_(logical_id),
      pointer_("/Resources/" + json_pointer_escape(logical_id) + "/Properties"),
      values_(resolved.is_object() ? std::move(resolved) : json::object()) {}

void Properties::fail(const std::string& key, const std::string& message) const {
  resolver_.fail(stack_, pointer_ + "/" + key, logical_id_ + ": " + message);
}

std::optional<std::string> Properties::string(const std::string& key) const {
  if (!values_.contains(key)) return std::nullopt;
  const auto& v = values_[key];
  if (v.is_object() || v.is_array()) fail(key, key + " must be a string, got " + v.dump());
  return Resolver::to_text(v);
}

std::optional<int> Properties::integer(const std::string& key, long min, long max, const char* unit) const {
  if (!values_.contains(key)) return std::nullopt;
  const auto& v = values_[key];
  long value = 0;
  bool ok = false;
  if (v.is_number_integer()) {
    value = v.get<long>();
    ok = true;
  } else if (v.is_string()) {
    try {
      std::size_t used = 0;
      value = std::stol(v.get<std::string>(), &used);
      ok = used == v.get<std::string>().size();
    } catch (...) {
      ok = false;
    }
  }
  std::string range = std::to_string(min) + " and " + std::to_string(max) + (*unit ? std::string(" ") + unit : "");
  if (!ok) fail(key, key + " must be an integer between " + range + ", got " + v.dump());
  if (value < min || value > max) fail(key, key + " must be between " + range + ", got " + std::to_string(value));
  return static_cast<int>(value);
}

std::optional<bool> Properties::boolean(const std::string& key) const {
  if (!values_.contains(key)) return std::nullopt;
  const auto& v = values_[key];
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string() && (v == "true" || v == "false")) return v == "true";
  fail(key, key + " must be true or false, got " + v.dump());
}

json Properties::object(const std::string& key) const {
  if (!values_.contains(key)) return json();
  const auto& v = values_[key];
  if (v.is_string()) {  // RedrivePolicy, FilterPolicy: a JSON document given as text
    auto parsed = json::parse(v.get<std::string>(), nullptr, false);
    if (parsed.is_object()) return parsed;
  }
  if (!v.is_object()) fail(key, key + " must be an object, got " + v.dump());
  return v;
}

FunctionSpec read_function(Resolver& resolver, std::size_t stack, const std::string& logical_id, const Properties& p,
                           const json& metadata) {
  const auto& source = resolver.source(stack);
  const Identity& id = resolver.identity(stack, logical_id);
  FunctionSpec f;
  f.stack = source.stack_name;
  f.logical_id = logical_id;
  f.name = id.name;
  f.arn = function_arn(id.name);
  f.runtime = p.string("Runtime").value_or("");
  f.handler = p.string("Handler").value_or("");
  if (!f.runtime.empty() && f.handler.empty()) p.fail("Handler", "Handler is required for runtime " + f.runtime);
  f.timeout_seconds = p.integer("Timeout", 1, 900, "seconds").value_or(3);
  f.memory_size_mb = p.integer("MemorySize", 128, 10240, "MB").value_or(128);
  f.description = p.string("Description").value_or("");
  json environment = p.object("Environment");
  if (environment.is_object() && environment.contains("Variables")) {
    if (!environment["Variables"].is_object()) p.fail("Environment", "Environment.Variables must be an object");
    for (const auto& [key, value] : environment["Variables"].items())
      f.environment[key] = resolver.rewrite_api_urls(Resolver::to_text(value));
  }
  json dead_letter = p.object("DeadLetterConfig");
  if (dead_letter.is_object() && dead_letter.contains("TargetArn"))
    f.dead_letter_target_arn = Resolver::to_text(dead_letter["TargetArn"]);
  f.reserved_concurrency = p.integer("ReservedConcurrentExecutions", 0, 100000, "");
  json logging = p.object("LoggingConfig");
  f.log_group_name = logging.is_object() && logging.contains("LogGroup") ? Resolver::to_text(logging["LogGroup"])
                                                                          : "/aws/lambda/" + f.name;
  f.role_arn = p.string("Role").value_or("");

  json code = p.object("Code");
  if (code.is_object() && code.contains("ZipFile")) {
    f.code.kind = CodeLocation::Kind::Inline;
    f.code.inline_source = Resolver::to_text(code["ZipFile"]);
    return f;
  }
  std::string asset;
  if (metadata.is_object()) {
    if (metadata.contains("formwork:asset") && metadata["formwork:asset"].is_object())
      asset = metadata["formwork:asset"].value("path", "");
    else if (metadata.contains("aws:asset:path") && metadata["aws:asset:path"].is_string() &&
             metadata.value("aws:asset:property", std::string("Code")) == "Code")
      asset = metadata["aws:asset:path"].get<std::string>();
  }
  if (!asset.empty()) {
    std::vector<fs::path> roots = source.asset_roots;
    if (roots.empty()) roots.push_back(fs::current_path());
    std::string looked;
    for (const auto& root : roots) {
      fs::path candidate = fs::path(asset).is_absolute() ? fs::path(asset) : root / asset;
      std::error_code error;
      if (fs::is_directory(candidate, error)) {
        f.code.kind = CodeLocation::Kind::Directory;
        f.code.directory = fs::weakly_canonical(candidate, error);
        return f;
      }
      looked += (looked.empty() ? "" : ", ") + root.string();
    }
    f.code.description = "asset folder '" + asset + "' not found (looked in " + looked + ")";
  } else if (code.is_object() && code.contains("ImageUri")) {
    f.code.description = "container image " + Resolver::to_text(code["ImageUri"]);
  } else if (code.is_object() && code.contains("S3Key")) {
    f.code.description = "s3://" + Resolver::to_text(code.value("S3Bucket", json(""))) + "/" +
                         Resolver::to_text(code["S3Key"]) +
                         ", and the resource's Metadata names no asset folder (formwork:asset or aws:asset:path)";
  } else {
    f.code.description = "the Code property is missing";
  }
  return f;
}

EventInvokeConfigSpec read_event_invoke_config(const Properties& p, const std::string& stack, const std::string& logical_id) {
  EventInvokeConfigSpec c;
  c.stack = stack;
  c.logical_id = logical_id;
  c.function_name = name_of_function(p.string("FunctionName").value_or(""));
  c.qualifier = p.string("Qualifier").value_or("$LATEST");
  c.maximum_retry_attempts = p.integer("MaximumRetryAttempts", 0, 2, "").value_or(2);
  c.maximum_event_age_seconds = p.integer("MaximumEventAgeInSeconds", 60, 21600, "seconds").value_or(21600);
  json destinations = p.object("DestinationConfig");
  if (destinations.is_object()) {
    for (const char* key : {"OnSuccess", "OnFailure"}) {
      if (!destinations.contains(key) || !destinations[key].is_object() || !destinations[key].contains("Destination")) continue;
      std::string arn = Resolver::to_text(destinations[key]["Destination"]);
      (std::string(key) == "OnSuccess" ? c.on_success_arn : c.on_failure_arn) = arn;
    }
  }
  return c;
}

QueueSpec read_queue(Resolver& resolver, std::size_t stack, const std::string& logical_id, const Properties& p) {
  const Identity& id = resolver.identity(stack, logical_id);
  QueueSpec q;
  q.stack = resolver.source(stack).stack_name;
  q.logical_id = logical_id;
  q.name = id.name;
  q.arn = queue_arn(id.name);
  q.url = id.physical_id;
  q.visibility_timeout_seconds = p.integer("VisibilityTimeout", 0, 43200, "seconds").value_or(30);
  q.delay_seconds = p.integer("DelaySeconds", 0, 900, "seconds").value_or(0);
  q.message_retention_seconds = p.integer("MessageRetentionPeriod", 60, 1209600, "seconds").value_or(345600);
  q.maximum_message_size = p.integer("MaximumMessageSize", 1024, 1048576, "bytes").value_or(262144);
  q.receive_message_wait_seconds = p.integer("ReceiveMessageWaitTimeSeconds", 0, 20, "seconds").value_or(0);
  q.fifo = p.boolean("FifoQueue").value_or(false);
  q.content_based_deduplication = p.boolean("ContentBasedDeduplication").value_or(false);
  json redrive = p.object("RedrivePolicy");
  if (redrive.is_object()) {
    Properties r(resolver, stack, logical_id, redrive);
    RedrivePolicy policy;
    policy.dead_letter_target_arn = r.string("deadLetterTargetArn").value_or("");
    policy.max_receive_count = r.integer("maxReceiveCount", 1, 1000, "").value_or(10);
    if (policy.dead_letter_target_arn.empty()) p.fail("RedrivePolicy", "RedrivePolicy needs deadLetterTargetArn");
    q.redrive_policy = policy;
  }
  return q;
}

SubscriptionSpec read_subscription(const Properties& p, const std::string& stack, const std::string& logical_id,
                                   const std::string& arn) {
  SubscriptionSpec s;
  s.stack = stack;
  s.logical_id = logical_id;
  s.arn = arn;
  s.topic_arn = p.string("TopicArn").value_or("");
  s.protocol = p.string("Protocol").value_or("");
  s.endpoint = p.string("Endpoint").value_or("");
  s.raw_message_delivery = p.boolean("RawMessageDelivery").value_or(false);
  json filter = p.object("FilterPolicy");
  if (filter.is_object()) s.filter_policy = (filter);
  s.filter_policy_scope = p.string("FilterPolicyScope").value_or("MessageAttributes");
  json redrive = p.object("RedrivePolicy");
  if (redrive.is_object() && redrive.contains("deadLetterTargetArn"))
    s.redrive_dead_letter_arn = Resolver::to_text(redrive["deadLetterTargetArn"]);
  return s;
}

EventSourceMappingSpec read_event_source_mapping(const Properties& p, const std::string& stack,
                                                 const std::string& logical_id, const std::string& uuid) {
  EventSourceMappingSpec m;
  m.stack = stack;
  m.logical_id = logical_id;
  m.uuid = uuid;
  m.function_name = name_of_function(p.string("FunctionName").value_or(""));
  m.event_source_arn = p.string("EventSourceArn").value_or("");
  m.batch_size = p.integer("BatchSize", 1, 10000, "").value_or(10);
  m.maximum_batching_window_seconds = p.integer("MaximumBatchingWindowInSeconds", 0, 300, "seconds").value_or(0);
  m.enabled = p.boolean("Enabled").value_or(true);
  if (p.values().contains("FunctionResponseTypes")) {
    const auto& types = p.values()["FunctionResponseTypes"];
    if (!types.is_array()) p.fail("FunctionResponseTypes", "FunctionResponseTypes must be a list");
    for (const auto& type : types) m.report_batch_item_failures |= type == "ReportBatchItemFailures";
  }
  json scaling = p.object("ScalingConfig");
  if (scaling.is_object() && scaling.contains("MaximumConcurrency"))
    m.maximum_concurrency = std::stoi(Resolver::to_text(scaling["MaximumConcurrency"]));
  json filter = p.object("FilterCriteria");
  if (filter.is_object()) m.filter_criteria = (filter);
  return m;
}

ScheduleRuleSpec read_schedule(Resolver& resolver, std::size_t stack, const std::string& logical_id, const Properties& p) {
  const Identity& id = resolver.identity(stack, logical_id);
  ScheduleRuleSpec r;
  r.stack = resolver.source(stack).stack_name;
  r.logical_id = logical_id;
  r.name = id.name;
  r.arn = Resolver::to_text(id.attributes.at("Arn"));
  r.schedule_expression = p.string("ScheduleExpression").value_or("");
  r.enabled = p.string("State").value_or("ENABLED") != "DISABLED";
  if (p.values().contains("Targets")) {
    const auto& targets = p.values()["Targets"];
    if (!targets.is_array()) p.fail("Targets", "Targets must be a list");
    for (std::size_t i = 0; i < targets.size(); ++i) {
      Properties t(resolver, stack, logical_id, targets[i]);
      ScheduleTarget target;
      target.id = t.string("Id").value_or("");
      target.arn = t.string("Arn").value_or("");
      target.input = t.string("Input");
      target.input_path = t.string("InputPath");
      json dead_letter = t.object("DeadLetterConfig");
      if (dead_letter.is_object() && dead_letter.contains("Arn")) target.dead_letter_arn = Resolver::to_text(dead_letter["Arn"]);
      json retry = t.object("RetryPolicy");
      if (retry.is_object()) {
        Properties rp(resolver, stack, logical_id, retry);
        target.maximum_retry_attempts = rp.integer("MaximumRetryAttempts", 0, 185, "");
        target.maximum_event_age_seconds = rp.integer("MaximumEventAgeInSeconds", 60, 86400, "seconds");
      }
      r.targets.push_back(std::move(target));
    }
  }
  return r;
}

}  // namespace formwork::local::detail
