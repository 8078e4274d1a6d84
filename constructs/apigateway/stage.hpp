#pragma once

#include <optional>
#include <string>

#include "constructs/core/cfn_resource.hpp"

namespace formwork::apigateway {

class Deployment;

struct StageProps {
  /// The deployment the stage serves. Required.
  Deployment& deployment;
  /// The first path segment of the URL: letters, digits and `_`, at most 128. Default: `prod`.
  std::string stage_name = "prod";
  /// Default: none.
  std::optional<std::string> description = std::nullopt;
  /// Stage variables (`$stageVariables.x` in templates). Default: none.
  Value::Map variables = {};
  /// X-Ray tracing of requests. Default: off.
  bool tracing_enabled = false;
};

/// A named stage of a REST API (`AWS::ApiGateway::Stage`): the URL clients call.
class Stage : public Construct {
 public:
  using Props = StageProps;
  Stage(Construct& scope, std::string_view id, StageProps props);

  [[nodiscard]] const std::string& stage_name() const { return stage_name_; }
  /// `!Ref` to the stage: its name, once it exists.
  [[nodiscard]] Value stage_ref() const { return resource_->ref(); }
  [[nodiscard]] CfnResource& resource() { return *resource_; }

 private:
  std::string stage_name_;
  CfnResource* resource_;
};

}  // namespace formwork::apigateway
