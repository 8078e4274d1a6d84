#pragma once

#include <string_view>

#include "constructs/core/construct.hpp"

namespace formwork {

/// A construct that only groups others under its id: what CDK code writes as
/// `new Construct(scope, id)`. Its id is part of its children's paths, hence of their logical
/// IDs (`Api/Users/Resource` reads `ApiUsers`).
///
///   auto& users = stack.add<Group>("Users");
///   users.add<sqs::Queue>("Inbox");  // logical ID UsersInbox
class Group : public Construct {
 public:
  Group(Construct& scope, std::string_view id);
};

}  // namespace formwork
