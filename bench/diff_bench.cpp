// Benchmark of `formwork diff`'s engine and formatters: two templates of 500 resources, and
// two apps of 20 stacks x 500 resources (10,000 resources), each pair with a realistic mix
// of changes. Prints wall time per step and the process's peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "diff/diff_engine.hpp"
#include "diff/format.hpp"

using nlohmann::ordered_json;
using namespace formwork::diff;

namespace {

// A stack of `count` resources in groups of five: queue, role with a policy, function,
// permission, log group. `variant` 1 changes some of them.
ordered_json make_template(int count, int variant) {
  ordered_json resources = ordered_json::object();
  for (int g = 0; g * 5 < count; ++g) {
    auto id = std::to_string(g);
    bool changed = variant == 1 && g % 10 == 3;
    resources["Queue" + id] = {{"Type", "AWS::SQS::Queue"},
                               {"Properties", {{"VisibilityTimeout", 30}, {"FifoQueue", variant == 1 && g % 50 == 7}}}};
    ordered_json statements = ordered_json::array();
    statements.push_back({{"Effect", "Allow"},
                          {"Action", ordered_json::array({"sqs:SendMessage", "sqs:GetQueueUrl"})},
                          {"Resource", {{"Fn::GetAtt", {"Queue" + id, "Arn"}}}}});
    if (variant == 1 && g % 25 == 11)
      statements.push_back({{"Effect", "Allow"}, {"Action", "s3:*"}, {"Resource", "*"}});
    resources["Role" + id] = {
        {"Type", "AWS::IAM::Role"},
        {"Properties",
         {{"AssumeRolePolicyDocument",
           {{"Statement", ordered_json::array({{{"Effect", "Allow"},
                                                {"Principal", {{"Service", "lambda.amazonaws.com"}}},
                                                {"Action", "sts:AssumeRole"}}})}}},
          {"Policies", ordered_json::array({{{"PolicyName", "Default"},
                                             {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", statements}}}}})},
          {"Tags", ordered_json::array({{{"Key", "team"}, {"Value", "orders"}}, {{"Key", "group"}, {"Value", id}}})}}}};
    std::string fn = variant == 1 && g % 40 == 5 ? "Worker" + id + "Renamed" : "Worker" + id;
    resources[fn] = {{"Type", "AWS::Lambda::Function"},
                     {"Properties",
                      {{"Handler", "index.handler"},
                       {"Runtime", "python3.12"},
                       {"MemorySize", changed ? 512 : 128},
                       {"Role", {{"Fn::GetAtt", {"Role" + id, "Arn"}}}},
                       {"Code", {{"ZipFile", "def handler(event, context):\n    return event\n"}}},
                       {"Environment", {{"Variables", {{"QUEUE_URL", {{"Ref", "Queue" + id}}}, {"GROUP", id}}}}}}}};
    if (!(variant == 1 && g % 30 == 2))  // some permissions removed
      resources["Invoke" + id] = {{"Type", "AWS::Lambda::Permission"},
                                  {"Properties",
                                   {{"Action", "lambda:InvokeFunction"},
                                    {"FunctionName", {{"Fn::GetAtt", {fn, "Arn"}}}},
                                    {"Principal", "sns.amazonaws.com"},
                                    {"SourceArn", "arn:aws:sns:us-east-1:123456789012:topic-" + id}}}};
    resources["Logs" + id] = {{"Type", "AWS::Logs::LogGroup"}, {"Properties", {{"RetentionInDays", changed ? 30 : 14}}}};
  }
  if (variant == 1)
    for (int k = 0; k < 5; ++k) resources["Added" + std::to_string(k)] = {{"Type", "AWS::SNS::Topic"}};
  return {{"AWSTemplateFormatVersion", "2010-09-09"},
          {"Resources", resources},
          {"Outputs", {{"Url", {{"Value", {{"Ref", variant == 1 ? "Queue1" : "Queue0"}}}}}}}};
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

void row(const char* what, double secs) { std::printf("| %-66s | %9.1f ms | %6ld MB |\n", what, secs * 1000, peak_rss_mb()); }

void bench(const char* label, int stacks, int resources_per_stack) {
  std::vector<ordered_json> before, after;
  for (int s = 0; s < stacks; ++s) {
    before.push_back(make_template(resources_per_stack, 0));
    after.push_back(make_template(resources_per_stack, 1));
  }
  auto start = std::chrono::steady_clock::now();
  DiffResult result;
  for (int s = 0; s < stacks; ++s)
    result.stacks.push_back(diff_templates("Stack" + std::to_string(s), &before[s], &after[s]));
  row((std::string(label) + ": diff").c_str(), seconds_since(start));
  for (auto [name, format] : std::vector<std::pair<const char*, std::function<std::string()>>>{
           {"text", [&] { return format_text(result); }},
           {"markdown", [&] { return format_markdown(result); }},
           {"json", [&] { return format_json(result); }}}) {
    start = std::chrono::steady_clock::now();
    auto text = format();
    row((std::string(label) + ": format " + name + " (" + std::to_string(text.size() / 1024) + " KiB)").c_str(),
        seconds_since(start));
  }
  std::printf("| %-66s | %s\n", (std::string(label) + ": summary").c_str(), result.summary().text().c_str());
}

}  // namespace

int main() {
  std::printf("| %-66s | %12s | %9s |\n|---|---:|---:|\n", "step", "wall time", "peak RSS");
  bench("2 templates x 500 resources", 1, 500);
  bench("2 apps x 20 stacks x 500 resources (10,000)", 20, 500);
  return 0;
}
