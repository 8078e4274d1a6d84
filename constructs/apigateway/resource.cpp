#include "constructs/apigateway/resource.hpp"

#include <regex>

#include "constructs/apigateway/rest_api.hpp"
#include "constructs/core/errors.hpp"

namespace formwork::apigateway {

namespace {

IResource& parent_of(Construct& scope) {
  auto* parent = dynamic_cast<IResource*>(&scope);
  if (parent == nullptr)
    throw UsageError("ResourceScope", scope.node().path(),
                     "an API resource must be added to another one (api.root().add_resource)");
  return *parent;
}

std::string child_path(const IResource& parent, std::string_view part) {
  return parent.path() == "/" ? "/" + std::string(part) : parent.path() + "/" + std::string(part);
}

}  // namespace

IResource::IResource(Construct& scope, std::string_view id, RestApi& api, IResource* parent, std::string path)
    : Construct(scope, id), api_(&api), parent_(parent), path_(std::move(path)) {}

Resource& IResource::add_resource(const std::string& path_part) {
  if (path_part.find('/') != std::string::npos)
    throw UsageError("PathPart", node().path(),
                     "path part must not contain '/', got '" + path_part + "'; use resource_for_path for a longer path");
  return add<Resource>(path_part);
}

Resource* IResource::get_resource(const std::string& path_part) const {
  return dynamic_cast<Resource*>(node().try_find_child(path_part));
}

IResource& IResource::resource_for_path(const std::string& path) {
  IResource* current = this;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (!part.empty()) {
      Resource* next = current->get_resource(part);
      current = next != nullptr ? next : &current->add_resource(part);
    }
    start = end + 1;
  }
  return *current;
}

Method& IResource::add_method(const std::string& http_method, const Integration& integration, MethodOptions options) {
  return add<Method>(http_method, {.integration = &integration, .options = std::move(options)});
}

RootResource::RootResource(Construct& scope, std::string_view id)
    : IResource(scope, id, dynamic_cast<RestApi&>(scope), nullptr, "/") {}

Value RootResource::resource_id() const { return api().root_resource_id(); }

Resource::Resource(Construct& scope, std::string_view id)
    : IResource(scope, id, parent_of(scope).api(), &parent_of(scope), child_path(parent_of(scope), id)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::ApiGateway::Resource",
                                             .properties = {{"ParentId", parent_resource()->resource_id()},
                                                            {"PathPart", std::string(id)},
                                                            {"RestApiId", api().rest_api_id()}}});
  resource_->set_comment("Path " + path() + " of API " + api().node().id());
  api().register_resource(*this);
  node().add_validation([this] { return validate(); });
}

std::vector<std::string> Resource::validate() const {
  // A plain part (`square`), a parameter (`{number}`) or a greedy one (`{proxy+}`), as CDK checks.
  static const std::regex plain(R"([a-zA-Z0-9._\-]+)");
  static const std::regex parameter(R"(\{[a-zA-Z0-9._\-]+\+?\})");
  std::vector<std::string> errors;
  const std::string& part = path_part();
  if (!std::regex_match(part, plain) && !std::regex_match(part, parameter))
    errors.push_back("path part must be letters, digits and ._- or a {parameter} / {parameter+}, got '" + part + "'");
  if (part.size() > 2 && part.ends_with("+}") && !node().children().empty())
    for (const auto& child : node().children())
      if (dynamic_cast<Resource*>(child.get()) != nullptr) {
        errors.push_back("greedy path parameter " + part + " must be the last part of a path, got a child '" +
                         child->node().id() + "'");
        break;
      }
  if (part.front() == '{') {
    // API Gateway allows one parameter among siblings, and a parameter name once per path.
    for (const auto& sibling : parent_resource()->node().children()) {
      if (sibling.get() == this) break;  // reported once, on the later sibling
      const auto* r = dynamic_cast<const Resource*>(sibling.get());
      if (r != nullptr && r->path_part().front() == '{') {
        errors.push_back("path parameter " + part + " has a sibling parameter " + r->path_part() +
                         "; API Gateway allows one parameter per level");
        break;
      }
    }
    for (const IResource* p = parent_resource(); p != nullptr; p = p->parent_resource()) {
      const auto* r = dynamic_cast<const Resource*>(p);
      if (r != nullptr && r->path_part() == part)
        errors.push_back("path parameter " + part + " appears twice in path " + path());
    }
  }
  return errors;
}

}  // namespace formwork::apigateway
