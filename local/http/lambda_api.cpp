// Lambda's REST-JSON API: Invoke (RequestResponse, Event, DryRun), ListFunctions, GetFunction.

#include <nlohmann/json.hpp>

#include "local/cloud.hpp"
#include "local/http/api.hpp"
#include "local/ids.hpp"

namespace formwork::local::http {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::size_t kSyncLimit = 6291456;   // 6 MB
constexpr std::size_t kAsyncLimit = 1048576;  // 1 MB

HttpResponse lambda_error(int status, const std::string& type, const std::string& message) {
  auto response = json_response(status, {{"Type", "User"}, {"message", message}});
  response.headers.emplace_back("x-amzn-ErrorType", type);
  return response;
}

ojson configuration(const FunctionSpec& f) {
  ojson c;
  c["FunctionName"] = f.name;
  c["FunctionArn"] = f.arn;
  c["Runtime"] = f.runtime;
  c["Role"] = f.role_arn;
  c["Handler"] = f.handler;
  c["CodeSize"] = f.code.kind == CodeLocation::Kind::Inline ? f.code.inline_source.size() : 0;
  c["Description"] = f.description;
  c["Timeout"] = f.timeout_seconds;
  c["MemorySize"] = f.memory_size_mb;
  c["LastModified"] = "2026-01-01T00:00:00.000+0000";
  c["CodeSha256"] = "";
  c["Version"] = "$LATEST";
  if (!f.environment.empty()) {
    ojson variables = ojson::object();
    for (const auto& [key, value] : f.environment) variables[key] = value;
    c["Environment"] = {{"Variables", variables}};
  }
  if (f.dead_letter_target_arn) c["DeadLetterConfig"] = {{"TargetArn", *f.dead_letter_target_arn}};
  c["State"] = "Active";
  c["LastUpdateStatus"] = "Successful";
  c["PackageType"] = "Zip";
  c["Architectures"] = ojson::array({"x86_64"});
  c["LoggingConfig"] = {{"LogFormat", "Text"}, {"LogGroup", f.log_group_name}};
  return c;
}

std::string tail_base64(const std::vector<std::string>& logs) {
  std::string text;
  for (const auto& line : logs) text += line + "\n";
  if (text.size() > 4096) text = text.substr(text.size() - 4096);
  return base64_encode(text);
}

HttpResponse invoke(LocalCloud& cloud, const FunctionSpec& function, const HttpRequest& request) {
  auto type = apigateway::header_value(request.headers, "X-Amz-Invocation-Type").value_or("RequestResponse");
  if (type != "RequestResponse" && type != "Event" && type != "DryRun")
    return lambda_error(400, "InvalidParameterValueException",
                        "1 validation error detected: Value '" + type +
                            "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
  const std::string payload = request.body.empty() ? "{}" : request.body;
  const std::size_t limit = type == "Event" ? kAsyncLimit : kSyncLimit;
  if (request.body.size() > limit)
    return lambda_error(413, "RequestTooLargeException",
                        "Request must be smaller than " + std::to_string(limit) + " bytes for the InvokeFunction operation");
  auto parsed = nlohmann::json::parse(payload, nullptr, false);
  if (parsed.is_discarded())
    return lambda_error(400, "InvalidRequestContentException",
                        "Could not parse request body into json: Could not parse payload into json: Unexpected character: was expecting a JSON value");
  if (type == "DryRun") {
    HttpResponse response{.status = 204};
    response.headers = {{"x-amzn-RequestId", make_uuid()}};
    return response;
  }
  if (type == "Event") {
    auto id = cloud.invoke_async(function, payload);
    HttpResponse response{.status = 202};
    response.headers = {{"x-amzn-RequestId", id}, {"Content-Type", "application/json"}};
    return response;
  }
  auto outcome = cloud.invoke(function, payload);
  HttpResponse response{.status = 200, .body = outcome.payload};
  response.headers = {{"Content-Type", "application/json"},
                      {"x-amzn-RequestId", outcome.request_id},
                      {"X-Amz-Executed-Version", "$LATEST"}};
  if (!outcome.ok()) response.headers.emplace_back("X-Amz-Function-Error", "Unhandled");
  if (apigateway::header_value(request.headers, "X-Amz-Log-Type").value_or("") == "Tail")
    response.headers.emplace_back("X-Amz-Log-Result", tail_base64(outcome.logs));
  return response;
}

}  // namespace

HttpResponse handle_lambda(LocalCloud& cloud, const HttpRequest& request, const std::string& path) {
  // /2015-03-31/functions[/NAME[/invocations]]
  std::string rest = path.substr(std::string("/2015-03-31/functions").size());
  while (!rest.empty() && rest.front() == '/') rest.erase(0, 1);
  if (rest.empty()) {
    if (request.method != "GET") return lambda_error(405, "InvalidRequestException", "unsupported method");
    ojson functions = ojson::array();
    for (const auto& function : cloud.model().functions) functions.push_back(configuration(function));
    return json_response(200, {{"Functions", functions}});
  }
  auto slash = rest.find('/');
  std::string name = apigateway::url_decode(rest.substr(0, slash), false);
  std::string tail = slash == std::string::npos ? "" : rest.substr(slash + 1);
  while (!tail.empty() && tail.back() == '/') tail.pop_back();
  const auto* function = cloud.find_function(name);
  if (function == nullptr) {
    std::string arn = name.rfind("arn:", 0) == 0 ? name : function_arn(name);
    return lambda_error(404, "ResourceNotFoundException", "Function not found: " + arn);
  }
  if (tail == "invocations" && request.method == "POST") return invoke(cloud, *function, request);
  if (tail.empty() && request.method == "GET") {
    ojson body;
    body["Configuration"] = configuration(*function);
    body["Code"] = {{"RepositoryType", "S3"},
                    {"Location", function->code.kind == CodeLocation::Kind::Directory ? "file://" + function->code.directory.string()
                                                                                      : std::string("inline")}};
    if (function->reserved_concurrency)
      body["Concurrency"] = {{"ReservedConcurrentExecutions", *function->reserved_concurrency}};
    return json_response(200, body);
  }
  if (tail == "configuration" && request.method == "GET") return json_response(200, configuration(*function));
  return lambda_error(400, "InvalidRequestException",
                      "formwork serve answers Invoke, ListFunctions and GetFunction of Lambda, not " + request.method + " " + path);
}

}  // namespace formwork::local::http
