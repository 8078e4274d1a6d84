#include "constructs/core/synthesis.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <queue>
#include <set>


#include "constructs/core/app.hpp"
#include "constructs/core/cfn_element.hpp"
#include "constructs/core/cfn_resource.hpp"
#include "constructs/core/detail/resource_checks.hpp"
#include "constructs/core/detail/template_limits.hpp"
#include "constructs/core/errors.hpp"
#include "constructs/core/logical_ids.hpp"
#include "constructs/core/resolver.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/yaml_writer.hpp"

namespace formwork {

using nlohmann::ordered_json;

namespace {

// CloudFormation quotas checked at synthesis.
constexpr std::size_t kMaxResources = 500;
constexpr std::size_t kMaxOutputs = 200;
constexpr std::size_t kMaxParameters = 200;
constexpr std::size_t kMaxMappings = 200;

const char* section_key(Section section) {
  switch (section) {
    case Section::Parameters: return "Parameters";
    case Section::Mappings: return "Mappings";
    case Section::Conditions: return "Conditions";
    case Section::Resources: return "Resources";
    case Section::Outputs: return "Outputs";
  }
  return "Resources";
}

std::string path_inside(const CfnElement& element) {
  std::string full = element.node().path();
  std::string stack = element.stack().node().path();
  return full.size() > stack.size() ? full.substr(stack.size() + 1) : full;
}

void prepare(Construct& construct) {
  for (const auto& child : construct.node().children()) prepare(*child);
  construct.prepare();
}

std::vector<std::string> validate(App& app) {
  std::vector<std::string> errors;
  app.node().for_each([&](Construct& c) {
    for (const auto& validation : c.node().validations())
      for (const auto& message : validation()) errors.push_back("[" + c.node().path() + "] " + message);
  });
  std::set<std::string> names;
  for (Stack* stack : app.stacks()) {
    if (!names.insert(stack->stack_name()).second)
      errors.push_back("[" + stack->node().path() + "] stack name '" + stack->stack_name() + "' is used by two stacks");
    std::map<std::string, const CfnElement*> ids;
    std::size_t counts[5] = {0, 0, 0, 0, 0};
    for (const CfnElement* element : stack->elements()) {
      ++counts[static_cast<int>(element->section())];
      std::string id = element->logical_id();
      if (!is_valid_logical_id(id))
        errors.push_back("[" + element->node().path() + "] logical ID '" + id +
                         "' must be 1 to 255 characters, A-Z a-z 0-9 only");
      auto [it, inserted] = ids.emplace(id, element);
      if (!inserted)
        errors.push_back("[" + element->node().path() + "] logical ID '" + id + "' is already used by " +
                         it->second->node().path() + "; rename one construct or use override_logical_id");
    }
    auto limit = [&](Section section, std::size_t max, const char* what) {
      std::size_t n = counts[static_cast<int>(section)];
      if (n > max)
        errors.push_back("[" + stack->node().path() + "] a template has at most " + std::to_string(max) + " " + what +
                         ", got " + std::to_string(n));
    };
    limit(Section::Resources, kMaxResources, "resources");
    limit(Section::Outputs, kMaxOutputs, "outputs");
    limit(Section::Parameters, kMaxParameters, "parameters");
    limit(Section::Mappings, kMaxMappings, "mappings");
  }
  return errors;
}

// Of the nodes Kahn's algorithm left, the ones on a cycle: a node none of the others
// depends on only follows a cycle, so it is dropped until none is left to drop.
std::vector<bool> on_cycle(const std::vector<std::vector<std::size_t>>& users, std::vector<bool> left) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < left.size(); ++i) {
      if (!left[i]) continue;
      bool used = std::any_of(users[i].begin(), users[i].end(), [&](std::size_t u) { return left[u]; });
      if (!used) left[i] = false, changed = true;
    }
  }
  return left;
}

// Logical IDs of this template's resources that `value` refers to through Ref, GetAtt or Sub.
void collect_references(const ordered_json& value, const ordered_json& resources, std::set<std::string>& out) {
  if (value.is_object()) {
    if (value.size() == 1) {
      const std::string& key = value.begin().key();
      const ordered_json& arg = value.begin().value();
      if (key == "Ref" && arg.is_string() && resources.contains(arg.get<std::string>())) out.insert(arg.get<std::string>());
      if (key == "Fn::GetAtt" && arg.is_array() && !arg.empty() && arg[0].is_string() &&
          resources.contains(arg[0].get<std::string>()))
        out.insert(arg[0].get<std::string>());
      if (key == "Fn::Sub") {
        const ordered_json& text = arg.is_array() && !arg.empty() ? arg[0] : arg;
        if (text.is_string()) {
          const auto& s = text.get_ref<const std::string&>();
          for (std::size_t pos = 0; (pos = s.find("${", pos)) != std::string::npos; pos += 2) {
            auto end = s.find('}', pos);
            if (end == std::string::npos) break;
            std::string name = s.substr(pos + 2, end - pos - 2);
            name = name.substr(0, name.find('.'));
            if (resources.contains(name)) out.insert(name);
          }
        }
      }
    }
    for (const auto& [key, item] : value.items()) collect_references(item, resources, out);
  } else if (value.is_array()) {
    for (const auto& item : value) collect_references(item, resources, out);
  }
}

