#include "local/model.hpp"

#include <algorithm>
#include <set>

#include "constructs/core/errors.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/core/template_reader.hpp"
#include "local/model_resolver.hpp"
#include "local/model_specs.hpp"

namespace formwork::local {
namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;
using detail::Properties;
using detail::Resolver;

std::string arn(std::string_view service, std::string_view resource) {
  return "arn:aws:" + std::string(service) + ":" + std::string(kRegion) + ":" + std::string(kAccountId) + ":" +
         std::string(resource);
}

std::string last_segment(std::string_view text, char separator) {
  auto at = text.rfind(separator);
  return std::string(at == std::string_view::npos ? text : text.substr(at + 1));
}

// Fails when `name` was already used by another resource of the same kind.
void claim_name(std::map<std::string, std::string>& names, const std::string& kind, const std::string& name,
                const std::string& owner, const Resolver& resolver, std::size_t stack, const std::string& logical_id) {
  auto [it, added] = names.emplace(name, owner);
  if (!added)
    resolver.fail(stack, "/Resources/" + json_pointer_escape(logical_id),
                  kind + " name '" + name + "' of " + owner + " is already used by " + it->second +
                      " (names are unique in the local cloud, as in one AWS account and region)");
}

void read_stack(Resolver& resolver, std::size_t stack, CloudModel& model, std::map<std::string, std::string>& names) {
  const auto& source = resolver.source(stack);
  const auto& document = source.document;
  if (!document.is_object() || !document.contains("Resources") || !document["Resources"].is_object() ||
      document["Resources"].empty())
    throw InputError(source.file, 1, 0, "not a CloudFormation template: no Resources section");

  StackSpec spec;
  spec.name = source.stack_name;
  spec.file = source.file;
  spec.description = document.value("Description", json("")).is_string() ? document.value("Description", "") : "";
  spec.stack_id = Resolver::to_text(resolver.resolve(stack, json{{"Ref", "AWS::StackId"}}, ""));
  spec.parameters = resolver.parameters(stack);

  for (const auto& [logical_id, resource] : document["Resources"].items()) {
    const std::string pointer = "/Resources/" + json_pointer_escape(logical_id);
    if (!resource.is_object() || !resource.contains("Type") || !resource["Type"].is_string())
      resolver.fail(stack, pointer, logical_id + ": a resource needs a Type");
    if (!resolver.included(stack, logical_id)) continue;
    const std::string type = resource["Type"].get<std::string>();
    const json raw = resource.contains("Properties") ? resource["Properties"] : json::object();
    const json metadata = resource.contains("Metadata") ? resource["Metadata"] : json();
    const auto& id = resolver.identity(stack, logical_id);

    ResourceSpec r;
    r.stack = source.stack_name;
    r.logical_id = logical_id;
    r.type = type;
    r.physical_id = id.physical_id;
    r.line = source.lines.count(pointer) ? source.lines.at(pointer) : 0;
    r.raw_properties = (raw);
    r.metadata = (metadata);
    if (auto path = source.construct_paths.find(logical_id); path != source.construct_paths.end()) {
      r.construct_path = path->second;
    } else if (metadata.is_object() && metadata.contains("aws:cdk:path") && metadata["aws:cdk:path"].is_string()) {
      r.construct_path = metadata["aws:cdk:path"].get<std::string>();
      if (r.construct_path.rfind(source.stack_name + "/", 0) == 0) r.construct_path.erase(0, source.stack_name.size() + 1);
    }
    json resolved;
    if (id.known) {
      resolved = resolver.resolve(stack, raw, pointer + "/Properties");
    } else {
      try {
        resolved = resolver.resolve(stack, raw, pointer + "/Properties");
      } catch (const InputError& e) {
        resolved = json();
        model.warnings.push_back(std::string(e.what()) + " (in a resource the local cloud does not run)");
      }
      model.unsupported.push_back({source.stack_name, logical_id, type, r.line});
    }
    r.properties = (resolved);
    Properties p(resolver, stack, logical_id, resolved);
    const std::string owner = source.stack_name + "/" + logical_id;

    if (type == "AWS::Lambda::Function") {
      FunctionSpec f = detail::read_function(resolver, stack, logical_id, p, metadata);
      f.construct_path = r.construct_path;
      f.line = r.line;
      claim_name(names, "function", f.name, owner, resolver, stack, logical_id);
      model.functions.push_back(std::move(f));
    } else if (type == "AWS::Lambda::EventInvokeConfig") {
      auto c = detail::read_event_invoke_config(p, source.stack_name, logical_id);
      c.line = r.line;
      model.event_invoke_configs.push_back(std::move(c));
    } else if (type == "AWS::SQS::Queue") {
      auto q = detail::read_queue(resolver, stack, logical_id, p);
      q.line = r.line;
      claim_name(names, "queue", q.name, owner, resolver, stack, logical_id);
      model.queues.push_back(std::move(q));
    } else if (type == "AWS::SNS::Topic") {
      TopicSpec t;
      t.stack = source.stack_name;
      t.logical_id = logical_id;
      t.name = id.name;
      t.arn = id.physical_id;
      t.display_name = p.string("DisplayName").value_or("");
      t.fifo = p.boolean("FifoTopic").value_or(false);
      t.line = r.line;
      claim_name(names, "topic", t.name, owner, resolver, stack, logical_id);
      if (resolved.contains("Subscription") && resolved["Subscription"].is_array()) {
        const auto& list = resolved["Subscription"];
        for (std::size_t i = 0; i < list.size(); ++i) {
          json props = list[i];
          props["TopicArn"] = t.arn;
          std::string sub_id = logical_id + ".Subscription[" + std::to_string(i) + "]";
          auto s = detail::read_subscription(Properties(resolver, stack, logical_id, props), source.stack_name, sub_id,
                                             t.arn + ":" + detail::uuid_from(owner + "/" + std::to_string(i)));
          s.line = r.line;
          model.subscriptions.push_back(std::move(s));
        }
      }
      model.topics.push_back(std::move(t));
    } else if (type == "AWS::SNS::Subscription") {
      auto s = detail::read_subscription(p, source.stack_name, logical_id, id.physical_id);
      s.line = r.line;
      model.subscriptions.push_back(std::move(s));
    } else if (type == "AWS::Lambda::EventSourceMapping") {
      auto m = detail::read_event_source_mapping(p, source.stack_name, logical_id, id.physical_id);
      m.line = r.line;
      model.event_source_mappings.push_back(std::move(m));
    } else if (type == "AWS::Events::Rule") {
      if (resolved.contains("ScheduleExpression")) {
        auto rule = detail::read_schedule(resolver, stack, logical_id, p);
        rule.line = r.line;
        model.schedules.push_back(std::move(rule));
      } else {
        model.rules_with_patterns.push_back(r);
      }
    }
    model.resources.push_back(std::move(r));
  }

  if (document.contains("Outputs") && document["Outputs"].is_object()) {
    for (const auto& [key, output] : document["Outputs"].items()) {
      const std::string pointer = "/Outputs/" + json_pointer_escape(key);
      if (!output.is_object() || !output.contains("Value")) resolver.fail(stack, pointer, "output " + key + " has no Value");
      if (output.contains("Condition") && output["Condition"].is_string() &&
          !Resolver::to_text(resolver.resolve(stack, json{{"Fn::If", {output["Condition"], true, false}}}, pointer)).compare("false"))
        continue;
      OutputSpec o;
      o.key = key;
      o.value = resolver.rewrite_api_urls(Resolver::to_text(resolver.resolve(stack, output["Value"], pointer + "/Value")));
      o.description = output.contains("Description") ? Resolver::to_text(resolver.resolve(stack, output["Description"], pointer)) : "";
      if (output.contains("Export") && output["Export"].is_object() && output["Export"].contains("Name"))
        o.export_name = Resolver::to_text(resolver.resolve(stack, output["Export"]["Name"], pointer + "/Export/Name"));
      spec.outputs.push_back(std::move(o));
    }
  }
  model.stacks.push_back(std::move(spec));
}

}  // namespace

