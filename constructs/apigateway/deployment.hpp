#pragma once

#include <optional>
#include <string>

#include "constructs/core/cfn_resource.hpp"

namespace formwork::apigateway {

class RestApi;

struct DeploymentProps {
  /// The API whose methods are deployed. Required.
  RestApi& api;
  /// Default: "Deployment of <api id>, replaced when its methods change".
  std::string description = {};
};

/// A snapshot of an API's methods (`AWS::ApiGateway::Deployment`). CloudFormation only
/// redeploys when the resource is replaced, so its logical ID ends with 8 hex digits of a
/// hash over the resolved definitions of every method and resource of the API (computed in
/// prepare()): change a method and the stage serves a new deployment.
class Deployment : public Construct {
 public:
  using Props = DeploymentProps;
  Deployment(Construct& scope, std::string_view id, DeploymentProps props);

  [[nodiscard]] Value deployment_id() const { return resource_->ref(); }
  [[nodiscard]] RestApi& api() const { return *api_; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }
  /// The 8 hex digits added to the logical ID (empty before synthesis).
  [[nodiscard]] const std::string& definition_hash() const { return hash_; }

  void prepare() override;

 private:
  RestApi* api_;
  CfnResource* resource_;
  std::string hash_;
  std::optional<std::string> base_logical_id_;
};

}  // namespace formwork::apigateway
