// The checks on TableProps, as small tables. Limits from the DynamoDB service quotas and the
// AWS::DynamoDB::Table registry schema.
#include <map>
#include <regex>

#include "constructs/dynamodb/table.hpp"

namespace formwork::dynamodb {
namespace {

void check_name(const char* what, const std::string& name, std::vector<std::string>& errors) {
  static const std::regex pattern("[a-zA-Z0-9_.-]{3,255}");
  if (!std::regex_match(name, pattern))
    errors.push_back(std::string(what) + " must be 3 to 255 characters of a-z A-Z 0-9 _ - ., got '" + name + "' (" +
                     std::to_string(name.size()) + " characters)");
}

void check_attribute(const char* what, const Attribute& a, std::vector<std::string>& errors) {
  if (a.name.empty() || a.name.size() > 255)
    errors.push_back(std::string(what) + " name must be 1 to 255 characters, got " + std::to_string(a.name.size()));
}

void check_capacity(const std::string& where, bool provisioned, std::optional<int> read, std::optional<int> write,
                    std::vector<std::string>& errors) {
  for (const auto& [what, value] : {std::pair{"read capacity", read}, std::pair{"write capacity", write}}) {
    if (!value) continue;
    if (!provisioned)
      errors.push_back(where + what + " applies only to billing mode Provisioned, got " + std::to_string(*value));
    else if (*value < 1)
      errors.push_back(where + what + " must be at least 1, got " + std::to_string(*value));
  }
}

}  // namespace

std::vector<std::string> Table::validate() const {
  std::vector<std::string> errors;
  const bool provisioned = props_.billing_mode == BillingMode::Provisioned;
  check_attribute("partition key", props_.partition_key, errors);
  if (props_.sort_key) check_attribute("sort key", *props_.sort_key, errors);
  if (props_.table_name) check_name("table name", *props_.table_name, errors);
  check_capacity("", provisioned, props_.read_capacity, props_.write_capacity, errors);
  if (props_.time_to_live_attribute && (props_.time_to_live_attribute->empty() || props_.time_to_live_attribute->size() > 255))
    errors.push_back("time to live attribute must be 1 to 255 characters, got " +
                     std::to_string(props_.time_to_live_attribute->size()));
  if (props_.global_secondary_indexes.size() > 20)
    errors.push_back("a table takes at most 20 global secondary indexes, got " +
                     std::to_string(props_.global_secondary_indexes.size()));

  // One type for each attribute name across the table's and the indexes' keys.
  std::map<std::string, AttributeType> types;
  auto same_type = [&](const Attribute& a) {
    auto [it, inserted] = types.emplace(a.name, a.type);
    if (!inserted && it->second != a.type)
      errors.push_back("key attribute '" + a.name + "' is given two different types");
  };
  same_type(props_.partition_key);
  if (props_.sort_key) same_type(*props_.sort_key);
  std::map<std::string, int> index_names;
  for (const auto& gsi : props_.global_secondary_indexes) {
    const std::string where = "global secondary index '" + gsi.index_name + "': ";
    check_name("global secondary index name", gsi.index_name, errors);
    if (++index_names[gsi.index_name] == 2) errors.push_back("two global secondary indexes are named '" + gsi.index_name + "'");
    check_attribute("global secondary index partition key", gsi.partition_key, errors);
    same_type(gsi.partition_key);
    if (gsi.sort_key) same_type(*gsi.sort_key);
    check_capacity(where, provisioned, gsi.read_capacity, gsi.write_capacity, errors);
    if (gsi.projection_type == ProjectionType::Include && gsi.non_key_attributes.empty())
      errors.push_back(where + "projection Include needs non_key_attributes");
    if (gsi.projection_type != ProjectionType::Include && !gsi.non_key_attributes.empty())
      errors.push_back(where + "non_key_attributes apply only to projection Include, got " +
                       std::to_string(gsi.non_key_attributes.size()));
    if (gsi.non_key_attributes.size() > 100)
      errors.push_back(where + "at most 100 non-key attributes, got " + std::to_string(gsi.non_key_attributes.size()));
  }
  return errors;
}

}  // namespace formwork::dynamodb
