// FW1xxx: every name a template uses points at something that exists.
#include <algorithm>
#include <cctype>

#include "lint/rules.hpp"

namespace formwork::lint {
namespace {

/// One intrinsic function found in the template.
struct Use {
  std::string pointer;  // of the function's argument, for its line
  std::string key;      // "Ref", "Fn::GetAtt", "Condition" …
  const Json& arg;
  std::string owner;    // the resource, output or condition it is in
  std::string section;  // "Resources", "Outputs" or "Conditions"
};

// Visits every intrinsic in resource properties, outputs and conditions: the places
// CloudFormation resolves them.
void for_each_intrinsic(const TemplateModel& model, const std::function<void(const Use&)>& visit) {
  auto scan = [&](const Json& value, const std::string& pointer, const std::string& owner, const std::string& section) {
    walk(value, pointer, [&](const std::string& at, const Json& v) {
      if (!v.is_object() || v.size() != 1) return;
      const std::string& key = v.begin().key();
      const Json& arg = v.begin().value();
      if (key == "Ref" || key == "Condition" || key.rfind("Fn::", 0) == 0)
        visit(Use{at + "/" + json_pointer_escape(key), key, arg, owner, section});
    });
  };
  for (const auto& [id, definition] : model.section("Resources").items())
    if (definition.is_object() && definition.contains("Properties"))
      scan(definition["Properties"], TemplateModel::resource_pointer(id, "/Properties"), id, "Resources");
  for (const auto& [id, output] : model.section("Outputs").items())
    scan(output, "/Outputs/" + json_pointer_escape(id), id, "Outputs");
  for (const auto& [id, condition] : model.section("Conditions").items())
    scan(condition, "/Conditions/" + json_pointer_escape(id), id, "Conditions");
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      bool same =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "did you mean X?" for the closest of the names of `sections`, or a plain hint.
std::string suggestion(const TemplateModel& model, const std::string& name, std::initializer_list<const char*> sections,
                       const std::string& otherwise) {
  std::string best;
  if (name.empty()) return otherwise;
  std::size_t best_distance = 3;  // only close names: a typo, not a different thing
  for (const char* s : sections)
    for (const auto& [candidate, unused] : model.section(s).items()) {
      std::size_t d = edit_distance(name, candidate);
      if (d < best_distance) best_distance = d, best = candidate;
    }
  return best.empty() ? otherwise : "did you mean " + best + "?";
}

std::string get_att_target(const Json& arg) {
  if (arg.is_array() && !arg.empty() && arg[0].is_string()) return arg[0].get<std::string>();
  if (arg.is_string()) return arg.get<std::string>().substr(0, arg.get<std::string>().find('.'));
  return "";
}

}  // namespace

void check_ref_targets(const TemplateModel& model, const LintOptions&, Report& report) {
  for_each_intrinsic(model, [&](const Use& use) {
    if (use.key != "Ref" || !use.arg.is_string()) return;
    std::string name = use.arg.get<std::string>();
    if (use.section == "Conditions" && model.is_resource(name)) {
      report(use.pointer, use.owner,
             "condition " + use.owner + " refers to resource " + name + "; conditions can only use parameters",
             "compare a parameter instead of a resource");
      return;
    }
    if (model.is_resource(name) || model.is_parameter(name) || TemplateModel::is_pseudo_parameter(name)) return;
    report(use.pointer, use.owner, "!Ref " + name + " names no resource, parameter or pseudo parameter",
           suggestion(model, name, {"Resources", "Parameters"}, "define " + name + " or correct the name"));
  });
}

void check_get_att_targets(const TemplateModel& model, const LintOptions&, Report& report) {
  for_each_intrinsic(model, [&](const Use& use) {
    if (use.key != "Fn::GetAtt") return;
    std::string target = get_att_target(use.arg);
    if (target.empty() || model.is_resource(target)) return;
    if (model.is_parameter(target)) {
      report(use.pointer, use.owner, "!GetAtt " + target + " names a parameter; only resources have attributes",
             "use !Ref " + target + " for a parameter's value");
      return;
    }
    report(use.pointer, use.owner, "!GetAtt " + target + " names no resource",
           suggestion(model, target, {"Resources"}, "define resource " + target + " or correct the name"));
  });
}

void check_sub_variables(const TemplateModel& model, const LintOptions&, Report& report) {
  for_each_intrinsic(model, [&](const Use& use) {
    if (use.key != "Fn::Sub") return;
    const Json& text = use.arg.is_array() && !use.arg.empty() ? use.arg[0] : use.arg;
    if (!text.is_string()) return;
    const Json* variables = use.arg.is_array() && use.arg.size() > 1 && use.arg[1].is_object() ? &use.arg[1] : nullptr;
    for (const auto& variable : sub_variables(text.get<std::string>())) {
      if (variables != nullptr && variables->contains(variable)) continue;
      auto dot = variable.find('.');
      std::string name = variable.substr(0, dot);
      if (dot != std::string::npos) {
        if (model.is_resource(name)) continue;
        report(use.pointer, use.owner, "!Sub variable ${" + variable + "} names no resource",
               suggestion(model, name, {"Resources"},
                          "define resource " + name + ", or write ${!" + variable + "} for a literal"));
        continue;
      }
      if (model.is_resource(name) || model.is_parameter(name) || TemplateModel::is_pseudo_parameter(name)) continue;
      report(use.pointer, use.owner,
             "!Sub variable ${" + variable + "} names no resource, parameter, pseudo parameter or Sub variable",
             suggestion(model, name, {"Resources", "Parameters"},
                        "add it to the Sub's variable map, or write ${!" + variable + "} for a literal"));
    }
  });
}

void check_depends_on(const TemplateModel& model, const LintOptions&, Report& report) {
  for (const auto& [id, definition] : model.section("Resources").items()) {
    if (!definition.is_object() || !definition.contains("DependsOn")) continue;
    const Json& depends = definition["DependsOn"];
    std::string pointer = TemplateModel::resource_pointer(id, "/DependsOn");
    auto check = [&, &id = id](const Json& entry, const std::string& at) {  // clang 14 cannot capture a binding
      if (!entry.is_string() || model.is_resource(entry.get<std::string>())) return;
      std::string name = entry.get<std::string>();
      report(at, id, "DependsOn " + name + " names no resource",
             suggestion(model, name, {"Resources"}, "remove " + name + " from DependsOn or correct the name"));
    };
    if (depends.is_array())
      for (std::size_t i = 0; i < depends.size(); ++i) check(depends[i], pointer + "/" + std::to_string(i));
    else
      check(depends, pointer);
  }
}

void check_condition_names(const TemplateModel& model, const LintOptions&, Report& report) {
  const Json& conditions = model.section("Conditions");
  auto check = [&](const Json& name, const std::string& pointer, const std::string& owner, const std::string& how) {
    if (!name.is_string() || conditions.contains(name.get<std::string>())) return;
    std::string n = name.get<std::string>();
    report(pointer, owner, how + " " + n + " names no condition",
           suggestion(model, n, {"Conditions"}, "define " + n + " under Conditions or correct the name"));
  };
  for (const auto& [id, definition] : model.section("Resources").items())
    if (definition.is_object() && definition.contains("Condition"))
      check(definition["Condition"], TemplateModel::resource_pointer(id, "/Condition"), id, "Condition");
  for (const auto& [id, output] : model.section("Outputs").items())
    if (output.is_object() && output.contains("Condition"))
      check(output["Condition"], "/Outputs/" + json_pointer_escape(id) + "/Condition", id, "Condition");
  for_each_intrinsic(model, [&](const Use& use) {
    if (use.key == "Fn::If" && use.arg.is_array() && !use.arg.empty())
      check(use.arg[0], use.pointer + "/0", use.owner, "!If");
    // `{Condition: X}` is a condition reference only among conditions; elsewhere (an IAM
    // statement) "Condition" is an ordinary key.
    if (use.key == "Condition" && use.section == "Conditions") check(use.arg, use.pointer, use.owner, "Condition");
  });
}

void check_mapping_names(const TemplateModel& model, const LintOptions&, Report& report) {
  for_each_intrinsic(model, [&](const Use& use) {
    if (use.key != "Fn::FindInMap" || !use.arg.is_array() || use.arg.empty() || !use.arg[0].is_string()) return;
    std::string name = use.arg[0].get<std::string>();
    if (model.section("Mappings").contains(name)) return;
    report(use.pointer + "/0", use.owner, "!FindInMap " + name + " names no mapping",
           suggestion(model, name, {"Mappings"}, "define " + name + " under Mappings or correct the name"));
  });
}

}  // namespace formwork::lint
