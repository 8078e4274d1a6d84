#include "constructs/lambda/version.hpp"

#include "constructs/lambda/function.hpp"

namespace formwork::lambda {

Version::Version(Construct& scope, std::string_view id, VersionProps props)
    : Construct(scope, id), function_(props.function), description_(std::move(props.description)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Lambda::Version"});
  resource_->set_property("FunctionName", function_.function_name());
  if (description_) resource_->set_property("Description", *description_);
  resource_->set_comment("Version " + std::string(id) + ": publishes the code and configuration of function " +
                         function_.node().id() + " as they are when it is created");
  node().add_validation([this]() -> std::vector<std::string> {
    if (description_ && description_->size() > 256)
      return {"version description must be at most 256 characters, got " + std::to_string(description_->size())};
    return {};
  });
}

}  // namespace formwork::lambda
