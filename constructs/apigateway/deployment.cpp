#include "constructs/apigateway/deployment.hpp"

#include "constructs/apigateway/rest_api.hpp"
#include "constructs/core/detail/hash.hpp"
#include "constructs/core/resolver.hpp"
#include "constructs/core/stack.hpp"

namespace formwork::apigateway {

Deployment::Deployment(Construct& scope, std::string_view id, DeploymentProps props)
    : Construct(scope, id), api_(&props.api) {
  std::string description = props.description.empty()
                                ? "Deployment of API " + api_->node().id() + ", replaced when its methods change"
                                : props.description;
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::ApiGateway::Deployment",
                                             .properties = {{"Description", description},
                                                            {"RestApiId", api_->rest_api_id()}}});
  resource_->set_comment("Snapshot of API " + api_->node().id() +
                         "'s methods; its logical ID ends with a hash of them, so any change deploys anew");
}

void Deployment::prepare() {
  // The API's resources and methods as the template will have them, tokens resolved: the
  // same definition gives the same hash, any change to one gives another. References into
  // other stacks resolve against a throw-away export list.
  CrossStackReferences references;
  Resolver resolver(Stack::of(*this), &references);
  std::string definition = api_->resource().render(resolver).value.dump();
  for (Resource* r : api_->resources()) definition += "\n" + r->resource().render(resolver).value.dump();
  for (Method* m : api_->methods()) definition += "\n" + m->resource().render(resolver).value.dump();
  hash_ = detail::md5_hex(definition).substr(0, 8);
  if (!base_logical_id_) base_logical_id_ = resource_->logical_id();
  resource_->override_logical_id(*base_logical_id_ + hash_);
}

}  // namespace formwork::apigateway