// Construction order, except that no resource comes before one it depends on.
ordered_json order_resources(const ordered_json& resources, const std::string& stack_path) {
  std::vector<std::string> ids;
  std::map<std::string, std::size_t> index;
  for (const auto& [id, body] : resources.items()) {
    index[id] = ids.size();
    ids.push_back(id);
  }
  std::vector<std::vector<std::size_t>> users(ids.size());
  std::vector<std::size_t> pending(ids.size(), 0);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::set<std::string> deps;
    collect_references(resources[ids[i]], resources, deps);
    if (resources[ids[i]].contains("DependsOn"))
      for (const auto& d : resources[ids[i]]["DependsOn"])
        if (d.is_string() && resources.contains(d.get<std::string>())) deps.insert(d.get<std::string>());
    deps.erase(ids[i]);
    for (const auto& d : deps) {
      users[index[d]].push_back(i);
      ++pending[i];
    }
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (pending[i] == 0) ready.push(i);
  ordered_json out = ordered_json::object();
  while (!ready.empty()) {
    std::size_t i = ready.top();
    ready.pop();
    out[ids[i]] = resources[ids[i]];
    for (std::size_t user : users[i])
      if (--pending[user] == 0) ready.push(user);
  }
  if (out.size() != ids.size()) {
    std::vector<bool> left(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) left[i] = pending[i] > 0;
    left = on_cycle(users, left);
    std::string cycle;
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (left[i]) cycle += (cycle.empty() ? "" : ", ") + ids[i];
    throw SynthError("CircularDependency", stack_path, "resources refer to each other in a cycle: " + cycle);
  }
  return out;
}

// `DependsOn` entries already implied by a Ref or GetAtt are dropped (cfn-lint W3005).
void drop_implied_depends_on(ordered_json& resources) {
  for (auto& [id, body] : resources.items()) {
    if (!body.contains("DependsOn")) continue;
    std::set<std::string> refs;
    ordered_json rest = body;
    rest.erase("DependsOn");
    collect_references(rest, resources, refs);
    ordered_json kept = ordered_json::array();
    for (const auto& d : body["DependsOn"])
      if (!d.is_string() || !refs.contains(d.get<std::string>())) kept.push_back(d);
    if (kept.empty()) body.erase("DependsOn");
    else body["DependsOn"] = kept;
  }
}

SynthesizedStack build(const Stack& stack, CrossStackReferences& references) {
  SynthesizedStack out;
  out.name = stack.stack_name();
  out.stack = &stack;
  Resolver resolver(stack, &references);
  ordered_json sections[5];
  for (auto& s : sections) s = ordered_json::object();
  for (const CfnElement* element : stack.elements()) {
    std::string id = element->logical_id();
    sections[static_cast<int>(element->section())][id] = element->render(resolver).value;
    out.construct_paths[id] = path_inside(*element);
    if (element->section() == Section::Resources) {
      std::string line = path_inside(*element);
      if (!element->comment().empty()) line += ": " + element->comment();
      out.comments[id] = line;
    }
  }
  ordered_json& resources = sections[static_cast<int>(Section::Resources)];
  drop_implied_depends_on(resources);
  resources = order_resources(resources, stack.node().path());

  ordered_json& doc = out.document;
  doc = ordered_json::object();
  doc["AWSTemplateFormatVersion"] = "2010-09-09";
  if (!stack.description().empty()) doc["Description"] = stack.description();
  for (Section s : {Section::Parameters, Section::Mappings, Section::Conditions, Section::Resources, Section::Outputs})
    if (!sections[static_cast<int>(s)].empty()) doc[section_key(s)] = sections[static_cast<int>(s)];
  return out;
}

