#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/apigateway/resource.hpp"
#include "constructs/core/cfn_resource.hpp"

namespace formwork::lambda {
class Function;
}

namespace formwork::apigateway {

class Deployment;
class Stage;

/// Where the API's endpoint lives.
enum class EndpointType { Regional, Edge, Private };

struct RestApiProps {
  /// The API's name in API Gateway, 1 to 1024 characters. Default: the construct id.
  std::optional<std::string> rest_api_name = std::nullopt;
  /// Default: none.
  std::optional<std::string> description = std::nullopt;
  /// Creates a Deployment (replaced whenever the API changes) and a Stage serving it.
  /// Default: deployed.
  bool deploy = true;
  /// The stage's name: letters, digits and `_`. Default: `prod`.
  std::string stage_name = "prod";
  /// Creates the role that lets API Gateway write logs and the account setting that uses it
  /// (one per account and region, kept when the stack is deleted). Default: none.
  bool cloud_watch_role = false;
  /// Default: regional.
  EndpointType endpoint_type = EndpointType::Regional;
  /// Media types API Gateway treats as binary (`image/png`, `image/*`, `*/*`): a proxy
  /// integration gets such a request body base64-encoded (`isBase64Encoded`), and a base64 body
  /// the function returns goes out as bytes when the request's `Accept` names one of them.
  /// Default: none (every body is passed as text).
  std::vector<std::string> binary_media_types = {};
};

/// A REST API (`AWS::ApiGateway::RestApi`) with its resources, methods, deployment and stage.
///
///   auto& api = add<apigateway::RestApi>("SquareApi");
///   api.root().add_resource("square").add_resource("{number}")
///       .add_method("GET", apigateway::LambdaIntegration(fn, {.proxy = false}));
///   add<CfnOutput>("Url", {.value = api.url()});
class RestApi : public Construct {
 public:
  using Props = RestApiProps;
  RestApi(Construct& scope, std::string_view id, RestApiProps props = {});

  [[nodiscard]] Value rest_api_id() const { return resource_->ref(); }
  [[nodiscard]] Value root_resource_id() const { return resource_->get_att("RootResourceId"); }
  [[nodiscard]] IResource& root() { return *root_; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }
  [[nodiscard]] const RestApiProps& props() const { return props_; }

  /// The Deployment and Stage, or nullptr with `deploy = false`.
  [[nodiscard]] Deployment* latest_deployment() const { return deployment_; }
  [[nodiscard]] Stage* deployment_stage() const { return stage_; }

  /// `https://<api>.execute-api.<region>.<suffix>/<stage>/`. Throws UsageError with `deploy = false`.
  [[nodiscard]] Value url() const;
  /// The URL of `path` (`/square/7`) on the deployment stage.
  [[nodiscard]] Value url_for(const std::string& path) const;

  /// Every method and resource, in the order they were added.
  [[nodiscard]] const std::vector<Method*>& methods() const { return methods_; }
  [[nodiscard]] const std::vector<Resource*>& resources() const { return resources_; }

  /// A function's permissions are folded into one for the whole API once it serves this many
  /// methods, to keep its resource policy under Lambda's 20,480 bytes (aws-cdk#5774).
  static constexpr std::size_t kPermissionConsolidationThreshold = 10;
  /// Called by integrations: `function` must let API Gateway invoke it for `method` (and from
  /// the console's Test button when `test_invoke`). The permissions are made when the app is
  /// synthesized, one per method, or one for the API past the threshold above.
  void add_invoke_permission(lambda::Function& function, Method& method, bool test_invoke);

  // Called by Method and Resource when they are created.
  void register_method(Method& method);
  void register_resource(Resource& resource) { resources_.push_back(&resource); }

  void prepare() override;

 private:
  struct InvokeGrant {
    lambda::Function* function;
    Method* method;
    bool test_invoke;
  };
  [[nodiscard]] std::vector<std::string> validate() const;
  void make_invoke_permissions();

  RestApiProps props_;
  CfnResource* resource_;
  IResource* root_;
  CfnResource* account_ = nullptr;
  Deployment* deployment_ = nullptr;
  Stage* stage_ = nullptr;
  std::vector<Method*> methods_;
  std::vector<Resource*> resources_;
  std::vector<InvokeGrant> invoke_grants_;
};

/// `REGIONAL`, `EDGE` or `PRIVATE`.
[[nodiscard]] const char* to_string(EndpointType type);

}  // namespace formwork::apigateway
