#pragma once

// What `formwork diff` found, as data: the engine fills these structs and each formatter
// (text, markdown, json) renders them, so the three formats always say the same thing.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace formwork::diff {

/// Values are compared in this form: keys sorted (key order is never a difference), long-form
/// intrinsics with their variants made equal (`Fn::GetAtt: "A.B"` is `["A", "B"]`).
using Json = nlohmann::json;

enum class ChangeKind { Added, Removed, Modified };
[[nodiscard]] const char* to_string(ChangeKind kind);

/// One difference inside a value: `path` is the segments from the resource or element down to
/// the value ("Properties", "Tags", "[2]", "Value"); list elements are `[index]`, in the new list
/// for additions and modifications and in the old one for removals.
struct Change {
  ChangeKind kind = ChangeKind::Modified;
  std::vector<std::string> path = {};
  std::optional<Json> old_value = {};  ///< absent for an addition
  std::optional<Json> new_value = {};  ///< absent for a removal

  /// "Properties.Tags[2].Value"
  [[nodiscard]] std::string path_text() const;
};

/// Whether deploying a resource change replaces the resource (delete and create).
enum class Replacement {
  None,        ///< updated in place
  Replaces,    ///< a create-only property, the type or the logical ID changed
  MayReplace,  ///< a conditionally create-only property changed
  Unknown,     ///< the type is not in the update-behaviour data
};
[[nodiscard]] const char* to_string(Replacement replacement);

struct ResourceDiff {
  std::string logical_id = {};
  std::string type = {};      ///< the new type (the old one for a removal)
  std::string old_type = {};  ///< differs from `type` when the type changed
  ChangeKind kind = ChangeKind::Modified;
  /// For a rename, the old logical ID: the resource is deleted and created under the new one.
  std::string renamed_from = {};
  std::vector<Change> changes = {};  ///< paths start at the resource ("Properties", "DependsOn", …)
  Replacement replacement = Replacement::None;
  /// Why it is replaced: "FifoQueue is create-only", "logical ID changed from Old".
  std::vector<std::string> replacement_reasons = {};
};

/// A parameter, output, condition, mapping or top-level entry (Description, Transform, …).
struct ElementDiff {
  std::string section = {};  ///< "Parameters", "Outputs", "Conditions", "Mappings", "Template"
  std::string name = {};
  ChangeKind kind = ChangeKind::Modified;
  std::vector<Change> changes = {};  ///< for a modification
  std::optional<Json> old_value = {};
  std::optional<Json> new_value = {};
};

enum class SecurityKind { IamStatement, LambdaPermission };

/// An IAM policy statement or a Lambda permission that appears or disappears. A changed
/// statement is one removal and one addition, as a reviewer reads it.
struct SecurityChange {
  SecurityKind kind = SecurityKind::IamStatement;
  ChangeKind change = ChangeKind::Added;  ///< Added or Removed
  std::string resource = {};                   ///< logical ID of the resource holding it
  std::string resource_type = {};
  std::string location = {};  ///< where the statement sits ("Policies[0].PolicyDocument"), empty for a permission
  std::string effect = {};    ///< "Allow" or "Deny" ("Allow" for a permission)
  bool not_action = false;  ///< the statement uses NotAction
  std::vector<Json> actions = {};
  std::vector<Json> resources = {};   ///< Resource (or NotResource); for a permission, the function
  std::vector<Json> principals = {};  ///< "*", "Service:sns.amazonaws.com", "AWS:arn:…"
  Json condition = {};                ///< Condition; for a permission, SourceArn/SourceAccount/…
  /// What widens access ("action sqs:* is new", "principal * is new"); empty when nothing does.
  std::vector<std::string> widening = {};
};

struct Summary {
  int add = 0;
  int change = 0;
  int replace = 0;       ///< among `change`: replaced
  int may_replace = 0;   ///< among `change`: may be replaced
  int unknown = 0;       ///< among `change`: replacement unknown
  int remove = 0;
  int other = 0;     ///< parameter, output, condition, mapping and top-level changes
  int security = 0;  ///< security changes
  int widening = 0;  ///< security changes that widen access
  [[nodiscard]] bool any() const { return add + change + remove + other + security > 0; }
  /// "2 to add, 1 to change (1 replacement), 0 to remove"
  [[nodiscard]] std::string text() const;
  Summary& operator+=(const Summary& other_summary);
};

enum class StackStatus { Changed, New, Unchanged };

struct StackDiff {
  std::string name = {};
  std::string old_source = {};  ///< where the old template came from ("templates/X.yaml", "git HEAD:…", "deployed")
  std::string new_source = {};
  bool new_stack = false;  ///< nothing on the old side: everything is added
  std::vector<ResourceDiff> resources = {};
  std::vector<ElementDiff> elements = {};  ///< parameters, outputs, conditions, mappings, top level
  std::vector<SecurityChange> security = {};

  [[nodiscard]] Summary summary() const;
  [[nodiscard]] StackStatus status() const;
};

struct DiffResult {
  std::vector<StackDiff> stacks = {};
  [[nodiscard]] Summary summary() const;
  [[nodiscard]] bool has_differences() const { return summary().any(); }
};

}  // namespace formwork::diff
