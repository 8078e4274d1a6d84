#pragma once

// formwork's assertions, for the tests of a user's own stacks (Template, Match):
//
//   auto t = formwork::assertions::Template::from_stack(stack);
//   t.resource_count_is("AWS::SQS::Queue", 1);

#include "assertions/assertions.hpp"