std::string function_arn(std::string_view name) { return arn("lambda", "function:" + std::string(name)); }
std::string queue_arn(std::string_view name) { return arn("sqs", name); }
std::string topic_arn(std::string_view name) { return arn("sns", name); }
std::string queue_url(std::string_view endpoint_url, std::string_view name) {
  std::string base(endpoint_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + std::string(kAccountId) + "/" + std::string(name);
}

TemplateSource template_source_from_file(const std::string& path) {
  TemplateFile file = read_template(path);
  TemplateSource source;
  source.stack_name = fs::path(path).stem().string();
  source.file = path;
  source.document = std::move(file.document);
  source.lines = std::move(file.lines);
  std::error_code error;
  fs::path folder = fs::absolute(fs::path(path), error).parent_path();
  for (fs::path dir = folder; !dir.empty(); dir = dir.parent_path()) {
    source.asset_roots.push_back(dir);
    if (dir == dir.root_path()) break;
  }
  source.asset_roots.push_back(fs::current_path());
  return source;
}

TemplateSource template_source_from_synthesized(const SynthesizedStack& stack) {
  TemplateSource source;
  source.stack_name = stack.name;
  source.file = "stack " + stack.name;
  source.document = stack.document;
  source.asset_roots = {fs::current_path()};
  source.construct_paths = stack.construct_paths;
  return source;
}

CloudModel load_model(const std::vector<TemplateSource>& sources, const ModelOptions& options) {
  std::vector<TemplateSource> named = sources;
  for (auto& source : named)
    if (source.file.empty()) source.file = source.stack_name + ".template";
  Resolver resolver(named, options.endpoint_url);
  CloudModel model;
  model.endpoint_url = options.endpoint_url;
  while (!model.endpoint_url.empty() && model.endpoint_url.back() == '/') model.endpoint_url.pop_back();
  std::set<std::string> stack_names;
  std::map<std::string, std::string> names;
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (!stack_names.insert(named[i].stack_name).second)
      throw InputError(named[i].file, 0, 0, "a stack named " + named[i].stack_name + " is already loaded");
    read_stack(resolver, i, model, names);
  }
  for (const auto& warning : resolver.warnings()) model.warnings.push_back(warning);
  return model;
}

