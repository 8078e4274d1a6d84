#pragma once

#include <string>
#include <vector>

#include "constructs/core/cfn_element.hpp"

namespace formwork {

class CfnCondition;

/// What happens to a resource's physical resource when CloudFormation deletes or replaces it.
enum class RemovalPolicy { Delete, Retain, Snapshot, RetainExceptOnDelete };

struct CfnResourceProps {
  /// The CloudFormation resource type, such as `AWS::SQS::Queue`. Required.
  std::string type;
  /// Properties, written in alphabetical order. A null value is left out.
  /// Default: none.
  Value::Map properties = {};
};

/// Any CloudFormation resource, with free-form properties: the escape hatch for every type
/// formwork has no construct for, and the resource under every construct that has one.
///
///   auto& bucket = stack.add<CfnResource>("Assets", {.type = "AWS::S3::Bucket",
///       .properties = {{"VersioningConfiguration", Value::map({{"Status", "Enabled"}})}}});
class CfnResource : public CfnElement {
 public:
  using Props = CfnResourceProps;
  CfnResource(Construct& scope, std::string_view id, CfnResourceProps props);

  [[nodiscard]] const std::string& type() const { return type_; }
  [[nodiscard]] const Value::Map& properties() const { return properties_; }
  [[nodiscard]] const Value* property(std::string_view name) const { return find_entry(properties_, name); }
  void set_property(std::string name, Value value) { set_entry(properties_, std::move(name), std::move(value)); }

  [[nodiscard]] Value ref() const { return Value::ref(*this); }
  [[nodiscard]] Value get_att(std::string attribute) const { return Value::get_att(*this, std::move(attribute)); }

  /// Adds `DependsOn`. A dependency already implied by a `!Ref` or `!GetAtt` is left out of
  /// the template (cfn-lint W3005); a resource of another stack orders the stacks instead.
  void add_depends_on(const CfnResource& other);
  [[nodiscard]] const std::vector<const CfnResource*>& depends_on() const { return depends_on_; }

  void set_condition(const CfnCondition& condition) { condition_ = &condition; }
  [[nodiscard]] const CfnCondition* condition() const { return condition_; }

  void set_deletion_policy(RemovalPolicy policy) { deletion_policy_ = policy; }
  void set_update_replace_policy(RemovalPolicy policy) { update_replace_policy_ = policy; }
  /// Sets both the deletion and the update-replace policy.
  void apply_removal_policy(RemovalPolicy policy);

  void add_metadata(std::string key, Value value) { set_entry(metadata_, std::move(key), std::move(value)); }

  /// Sets a value at a dotted path of the rendered resource (`Properties.Code.ZipFile`,
  /// `UpdatePolicy.AutoScalingRollingUpdate`), creating the maps on the way; a numeric part
  /// indexes a list. Use `\.` for a dot inside a key. Applied after everything else.
  void add_override(std::string path, Value value);
  /// Deletes the key at a dotted path of the rendered resource.
  void add_deletion_override(std::string path);
  void add_property_override(const std::string& path, Value value) { add_override("Properties." + path, std::move(value)); }
  void add_property_deletion_override(const std::string& path) { add_deletion_override("Properties." + path); }

  /// Whether Tags::of(…) tags reach this resource, and their form (`Tags: [{Key, Value}]`
  /// or `Tags: {key: value}`), from the resource type.
  enum class TagFormat { None, KeyValueList, Map };
  [[nodiscard]] TagFormat tag_format() const;

  [[nodiscard]] Section section() const override { return Section::Resources; }
  [[nodiscard]] detail::Json render(Resolver& resolver) const override;

 private:
  struct Override {
    std::string path;
    std::optional<Value> value;  // nullopt: delete
  };
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> effective_tags() const;

  std::string type_;
  Value::Map properties_;
  std::vector<const CfnResource*> depends_on_;
  const CfnCondition* condition_ = nullptr;
  std::optional<RemovalPolicy> deletion_policy_;
  std::optional<RemovalPolicy> update_replace_policy_;
  Value::Map metadata_;
  std::vector<Override> overrides_;
};

}  // namespace formwork
