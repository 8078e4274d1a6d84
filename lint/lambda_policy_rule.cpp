// FW3004: a function's resource-based policy, made of its AWS::Lambda::Permission
// statements, must stay under Lambda's 20,480 bytes (aws-cdk#5774: one permission per API
// method, twice with test-invoke, overflows it).
#include <map>

#include "lint/rules.hpp"

namespace formwork::lint {
namespace {

constexpr std::size_t kPolicyLimitBytes = 20'480;

// Realistic upper lengths for values only known at deploy time, so the estimate errs high.
constexpr std::size_t kStackNameLength = 32;
constexpr std::size_t kPhysicalSuffixLength = 13;  // "-" + 12 random characters
constexpr std::size_t kFunctionNameLength = 64;    // Lambda's maximum
constexpr std::size_t kArnLength = 100;

std::size_t pseudo_length(const std::string& name) {
  if (name == "AWS::Region") return 14;  // ap-southeast-2
  if (name == "AWS::AccountId") return 12;
  if (name == "AWS::Partition") return 10;  // aws-us-gov
  if (name == "AWS::URLSuffix") return 16;  // amazonaws.com.cn
  if (name == "AWS::StackName") return kStackNameLength;
  return kArnLength;
}

std::size_t ref_length(const TemplateModel& model, const std::string& name) {
  if (TemplateModel::is_pseudo_parameter(name)) return pseudo_length(name);
  std::string type = model.type_of(name);
  if (type == "AWS::ApiGateway::RestApi" || type == "AWS::ApiGatewayV2::Api") return 10;
  if (type == "AWS::Lambda::Function") return kFunctionNameLength;
  return kArnLength;
}

std::size_t attribute_length(const std::string& attribute) {
  if (attribute == "RootResourceId" || attribute == "ApiId") return 10;
  return kArnLength;
}

// The length a value will have once CloudFormation resolves it.
std::size_t estimated_length(const TemplateModel& model, const Json& value) {
  if (value.is_string()) return value.get<std::string>().size();
  if (value.is_number()) return value.dump().size();
  if (!value.is_object() || value.size() != 1) return kArnLength;
  const std::string& key = value.begin().key();
  const Json& arg = value.begin().value();
  if (key == "Ref" && arg.is_string()) return ref_length(model, arg.get<std::string>());
  if (key == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 && arg[1].is_string())
    return attribute_length(arg[1].get<std::string>());
  if (key == "Fn::Join" && arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_array()) {
    std::size_t total = 0;
    for (const auto& part : arg[1]) total += estimated_length(model, part);
    if (!arg[1].empty()) total += arg[0].get<std::string>().size() * (arg[1].size() - 1);
    return total;
  }
  if (key == "Fn::Sub") {
    const Json& text = arg.is_array() && !arg.empty() ? arg[0] : arg;
    if (!text.is_string()) return kArnLength;
    const Json* variables = arg.is_array() && arg.size() > 1 && arg[1].is_object() ? &arg[1] : nullptr;
    std::size_t total = text.get<std::string>().size();
    for (const auto& variable : sub_variables(text.get<std::string>())) {
      total -= variable.size() + 3;  // "${…}"
      auto dot = variable.find('.');
      if (variables != nullptr && variables->contains(variable))
        total += estimated_length(model, (*variables)[variable]);
      else if (dot != std::string::npos)
        total += attribute_length(variable.substr(dot + 1));
      else
        total += ref_length(model, variable);
    }
    return total;
  }
  return kArnLength;
}

// The statement Lambda adds for one permission, with placeholders of the estimated lengths.
std::size_t statement_bytes(const TemplateModel& model, const std::string& id, const Json& props) {
  auto filler = [](std::size_t n) { return std::string(n, 'x'); };
  auto field = [&](const char* key) { return props.contains(key) ? estimated_length(model, props[key]) : 0; };
  Json principal;
  const Json& given = props.contains("Principal") ? props["Principal"] : Json("");
  if (given.is_string() && given.get<std::string>().find(".amazonaws.com") != std::string::npos)
    principal = {{"Service", given}};
  else
    principal = {
        {"AWS", filler(std::max<std::size_t>(estimated_length(model, given), 31))}};  // arn:aws:iam::123456789012:root
  Json statement = {
      {"Sid", filler(kStackNameLength + 1 + id.size() + kPhysicalSuffixLength)},
      {"Effect", "Allow"},
      {"Principal", principal},
      {"Action", filler(field("Action"))},
      {"Resource",
       filler(std::string("arn:aws-us-gov:lambda:ap-southeast-2:123456789012:function:").size() + kFunctionNameLength)},
  };
  Json condition = Json::object();
  if (props.contains("SourceArn")) condition["ArnLike"] = {{"AWS:SourceArn", filler(field("SourceArn"))}};
  if (props.contains("SourceAccount"))
    condition["StringEquals"] = {{"AWS:SourceAccount", filler(field("SourceAccount"))}};
  if (!condition.empty()) statement["Condition"] = condition;
  return statement.dump().size() + 1;  // and the comma between statements
}

}  // namespace

void check_lambda_policy_size(const TemplateModel& model, const LintOptions&, Report& report) {
  struct Policy {
    std::string pointer;
    std::string owner;
    std::size_t statements = 0;
    std::size_t bytes = std::string(R"({"Version":"2012-10-17","Id":"default","Statement":[]})").size();
  };
  std::map<std::string, Policy> policies;  // by function, or by the literal FunctionName
  std::vector<std::string> order;
  for (const auto& id : model.resources_of_type("AWS::Lambda::Permission")) {
    const Json& props = model.properties(id);
    if (!props.contains("FunctionName")) continue;
    auto functions = model.functions_in(props["FunctionName"]);
    std::string key = functions.empty() ? props["FunctionName"].dump() : functions.front();
    auto [it, added] = policies.try_emplace(key);
    if (added) {
      order.push_back(key);
      it->second.owner = functions.empty() ? id : functions.front();
      it->second.pointer = TemplateModel::resource_pointer(it->second.owner);
    }
    it->second.statements += 1;
    it->second.bytes += statement_bytes(model, id, props);
  }
  for (const auto& key : order) {
    const Policy& policy = policies[key];
    if (policy.bytes <= kPolicyLimitBytes) continue;
    report(
        policy.pointer, policy.owner,
        "the " + std::to_string(policy.statements) + " permissions for function " + key +
            " make a resource policy of about " + std::to_string(policy.bytes) +
            " bytes, over Lambda's limit of 20,480",
        "use one permission whose SourceArn covers them all (for an API: arn:...:execute-api:REGION:ACCOUNT:API_ID/*)");
  }
}

}  // namespace formwork::lint
