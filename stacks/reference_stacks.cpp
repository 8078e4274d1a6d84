#include "stacks/reference_stacks.hpp"

namespace stacks {

void add_reference_stacks(formwork::App& /*app*/) {}

}  // namespace stacks
