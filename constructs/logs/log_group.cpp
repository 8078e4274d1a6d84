#include "constructs/logs/log_group.hpp"

#include <algorithm>
#include <array>
#include <regex>

namespace formwork::logs {

namespace {

// The retention periods CloudWatch Logs accepts (the RetentionInDays enum of its schema).
constexpr std::array<int, 22> kRetentionDays = {1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                                365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

std::string retention_list() {
  std::string text;
  for (int days : kRetentionDays) text += (text.empty() ? "" : ", ") + std::to_string(days);
  return text;
}

}  // namespace

LogGroup::LogGroup(Construct& scope, std::string_view id, LogGroupProps props)
    : Construct(scope, id), props_(std::move(props)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::Logs::LogGroup"});
  resource_->set_comment("Log group " + std::string(id));
  if (props_.log_group_name) resource_->set_property("LogGroupName", *props_.log_group_name);
  if (props_.retention_days) resource_->set_property("RetentionInDays", *props_.retention_days);
  resource_->apply_removal_policy(props_.removal_policy);

  node().add_validation([this]() -> std::vector<std::string> {
    std::vector<std::string> errors;
    if (props_.retention_days &&
        std::find(kRetentionDays.begin(), kRetentionDays.end(), *props_.retention_days) == kRetentionDays.end())
      errors.push_back("log retention must be one of " + retention_list() + " days, got " +
                       std::to_string(*props_.retention_days));
    if (props_.log_group_name) {
      static const std::regex pattern("[.\\-_/#A-Za-z0-9]{1,512}");
      if (!std::regex_match(*props_.log_group_name, pattern))
        errors.push_back("log group name must be 1 to 512 characters of A-Z a-z 0-9 . - _ / #, got '" +
                         *props_.log_group_name + "'");
    }
    return errors;
  });
}

}  // namespace formwork::logs
