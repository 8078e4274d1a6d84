#pragma once

#include <string>
#include <vector>

#include "constructs/apigateway/method.hpp"
#include "constructs/core/cfn_resource.hpp"

namespace formwork::apigateway {

class Resource;
class RestApi;

/// A path of an API (the root `/` or a resource such as `/square/{number}`), where child
/// resources and methods are added.
///
///   auto& number = api.root().add_resource("square").add_resource("{number}");
///   number.add_method("GET", apigateway::LambdaIntegration(fn));
class IResource : public Construct {
 public:
  /// The resource's id in API Gateway (for `ParentId`/`ResourceId`).
  [[nodiscard]] virtual Value resource_id() const = 0;
  /// `/` for the root, `/square/{number}` below it.
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] RestApi& api() const { return *api_; }
  /// The parent resource, or nullptr for the root.
  [[nodiscard]] IResource* parent_resource() const { return parent_; }

  /// A child resource for one path part: a name (`square`), a parameter (`{number}`) or a
  /// greedy parameter (`{proxy+}`). Throws UsageError for a part containing `/`.
  Resource& add_resource(const std::string& path_part);
  /// The resource at `path` below this one (`square/{number}`), created where missing.
  IResource& resource_for_path(const std::string& path);
  /// The child resource for `path_part`, or nullptr.
  [[nodiscard]] Resource* get_resource(const std::string& path_part) const;
  /// Adds an HTTP method (`GET`, `POST`, …, `ANY`) served by `integration`.
  Method& add_method(const std::string& http_method, const Integration& integration, MethodOptions options = {});

 protected:
  IResource(Construct& scope, std::string_view id, RestApi& api, IResource* parent, std::string path);

 private:
  RestApi* api_;
  IResource* parent_;
  std::string path_;
};

/// The API's root `/`, which API Gateway creates with the API (no resource of its own).
/// Its construct id is `Default`, left out of logical IDs: the root GET is `ApiGET`.
class RootResource : public IResource {
 public:
  RootResource(Construct& scope, std::string_view id);
  [[nodiscard]] Value resource_id() const override;
};

/// A path part below another resource (`AWS::ApiGateway::Resource`). Its construct id is the
/// path part: `Api/Default/square/{number}` gets the logical ID `ApiSquareNumber`.
class Resource : public IResource {
 public:
  Resource(Construct& scope, std::string_view id);

  [[nodiscard]] const std::string& path_part() const { return node().id(); }
  [[nodiscard]] Value resource_id() const override { return resource_->ref(); }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }

 private:
  [[nodiscard]] std::vector<std::string> validate() const;
  CfnResource* resource_;
};

}  // namespace formwork::apigateway
