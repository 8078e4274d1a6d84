#include "import/detail/stack_writer.hpp"

#include <algorithm>
#include <set>

#include "constructs/core/app.hpp"
#include "constructs/core/logical_ids.hpp"
#include "import/detail/order.hpp"
#include "import/detail/values.hpp"
#include "schema/schema.hpp"

namespace formwork::importer::detail {
namespace {

using Kind = Element::Kind;

// Names a variable may not take: what the stack's constructor sees besides its locals.
const std::set<std::string> kReserved = {"scope", "id", "props", "add", "node", "app", "of", "stack", "stack_name",
                                         "description", "logical_id", "elements", "dependencies", "add_dependency",
                                         "cfn", "std", "formwork", "prepare"};

const Json& section(const Json& doc, const char* name) {
  static const Json kEmpty = Json::object();
  auto it = doc.find(name);
  return it != doc.end() && it->is_object() ? *it : kEmpty;
}


std::string text_of(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

const char* removal_policy(const Json& v, bool deletion) {
  if (!v.is_string()) return nullptr;
  const auto& s = v.get<std::string>();
  if (s == "Delete") return "RemovalPolicy::Delete";
  if (s == "Retain") return "RemovalPolicy::Retain";
  if (s == "Snapshot") return "RemovalPolicy::Snapshot";
  if (s == "RetainExceptOnDelete" && deletion) return "RemovalPolicy::RetainExceptOnDelete";
  return nullptr;
}

class Writer {
 public:
  Writer(const TemplateFile& file, std::string_view text) : file_(file), values_(resources_, parameters_, conditions_, mappings_) {
    if (!text.empty() && !file.path.ends_with(".json")) {
      std::string line;
      for (char c : text) {
        if (c == '\n') lines_.push_back(line), line.clear();
        else line += c;
      }
      lines_.push_back(line);
    }
  }

  StackCode write();

 private:
  void name_elements();
  std::string warn_at(const std::string& where, const std::string& message) {
    code_.warnings.push_back(file_.path + ":" + std::to_string(file_.line_of(where)) + ": " + message);
    return message;
  }
  void statement(const std::string& where, const std::string& id, const std::string& variable, Expr add,
                 std::vector<std::string> after);
  void parameter(const std::string& id, const Json& body);
  void resource(const std::string& id, const Json& body);
  void output(const std::string& id, const Json& body);

  const TemplateFile& file_;
  std::vector<std::string> lines_;
  std::map<std::string, Element> resources_, parameters_, conditions_, mappings_;
  std::map<std::string, std::string> construct_ids_;  // "Resources/X" -> construct id
  ValueWriter values_;
  std::set<std::string> includes_;
  struct Pending {
    std::string group, comment, variable;
    Expr add;
    std::vector<std::string> after;
  };
  std::vector<Pending> statements_;
  StackCode code_;
};

void Writer::name_elements() {
  const Json& doc = file_.document;
  std::set<std::string> variables(kReserved), ids;
  auto variable_for = [&variables](const std::string& logical_id, const char* suffix) {
    std::string base = snake_name(logical_id), name = base;
    if (variables.count(name)) name = base + suffix;
    for (int n = 2; variables.count(name); ++n) name = base + suffix + std::to_string(n);
    variables.insert(name);
    return name;
  };
  const std::pair<const char*, const char*> order[] = {
      {"Resources", ""}, {"Parameters", "Parameter"}, {"Conditions", "Condition"}, {"Mappings", "Mapping"}, {"Outputs", "Output"}};
  std::map<std::string, std::string> sections_of;  // logical ID -> the first section that has it
  for (const auto& [name, suffix] : order) {
    for (const auto& [logical_id, body] : section(doc, name).items()) {
      if (auto [first, fresh] = sections_of.emplace(logical_id, name); !fresh)
        warn_at(element_pointer(name, logical_id),
                "logical ID '" + logical_id + "' is in " + first->second + " and " + name +
                    ": synthesis refuses two elements with one logical ID (rename one)");
      if (!is_valid_logical_id(logical_id))
        warn_at(element_pointer(name, logical_id), "logical ID '" + logical_id +
                                               "' is not 1 to 255 letters and digits: CloudFormation and synthesis refuse it");
      std::string id = logical_id;
      for (int n = 2; ids.count(id) || id.empty() || id.find('/') != std::string::npos; ++n)
        id = logical_id + suffix + (n > 2 ? std::to_string(n - 1) : "");
      std::replace(id.begin(), id.end(), '/', '_');
      ids.insert(id);
      construct_ids_[std::string(name) + "/" + logical_id] = id;
      const std::string s = name;
      if (s == "Outputs") continue;
      Element e{.variable = variable_for(logical_id, s == "Resources" ? "_resource" : ("_" + snake_name(suffix)).c_str())};
      if (s == "Resources") {
        const Json type = body.is_object() ? body.value("Type", Json()) : Json();
        e.kind = Kind::Resource;
        if (type.is_string()) e.l1 = find_l1_type(type.get<std::string>());
        resources_[logical_id] = e;
      } else if (s == "Parameters") {
        e.kind = Kind::Parameter, parameters_[logical_id] = e;
      } else if (s == "Conditions") {
        e.kind = Kind::Condition, conditions_[logical_id] = e;
      } else {
        e.kind = Kind::Mapping, mappings_[logical_id] = e;
      }
    }
  }
}

void Writer::statement(const std::string& where, const std::string& id, const std::string& variable, Expr add,
                       std::vector<std::string> after) {
  const std::string logical_id = where.substr(where.rfind('/') + 1);
  if (id != logical_id || make_logical_id({id}, LogicalIdStyle::Readable) != logical_id)
    after.insert(after.begin(), "override_logical_id(" + cpp_string(logical_id) + ")");
  std::string comment;
  for (const auto& line : comments_at(lines_, file_.line_of(where), logical_id))
    comment += std::string("  //") + (line.empty() || line[0] == ' ' ? "" : " ") + line + "\n";
  statements_.push_back({where.substr(1, where.find('/', 1) - 1), comment, variable, std::move(add), std::move(after)});
}

void Writer::parameter(const std::string& id, const Json& body) {
  const std::string where = element_pointer("Parameters", id);
  std::vector<Expr> items;
  auto string_prop = [&](const char* key, const char* member) {
    if (!body.contains(key)) return;
    if (!body[key].is_string()) warn_at(where + "/" + key, std::string(key) + " is not a string: written as " + text_of(body[key]));
    items.push_back({.head = cpp_string(text_of(body[key])), .label = std::string(".") + member + " = "});
  };
  if (body.contains("Type") && text_of(body["Type"]) != "String") string_prop("Type", "type");
  if (!body.contains("Type")) warn_at(where, "parameter " + id + " has no Type: imported as a String");
  if (body.contains("Default")) {
    Expr e = values_.generic(body["Default"]);
    e.label = ".default_value = ";
    items.push_back(std::move(e));
  }
  string_prop("Description", "description");
  if (body.contains("AllowedValues")) {
    std::vector<Expr> values;
    const Json& list = body["AllowedValues"];
    for (const auto& v : list.is_array() ? list : Json::array({list})) values.push_back(Expr::atom(cpp_string(text_of(v))));
    items.push_back({.head = "{", .items = std::move(values), .tail = "}", .label = ".allowed_values = ", .braces = true});
  }
  string_prop("AllowedPattern", "allowed_pattern");
  string_prop("ConstraintDescription", "constraint_description");
  auto number_prop = [&](const char* key, const char* member, bool integer) {
    if (!body.contains(key)) return;
    const Json& v = body[key];
    double number = 0;
    if (v.is_number()) number = v.get<double>();
    else if (v.is_string()) try { number = std::stod(v.get<std::string>()); } catch (const std::exception&) { warn_at(where + "/" + key, std::string(key) + " is not a number: left out"); return; }
    else return (void)warn_at(where + "/" + key, std::string(key) + " is not a number: left out");
    items.push_back({.head = integer ? std::to_string(static_cast<long long>(number)) : cpp_scalar(Json(number)),
                     .label = std::string(".") + member + " = "});
  };
  number_prop("MinLength", "min_length", true);
  number_prop("MaxLength", "max_length", true);
  number_prop("MinValue", "min_value", false);
  number_prop("MaxValue", "max_value", false);
  if (body.contains("NoEcho") && (body["NoEcho"] == true || body["NoEcho"] == "true"))
    items.push_back({.head = "true", .label = ".no_echo = "});
  for (const auto& [key, v] : body.items())
    if (std::string known = " Type Default Description AllowedValues AllowedPattern ConstraintDescription MinLength MaxLength MinValue MaxValue NoEcho ";
        known.find(" " + key + " ") == std::string::npos)
      warn_at(where + "/" + key, "parameter attribute " + key + " is not imported: CfnParameter has no such member");
  const std::string cid = construct_ids_["Parameters/" + id];
  statement(where, cid, parameters_[id].variable,
            {.head = "add<CfnParameter>(" + cpp_string(cid) + ", {", .items = std::move(items), .tail = "})", .braces = true},
            {});
}

void Writer::output(const std::string& id, const Json& body) {
  const std::string where = element_pointer("Outputs", id);
  std::vector<Expr> items;
  Expr value = values_.generic(body.value("Value", Json()));
  value.label = ".value = ";
  items.push_back(std::move(value));
  if (body.contains("Description"))
    items.push_back({.head = cpp_string(text_of(body["Description"])), .label = ".description = "});
  if (body.contains("Export")) {
    const Json& e = body["Export"];
    if (e.is_object() && e.contains("Name") && e.size() == 1) {
      Expr name = values_.generic(e["Name"]);
      name.label = ".export_name = ";
      items.push_back(std::move(name));
    } else {
      warn_at(where + "/Export", "Export is not a mapping with only Name: left out");
    }
  }
  if (body.contains("Condition")) {
    auto c = conditions_.find(text_of(body["Condition"]));
    if (c != conditions_.end()) {
      values_.use(c->second.variable);
      items.push_back({.head = "&" + c->second.variable, .label = ".condition = "});
    } else {
      warn_at(where + "/Condition", "condition " + text_of(body["Condition"]) + " is not in the template: left out");
    }
  }
  for (const auto& [key, v] : body.items())
    if (key != "Value" && key != "Description" && key != "Export" && key != "Condition")
      warn_at(where + "/" + key, "output attribute " + key + " is not imported: CfnOutput has no such member");
  const std::string cid = construct_ids_["Outputs/" + id];
  statement(where, cid, "",
            {.head = "add<CfnOutput>(" + cpp_string(cid) + ", {", .items = std::move(items), .tail = "})", .braces = true},
            {});
}

void Writer::resource(const std::string& id, const Json& body) {
  const std::string where = element_pointer("Resources", id);
  if (!body.is_object() || !body.contains("Type") || !body["Type"].is_string())
    throw InputError(file_.path, file_.line_of(where), 0,
                     "resource " + id + " needs a Type that is a string, like AWS::SQS::Queue");
  const std::string type = body["Type"].get<std::string>();
  const Element& self = resources_[id];
  const std::string cid = construct_ids_["Resources/" + id];
  const Json properties = body.value("Properties", Json());
  std::vector<std::string> after;
  Expr add;
  if (self.l1 != nullptr && (properties.is_null() || (properties.is_object() && !is_intrinsic(properties)))) {
    includes_.insert("constructs/cfn/" + self.l1->ns + ".generated.hpp");
    std::vector<Override> overrides;
    std::vector<std::string> missing;
    auto items = values_.props(*self.l1, properties.is_object() ? properties : Json::object(), overrides, missing);
    add = {.head = "add<" + self.l1->qualified() + ">(" + cpp_string(cid) + ", {", .items = std::move(items),
           .tail = "})", .braces = true};
    (void)missing;  // written as Value(); the schema checks below warn about each
    for (const auto& o : overrides)
      after.push_back("add_property_override(" + cpp_string(o.path) + ", " + render(o.value, 2) + ")");
    ++code_.typed;
  } else {
    std::string head = "add<CfnResource>(" + cpp_string(cid) + ", {.type = " + cpp_string(type);
    if (properties.is_object() && !is_intrinsic(properties) && !properties.empty()) {
      std::vector<Expr> items;
      for (const auto& [key, value] : properties.items()) {
        Expr e = values_.generic(value);
        e.label = "{" + cpp_string(key) + ", " + e.label;
        e.suffix += "}";
        items.push_back(std::move(e));
      }
      add = {.head = head + ", .properties = {", .items = std::move(items), .tail = "}})", .braces = true};
    } else {
      add = Expr::atom(head + "})");
      if (!properties.is_null() && !(properties.is_object() && properties.empty()))
        after.push_back("add_override(\"Properties\", " + render(values_.as_value(properties), 2) + ")");
    }
    ++code_.generic;
  }
  auto override_key = [&](const std::string& key) {
    after.push_back("add_override(" + cpp_string(key) + ", " + render(values_.as_value(body[key]), 2) + ")");
  };
  for (const auto& [key, value] : body.items()) {
    if (key == "Type" || key == "Properties") continue;
    if (key == "Condition" && value.is_string() && conditions_.count(value.get<std::string>())) {
      const auto& c = conditions_[value.get<std::string>()].variable;
      values_.use(c);
      after.push_back("set_condition(" + c + ")");
    } else if (key == "DependsOn") {
      const Json names = value.is_array() ? value : Json::array({value});
      bool known = true;
      for (const auto& n : names) known = known && n.is_string() && resources_.count(n.get<std::string>());
      if (!known) {
        override_key(key);
        continue;
      }
      for (const auto& n : names) {
        const auto& v = resources_[n.get<std::string>()].variable;
        values_.use(v);
        after.push_back("add_depends_on(" + v + ")");
      }
    } else if (key == "DeletionPolicy" || key == "UpdateReplacePolicy") {
      const bool deletion = key == "DeletionPolicy";
      const char* policy = removal_policy(value, deletion);
      const Json other = body.value(deletion ? "UpdateReplacePolicy" : "DeletionPolicy", Json());
      if (policy == nullptr) {
        override_key(key);
      } else if (other == value && value != "RetainExceptOnDelete") {
        if (deletion) after.push_back(std::string("apply_removal_policy(") + policy + ")");
      } else {
        after.push_back(std::string(deletion ? "set_deletion_policy(" : "set_update_replace_policy(") + policy + ")");
      }
    } else if (key == "Metadata" && value.is_object() && !is_intrinsic(value)) {
      for (const auto& [name, item] : value.items())
        after.push_back("add_metadata(" + cpp_string(name) + ", " + render(values_.as_value(item), 2) + ")");
    } else {
      override_key(key);
    }
  }
  if (properties.is_object() && schema::known_type(type)) {
    try {
      for (const auto& problem : schema::check_properties(type, properties.dump()))
        warn_at(where + "/Properties", "[" + id + "] " + type + " " + problem + " (synthesis will refuse it until it is fixed)");
    } catch (const std::exception&) {
    }
  }
  statement(where, cid, self.variable, std::move(add), std::move(after));
}

StackCode Writer::write() {
  name_elements();
  const Json& doc = file_.document;
  std::string notes;
  for (const auto& [key, value] : doc.items()) {
    static const std::set<std::string> kKnown = {"AWSTemplateFormatVersion", "Description", "Parameters", "Mappings",
                                                 "Conditions", "Resources", "Outputs"};
    if (kKnown.count(key)) continue;
    warn_at("/" + json_pointer_escape(key), "the template's " + key + " is not imported: a formwork stack has no " + key);
    notes += "  // Not imported: the template's " + key + " (a formwork stack has no " + key + ").\n";
  }
  for (const auto& [id, body] : section(doc, "Parameters").items()) parameter(id, body.is_object() ? body : Json::object());
  for (const auto& [id, body] : section(doc, "Mappings").items()) {
    std::vector<Expr> tops;
    const Json tops_json = body.is_object() ? body : Json::object();
    for (const auto& [top, entries] : tops_json.items()) {
      std::vector<Expr> items;
      const Json entries_json = entries.is_object() ? entries : Json::object();
      for (const auto& [key, value] : entries_json.items()) {
        Expr e = values_.generic(value);
        e.label = "{" + cpp_string(key) + ", " + e.label;
        e.suffix += "}";
        items.push_back(std::move(e));
      }
      tops.push_back({.head = "{", .items = std::move(items), .tail = "}}", .label = "{" + cpp_string(top) + ", ", .braces = true});
    }
    if (!body.is_object()) warn_at(element_pointer("Mappings", id), "mapping " + id + " is not a mapping: imported empty");
    const std::string cid = construct_ids_["Mappings/" + id];
    statement(element_pointer("Mappings", id), cid, mappings_[id].variable,
              {.head = "add<CfnMapping>(" + cpp_string(cid) + ", {.mapping = {", .items = std::move(tops), .tail = "}})",
               .braces = true},
              {});
  }
  for (const auto& id : ordered(file_, "Conditions", section(doc, "Conditions"), conditions_, true)) {
    Expr e = values_.generic(section(doc, "Conditions")[id], true);
    e.label = ".expression = ";
    const std::string cid = construct_ids_["Conditions/" + id];
    statement(element_pointer("Conditions", id), cid, conditions_[id].variable,
              {.head = "add<CfnCondition>(" + cpp_string(cid) + ", {", .items = {std::move(e)}, .tail = "})", .braces = true},
              {});
  }
  for (const auto& id : ordered(file_, "Resources", section(doc, "Resources"), resources_, false))
    resource(id, section(doc, "Resources")[id]);
  for (const auto& [id, body] : section(doc, "Outputs").items()) output(id, body.is_object() ? body : Json::object());

  // One statement a construct; a blank line between sections, and around a resource that
  // takes more than one line.
  std::string out = notes, previous_text;
  const Pending* previous = nullptr;
  for (const auto& s : statements_) {
    const bool declare = !s.variable.empty() && (values_.used().count(s.variable) || s.after.size() > 1);
    Expr add = s.add;
    if (declare) add.label = "auto& " + s.variable + " = " + add.label;
    std::string text = s.comment + "  " + render(add, 2);
    if (!declare && s.after.size() == 1) {
      text += "." + s.after[0] + ";\n";
    } else {
      text += ";\n";
      for (const auto& a : s.after) text += "  " + s.variable + "." + a + ";\n";
    }
    auto lines = [](const std::string& t) { return std::count(t.begin(), t.end(), '\n'); };
    if (previous != nullptr &&
        (previous->group != s.group || (s.group == "Resources" && (lines(text) > 1 || lines(previous_text) > 1))))
      out += "\n";
    out += text;
    previous = &s, previous_text = text;
  }
  code_.body = out;
  code_.includes.assign(includes_.begin(), includes_.end());
  return code_;
}

}  // namespace

StackCode write_stack(const TemplateFile& file, std::string_view text) { return Writer(file, text).write(); }

}  // namespace formwork::importer::detail
