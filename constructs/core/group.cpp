#include "constructs/core/group.hpp"

namespace formwork {

Group::Group(Construct& scope, std::string_view id) : Construct(scope, id) {}

}  // namespace formwork
