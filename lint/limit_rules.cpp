// FW2xxx: CloudFormation quotas a template must stay within.
#include "lint/rules.hpp"

namespace formwork::lint {
namespace {

// CloudFormation quotas (cloudformation-limits.html; cfn-lint helpers.LIMITS).
constexpr std::size_t kDirectBodyBytes = 51'200;
constexpr std::size_t kS3BodyBytes = 1'000'000;
constexpr std::size_t kMaxResources = 500;
constexpr std::size_t kMaxOutputs = 200;
constexpr std::size_t kMaxParameters = 200;
constexpr std::size_t kMaxMappings = 200;
constexpr std::size_t kMaxNameLength = 255;

void check_count(const TemplateModel& model, Report& report, const std::string& section, std::size_t limit,
                 const std::string& what, const std::string& hint) {
  std::size_t count = model.section(section).size();
  if (count <= limit) return;
  report("/" + section, "",
         "template has " + std::to_string(count) + " " + what + ", over CloudFormation's limit of " +
             std::to_string(limit),
         hint);
}

}  // namespace

void check_body_needs_s3(const TemplateModel&, const LintOptions& options, Report& report) {
  if (!options.body_bytes || *options.body_bytes <= kDirectBodyBytes || *options.body_bytes > kS3BodyBytes) return;
  report("", "",
         "template is " + std::to_string(*options.body_bytes) +
             " bytes, over the 51,200 bytes CloudFormation accepts inline",
         "deploy it through S3: aws cloudformation deploy --s3-bucket BUCKET");
}

void check_body_too_large(const TemplateModel&, const LintOptions& options, Report& report) {
  if (!options.body_bytes || *options.body_bytes <= kS3BodyBytes) return;
  report("", "",
         "template is " + std::to_string(*options.body_bytes) + " bytes, over CloudFormation's limit of 1,000,000",
         "split the stack into nested or separate stacks");
}

void check_resource_count(const TemplateModel& model, const LintOptions&, Report& report) {
  check_count(model, report, "Resources", kMaxResources, "resources", "split the stack into nested or separate stacks");
}

void check_output_count(const TemplateModel& model, const LintOptions&, Report& report) {
  check_count(model, report, "Outputs", kMaxOutputs, "outputs", "remove outputs nothing reads, or split the stack");
}

void check_parameter_count(const TemplateModel& model, const LintOptions&, Report& report) {
  check_count(model, report, "Parameters", kMaxParameters, "parameters",
              "group values into fewer parameters (a CommaDelimitedList) or use SSM parameters");
}

void check_mapping_count(const TemplateModel& model, const LintOptions&, Report& report) {
  check_count(model, report, "Mappings", kMaxMappings, "mappings", "merge mappings, or split the stack");
}

void check_logical_ids(const TemplateModel& model, const LintOptions&, Report& report) {
  for (const char* section : {"Parameters", "Mappings", "Resources", "Outputs"}) {
    for (const auto& [name, unused] : model.section(section).items()) {
      bool alphanumeric = !name.empty();
      for (char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) alphanumeric = false;
      std::string pointer = "/" + std::string(section) + "/" + json_pointer_escape(name);
      std::string owner = std::string(section) == "Resources" ? name : "";
      if (!alphanumeric)
        report(pointer, owner, "name '" + name + "' in " + section + " is not alphanumeric (A-Za-z0-9)",
               "rename it using letters and digits only");
      else if (name.size() > kMaxNameLength)
        report(pointer, owner,
               "name in " + std::string(section) + " is " + std::to_string(name.size()) +
                   " characters, over the limit of 255",
               "shorten the name");
    }
  }
}

}  // namespace formwork::lint
