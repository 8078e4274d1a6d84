// Template: synthesizes a stack in memory and asserts on its resources and outputs, showing the
// closest candidate when nothing matches.
#include "assertions/template.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "assertions/detail/matcher.hpp"
#include "constructs/core/stack.hpp"
#include "constructs/core/synthesis.hpp"

namespace formwork::assertions {

using json = nlohmann::ordered_json;

struct Template::Document {
  json doc;
};

namespace {

const json& section(const json& doc, const char* name) {
  static const json empty = json::object();
  auto it = doc.find(name);
  return it != doc.end() && it->is_object() ? *it : empty;
}

std::string truncated(const json& value) {
  std::string text = value.dump(2);
  return text.size() > 1500 ? text.substr(0, 1497) + "..." : text;
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Candidates: logical ID -> the value the pattern is matched against.
using Candidates = std::vector<std::pair<std::string, const json*>>;

// How far a candidate is from the pattern: a missing key weighs more than a wrong value, so the
// closest candidate is the one that has the keys and differs in their values.
std::size_t distance(const std::vector<std::string>& failures) {
  std::size_t d = 0;
  for (const auto& f : failures) d += f.find(": missing, expected ") != std::string::npos ? 2 : 1;
  return d;
}

// Success, or a message naming what was wanted and the candidate with the fewest differences.
Result best_match(const Candidates& candidates, const Match& pattern, const std::string& wanted) {
  if (candidates.empty()) return {false, wanted + ", but the template has none"};
  std::size_t best = 0;
  std::vector<std::string> best_failures;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto failures = detail::differences(pattern, candidates[i].second);
    if (failures.empty()) return {};
    if (i == 0 || distance(failures) < distance(best_failures)) {
      best = i;
      best_failures = std::move(failures);
    }
  }
  std::string message = wanted + ", but none of " + std::to_string(candidates.size()) + " matches.\nClosest: " +
                        candidates[best].first + " (" + plural(best_failures.size(), "difference") + ")\n";
  for (const auto& f : best_failures) message += "  " + f + "\n";
  message += candidates[best].first + " is " + truncated(*candidates[best].second);
  return {false, message};
}

Candidates resources_of_type(const json& doc, std::string_view type, bool properties_only) {
  static const json empty_properties = json::object();
  Candidates out;
  for (const auto& [id, resource] : section(doc, "Resources").items()) {
    auto t = resource.find("Type");
    if (t == resource.end() || !t->is_string() || t->get<std::string>() != type) continue;
    if (!properties_only) {
      out.emplace_back(id, &resource);
      continue;
    }
    auto p = resource.find("Properties");
    out.emplace_back(id, p == resource.end() ? &empty_properties : &*p);
  }
  return out;
}

void throw_unless(const Result& result) {
  if (!result.ok) throw AssertionError(result.message);
}

}  // namespace

Template Template::from_stack(Stack& stack) {
  CloudAssembly assembly = synthesize(stack.app());
  for (auto& s : assembly.stacks)
    if (s.stack == &stack) return Template(std::make_shared<Document>(Document{std::move(s.document)}));
  throw AssertionError("stack " + stack.node().path() + " is not in the synthesized app");
}

Template Template::from_json(std::string_view text) {
  try {
    json doc = json::parse(text);
    if (!doc.is_object()) throw AssertionError("a template must be a JSON object");
    return Template(std::make_shared<Document>(Document{std::move(doc)}));
  } catch (const nlohmann::json::parse_error& e) {
    throw AssertionError(std::string("template is not JSON: ") + e.what());
  }
}

Result Template::check_resource_count(std::string_view type, std::size_t count) const {
  Candidates found = resources_of_type(document_->doc, type, false);
  if (found.size() == count) return {};
  std::string message = "expected " + plural(count, "resource") + " of type " + std::string(type) + ", found " +
                        std::to_string(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) message += (i == 0 ? ": " : ", ") + found[i].first;
  return {false, message};
}

void Template::resource_count_is(std::string_view type, std::size_t count) const {
  throw_unless(check_resource_count(type, count));
}

Result Template::check_resource_properties(std::string_view type, const Match& properties) const {
  return best_match(resources_of_type(document_->doc, type, true), properties,
                    "expected a resource of type " + std::string(type) + " with properties " + properties.to_string());
}

void Template::has_resource_properties(std::string_view type, const Match& properties) const {
  throw_unless(check_resource_properties(type, properties));
}

Result Template::check_resource(std::string_view type, const Match& resource) const {
  return best_match(resources_of_type(document_->doc, type, false), resource,
                    "expected a resource of type " + std::string(type) + " like " + resource.to_string());
}

void Template::has_resource(std::string_view type, const Match& resource) const {
  throw_unless(check_resource(type, resource));
}

Result Template::check_output(std::string_view logical_id, const Match& output) const {
  Candidates candidates;
  for (const auto& [id, value] : section(document_->doc, "Outputs").items())
    if (logical_id == "*" || id == logical_id) candidates.emplace_back(id, &value);
  std::string wanted = logical_id == "*" ? std::string("expected an output") : "expected output " + std::string(logical_id);
  if (candidates.empty() && logical_id != "*") {
    std::string message = wanted + ", but the template has no such output";
    std::string names;
    for (const auto& [id, value] : section(document_->doc, "Outputs").items()) names += (names.empty() ? "" : ", ") + id;
    return {false, message + (names.empty() ? " (it has none)" : " (it has " + names + ")")};
  }
  return best_match(candidates, output, wanted + " like " + output.to_string());
}

void Template::has_output(std::string_view logical_id, const Match& output) const {
  throw_unless(check_output(logical_id, output));
}

std::map<std::string, std::string> Template::find_resources(std::string_view type, const Match& resource) const {
  std::map<std::string, std::string> out;
  for (const auto& [id, value] : resources_of_type(document_->doc, type, false))
    if (detail::differences(resource, value).empty()) out.emplace(id, value->dump());
  return out;
}

std::map<std::string, std::string> Template::find_resources(std::string_view type) const {
  return find_resources(type, Match::any_value());
}

std::map<std::string, std::string> Template::find_outputs(std::string_view logical_id, const Match& output) const {
  std::map<std::string, std::string> out;
  for (const auto& [id, value] : section(document_->doc, "Outputs").items())
    if ((logical_id == "*" || id == logical_id) && detail::differences(output, &value).empty())
      out.emplace(id, value.dump());
  return out;
}

std::string Template::to_json() const { return document_->doc.dump(2); }

}  // namespace formwork::assertions