// Stacks after the stacks they depend on, otherwise in construction order.
std::vector<SynthesizedStack> order_stacks(std::vector<SynthesizedStack> stacks) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < stacks.size(); ++i) index[stacks[i].name] = i;
  std::vector<std::size_t> pending(stacks.size(), 0);
  std::vector<std::vector<std::size_t>> users(stacks.size());
  for (std::size_t i = 0; i < stacks.size(); ++i)
    for (const auto& dep : stacks[i].dependencies) {
      users[index[dep]].push_back(i);
      ++pending[i];
    }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < stacks.size(); ++i)
    if (pending[i] == 0) ready.push(i);
  std::vector<SynthesizedStack> out;
  std::vector<bool> done(stacks.size(), false);
  while (!ready.empty()) {
    std::size_t i = ready.top();
    ready.pop();
    done[i] = true;
    out.push_back(stacks[i]);
    for (std::size_t user : users[i])
      if (--pending[user] == 0) ready.push(user);
  }
  if (out.size() != stacks.size()) {
    std::vector<bool> left(stacks.size());
    for (std::size_t i = 0; i < stacks.size(); ++i) left[i] = !done[i];
    left = on_cycle(users, left);
    std::string cycle;
    for (std::size_t i = 0; i < stacks.size(); ++i)
      if (left[i]) cycle += (cycle.empty() ? "" : ", ") + stacks[i].name;
    throw SynthError("StackCycle", "", "stacks depend on each other in a cycle: " + cycle);
  }
  return out;
}

}  // namespace

const SynthesizedStack* CloudAssembly::find(const std::string& name) const {
  for (const auto& s : stacks)
    if (s.name == name) return &s;
  return nullptr;
}

CloudAssembly synthesize(App& app) {
  prepare(app);
  auto errors = validate(app);
  if (!errors.empty()) {
    std::string message;
    for (const auto& e : errors) message += (message.empty() ? "" : "\n") + e;
    throw ValidationError("", "", message);
  }

  CrossStackReferences references;
  std::vector<SynthesizedStack> built;
  for (const Stack* stack : app.stacks()) built.push_back(build(*stack, references));

  for (auto& s : built) {
    for (const auto& e : references.exports()) {
      if (e.producer != s.stack) continue;
      ordered_json& outputs = s.document["Outputs"];
      if (outputs.is_null()) outputs = ordered_json::object();
      outputs[e.output_id] = {{"Value", e.value}, {"Export", {{"Name", e.export_name}}}};
      if (outputs.size() > kMaxOutputs)
        throw SynthError("TooManyOutputs", s.stack->node().path(),
                         "a template has at most 200 outputs, got " + std::to_string(outputs.size()) +
                             " with the exports other stacks need");
    }
    for (const Stack* dep : s.stack->dependencies()) {
      if (std::find(s.dependencies.begin(), s.dependencies.end(), dep->stack_name()) == s.dependencies.end())
        s.dependencies.push_back(dep->stack_name());
    }
    for (const auto& [consumer, producer] : references.dependencies())
      if (consumer == s.stack &&
          std::find(s.dependencies.begin(), s.dependencies.end(), producer->stack_name()) == s.dependencies.end())
        s.dependencies.push_back(producer->stack_name());
    std::sort(s.dependencies.begin(), s.dependencies.end());
  }
  // Outputs keep a fixed place at the end of the document.
  for (auto& s : built) {
    if (!s.document.contains("Outputs")) continue;
    ordered_json outputs = s.document["Outputs"];
    s.document.erase("Outputs");
    s.document["Outputs"] = outputs;
  }
  // Limits of the whole template (tags, output descriptions, parameter defaults, 1 MB body),
  // and the registered checks of every resource's properties (schema/: the registry schemas).
  std::string problems;
  for (const auto& s : built) {
    for (const auto& p : detail::template_limit_problems(s, render(s, {.format = TemplateFormat::Yaml, .comments = true}).size()))
      problems += (problems.empty() ? "" : "\n") + p;
    for (const auto& p : detail::resource_check_problems(s)) problems += (problems.empty() ? "" : "\n") + p;
  }
  if (!problems.empty()) throw ValidationError("", "", problems);
  return CloudAssembly{order_stacks(std::move(built))};
}

std::string render(const SynthesizedStack& stack, const RenderOptions& options) {
  if (options.format == TemplateFormat::Json) return to_json_text(stack.document);
  YamlOptions yaml;
  if (options.comments) {
    yaml.header.push_back("Stack " + stack.name + (stack.stack && !stack.stack->description().empty()
                                                        ? ": " + stack.stack->description()
                                                        : ""));
    yaml.header.push_back("Written by `formwork synth` from the C++ construct tree: change the code, not this file.");
    yaml.resource_comments = stack.comments;
  }
  return to_yaml(stack.document, yaml);
}

std::string template_file_name(const SynthesizedStack& stack, TemplateFormat format) {
  return stack.name + (format == TemplateFormat::Json ? ".json" : ".yaml");
}

}  // namespace formwork
