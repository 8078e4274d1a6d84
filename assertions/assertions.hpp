#pragma once

// The assertions library's API: Template (from_stack, resource_count_is,
// has_resource_properties, has_output, find_resources) and Match.
#include "assertions/template.hpp"