const FunctionSpec* CloudModel::find_function(std::string_view key) const {
  const FunctionSpec* match = nullptr;
  std::string wanted(key);
  // A qualified ARN (…:function:NAME:$LATEST) names the function.
  if (wanted.rfind("arn:aws:lambda:", 0) == 0) {
    std::size_t colons = std::count(wanted.begin(), wanted.end(), ':');
    if (colons == 7) wanted = wanted.substr(0, wanted.rfind(':'));
  }
  for (const auto& f : functions) {
    std::vector<std::string> names = {f.name, f.logical_id, f.arn, f.stack + "/" + f.logical_id};
    if (!f.construct_path.empty()) {
      std::string path = f.construct_path;
      names.push_back(path);
      names.push_back(f.stack + "/" + path);
      const std::string tail = "/Resource";
      if (path.size() > tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0) {
        path.erase(path.size() - tail.size());
        names.push_back(path);
        names.push_back(f.stack + "/" + path);
      }
    }
    if (std::find(names.begin(), names.end(), wanted) == names.end()) continue;
    if (match != nullptr && match != &f) return nullptr;
    match = &f;
  }
  return match;
}

const FunctionSpec& CloudModel::find_function_or_throw(std::string_view key) const {
  if (const auto* f = find_function(key)) return *f;
  std::string known;
  int matches = 0;
  for (const auto& f : functions) {
    known += (known.empty() ? "" : ", ") + f.stack + "/" + f.logical_id;
    if (f.name == key || f.logical_id == key) ++matches;
  }
  if (matches > 1)
    throw UsageError("AmbiguousFunction", "", "'" + std::string(key) + "' names more than one function; use STACK/LogicalId (" + known + ")");
  throw UsageError("UnknownFunction", "", "no function '" + std::string(key) + "' (functions: " + (known.empty() ? "none" : known) + ")");
}

const QueueSpec* CloudModel::find_queue(std::string_view key) const {
  std::string name = key.rfind("https://", 0) == 0 || key.rfind("http://", 0) == 0 ? last_segment(key, '/')
                     : key.rfind("arn:", 0) == 0                                 ? last_segment(key, ':')
                                                                                 : std::string(key);
  for (const auto& q : queues)
    if (q.name == name) return &q;
  for (const auto& q : queues)
    if (q.logical_id == name) return &q;
  return nullptr;
}

const TopicSpec* CloudModel::find_topic(std::string_view key) const {
  std::string name = key.rfind("arn:", 0) == 0 ? last_segment(key, ':') : std::string(key);
  for (const auto& t : topics)
    if (t.name == name) return &t;
  for (const auto& t : topics)
    if (t.logical_id == name) return &t;
  return nullptr;
}

const EventInvokeConfigSpec* CloudModel::find_event_invoke_config(std::string_view function_name) const {
  for (const auto& c : event_invoke_configs)
    if (c.function_name == function_name && (c.qualifier == "$LATEST" || c.qualifier.empty())) return &c;
  return nullptr;
}

const StackSpec* CloudModel::find_stack(std::string_view name) const {
  for (const auto& s : stacks)
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<const ResourceSpec*> CloudModel::resources_of(std::string_view stack) const {
  std::vector<const ResourceSpec*> out;
  for (const auto& r : resources)
    if (r.stack == stack) out.push_back(&r);
  return out;
}

}  // namespace formwork::local
