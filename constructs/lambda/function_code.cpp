// Function::bind_code: inline code goes into the template, a directory becomes an S3 asset.
#include "constructs/lambda/detail/code_asset.hpp"
#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

void Function::bind_code() {
  const Code& code = props_.code;
  if (code.is_inline()) {
    resource_->set_property("Code", Value::map({{"ZipFile", code.inline_source()}}));
    return;
  }
  detail::bind_asset_code(*this, *resource_, "Code", code.asset_path());
}

}  // namespace formwork::lambda
