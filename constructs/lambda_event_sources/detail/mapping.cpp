#include "constructs/lambda_event_sources/detail/mapping.hpp"

#include "constructs/core/group.hpp"
#include "constructs/core/logical_ids.hpp"

namespace formwork::lambda_event_sources::detail {

CfnResource& add_mapping(lambda::Function& fn, const std::string& prefix, const Construct& source) {
  const CfnResourceProps props{.type = "AWS::Lambda::EventSourceMapping"};
  if (!cdk_compatible(fn)) return fn.add<CfnResource>(prefix + source.node().id(), props);
  return fn.add<Group>(prefix + ":" + cdk_unique_id(source)).add<CfnResource>("Resource", props);
}

}  // namespace formwork::lambda_event_sources::detail
