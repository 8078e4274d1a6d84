#include "constructs/cfn/l1.hpp"

namespace formwork::cfn {

void put(Value::Map& out, const char* name, const Value& value) {
  if (!value.is_null()) out.emplace_back(name, value);
}

}  // namespace formwork::cfn
