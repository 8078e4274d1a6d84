#pragma once

#include <string>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::lambda_event_sources::detail {

/// The AWS::Lambda::EventSourceMapping of `fn` for `source`: `<prefix><source id>` under the
/// function (`WorkerSqsEventSourceJobs`) or, for CDK's logical IDs, where CDK puts it:
/// `<prefix>:<source's unique id>/Resource` (`WorkerSqsEventSourceSqsToLambdaJobs23009B0A…`).
CfnResource& add_mapping(lambda::Function& fn, const std::string& prefix, const Construct& source);

}  // namespace formwork::lambda_event_sources::detail
