// FW3006: a function reading a DynamoDB or Kinesis stream without an on-failure destination.
#include "lint/rules.hpp"

namespace formwork::lint {
namespace {

const Json& at(const Json& object, const std::string& key) {
  static const Json null_value;
  if (!object.is_object()) return null_value;
  auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

}  // namespace

void check_stream_failure_destination(const TemplateModel& model, const LintOptions&, Report& report) {
  for (const auto& id : model.resources_of_type("AWS::Lambda::EventSourceMapping")) {
    const Json& props = model.properties(id);
    std::string source;
    std::string what;
    for (const auto& resource : model.referenced_resources(at(props, "EventSourceArn"))) {
      const std::string type = model.type_of(resource);
      if (type == "AWS::DynamoDB::Table") what = "the stream of DynamoDB table ";
      if (type == "AWS::Kinesis::Stream") what = "Kinesis stream ";
      if (!what.empty()) {
        source = resource;
        break;
      }
    }
    if (source.empty() || !at(at(at(props, "DestinationConfig"), "OnFailure"), "Destination").is_null()) continue;
    const auto retries = as_number(at(props, "MaximumRetryAttempts"));
    const bool unbounded = !retries || *retries < 0;
    report(TemplateModel::resource_pointer(id), id,
           "event source mapping " + id + " reads " + what + source + " without an on-failure destination: " +
               (unbounded ? "a record the function cannot process is retried until it expires (24 hours for a "
                            "DynamoDB stream), blocking its shard, and is then lost without a trace"
                          : "a batch that fails every retry is skipped without a trace"),
           "add DestinationConfig.OnFailure.Destination (an SQS queue or SNS topic) to " + id +
               (unbounded ? ", and bound MaximumRetryAttempts or MaximumRecordAgeInSeconds" : ""));
  }
}

}  // namespace formwork::lint
