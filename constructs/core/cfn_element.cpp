#include "constructs/core/cfn_element.hpp"

#include "constructs/core/stack.hpp"

namespace formwork {

CfnElement::CfnElement(Construct& scope, std::string_view id) : Construct(scope, id), stack_(&Stack::of(scope)) {}

std::string CfnElement::logical_id() const { return stack_->logical_id(*this); }

}  // namespace formwork
