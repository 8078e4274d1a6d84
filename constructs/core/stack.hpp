#pragma once

#include <string>
#include <vector>

#include "constructs/core/construct.hpp"

namespace formwork {

class App;
class CfnElement;
class Value;

/// The account and region a stack is for (AWS CDK's `env`). A stack with neither is
/// environment-agnostic: its template says `${AWS::AccountId}` and `${AWS::Region}` and
/// deploys wherever the credentials and `--region` point.
struct Environment {
  /// The 12-digit AWS account ID; `formwork deploy` refuses credentials of another account.
  /// Default: none, the deploying credentials' account.
  std::string account = {};
  /// The region, such as `eu-west-1`; `formwork deploy` deploys there. Default: none, the
  /// region deploy is given (--region, AWS_REGION, the AWS CLI's configuration).
  std::string region = {};
};

struct StackProps {
  /// The template's Description. Default: none.
  std::string description = {};
  /// The CloudFormation stack name. Default: the construct id.
  std::string stack_name = {};
  /// The account and region. Default: none, environment-agnostic.
  Environment env = {};
};

/// A CloudFormation stack: one template. Everything created under it goes into its template.
///
///   auto& stack = app.add<Stack>("Orders", {.description = "Order intake"});
class Stack : public Construct {
 public:
  using Props = StackProps;
  Stack(Construct& scope, std::string_view id, StackProps props = {});

  /// The stack that `construct` belongs to; throws UsageError when it is in none.
  [[nodiscard]] static Stack& of(const Construct& construct);

  [[nodiscard]] const std::string& stack_name() const { return stack_name_; }
  [[nodiscard]] const std::string& description() const { return props_.description; }
  [[nodiscard]] App& app() const { return *app_; }
  [[nodiscard]] const Environment& env() const { return props_.env; }

  /// The account as a value: the literal from `env`, else `!Ref AWS::AccountId`.
  [[nodiscard]] Value account() const;
  /// The region as a value: the literal from `env`, else `!Ref AWS::Region`.
  [[nodiscard]] Value region() const;
  /// `sub_text` (a `!Sub` string) with `${AWS::AccountId}` and `${AWS::Region}` replaced by
  /// the literals of `env` where it has them, as AWS CDK writes the ARNs of a stack with an
  /// environment: `arn:${AWS::Partition}:sqs:eu-west-1:123456789012:jobs`.
  [[nodiscard]] std::string with_env(std::string sub_text) const;

  /// Deploys `other` before this stack (dependencies through references are found alone).
  void add_dependency(Stack& other) { dependencies_.push_back(&other); }
  [[nodiscard]] const std::vector<Stack*>& dependencies() const { return dependencies_; }

  /// The logical ID `element` gets in this stack's template.
  [[nodiscard]] std::string logical_id(const CfnElement& element) const;
  /// The elements of this stack (not of stacks nested in it), in construction order.
  [[nodiscard]] std::vector<const CfnElement*> elements() const;

 private:
  StackProps props_;
  std::string stack_name_;
  App* app_;
  std::vector<Stack*> dependencies_;
};

}  // namespace formwork
