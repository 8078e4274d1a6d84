#include "constructs/dynamodb/table.hpp"

#include <array>
#include <set>

namespace formwork::dynamodb {
namespace {

// The actions of each intent grant: the C++ form of CDK's aws-dynamodb perms.ts.
constexpr std::array<const char*, 7> kReadDataActions = {
    "dynamodb:BatchGetItem", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:Query",
    "dynamodb:GetItem",      "dynamodb:Scan",       "dynamodb:ConditionCheckItem"};
constexpr std::array<const char*, 4> kWriteDataActions = {"dynamodb:BatchWriteItem", "dynamodb:PutItem",
                                                          "dynamodb:UpdateItem", "dynamodb:DeleteItem"};
constexpr std::array<const char*, 1> kDescribeTable = {"dynamodb:DescribeTable"};
constexpr std::array<const char*, 3> kReadStreamActions = {"dynamodb:DescribeStream", "dynamodb:GetRecords",
                                                           "dynamodb:GetShardIterator"};

template <std::size_t... N>
std::vector<std::string> actions(const std::array<const char*, N>&... lists) {
  std::vector<std::string> out;
  (out.insert(out.end(), lists.begin(), lists.end()), ...);
  return out;
}

const char* type_code(AttributeType t) {
  switch (t) {
    case AttributeType::String: return "S";
    case AttributeType::Number: return "N";
    case AttributeType::Binary: return "B";
  }
  return "S";
}

const char* stream_view(StreamViewType t) {
  switch (t) {
    case StreamViewType::KeysOnly: return "KEYS_ONLY";
    case StreamViewType::NewImage: return "NEW_IMAGE";
    case StreamViewType::OldImage: return "OLD_IMAGE";
    case StreamViewType::NewAndOldImages: return "NEW_AND_OLD_IMAGES";
  }
  return "KEYS_ONLY";
}

const char* projection(ProjectionType t) {
  switch (t) {
    case ProjectionType::All: return "ALL";
    case ProjectionType::KeysOnly: return "KEYS_ONLY";
    case ProjectionType::Include: return "INCLUDE";
  }
  return "ALL";
}

Value key_schema(const Attribute& partition, const std::optional<Attribute>& sort) {
  Value::List keys = {Value::map({{"AttributeName", partition.name}, {"KeyType", "HASH"}})};
  if (sort) keys.push_back(Value::map({{"AttributeName", sort->name}, {"KeyType", "RANGE"}}));
  return keys;
}

Value throughput(std::optional<int> read, std::optional<int> write) {
  return Value::map({{"ReadCapacityUnits", read.value_or(5)}, {"WriteCapacityUnits", write.value_or(5)}});
}

}  // namespace

Table::Table(Construct& scope, std::string_view id, TableProps props) : Construct(scope, id), props_(std::move(props)) {
  resource_ = &add<CfnResource>("Resource", {.type = "AWS::DynamoDB::Table"});
  resource_->apply_removal_policy(props_.removal_policy);
  node().add_validation([this] { return validate(); });
}

void Table::prepare() {
  CfnResource& r = *resource_;
  const bool provisioned = props_.billing_mode == BillingMode::Provisioned;
  // Every key attribute (table and indexes) once, in order of first use.
  Value::List definitions;
  std::set<std::string> defined;
  auto define = [&](const Attribute& a) {
    if (defined.insert(a.name).second)
      definitions.push_back(Value::map({{"AttributeName", a.name}, {"AttributeType", type_code(a.type)}}));
  };
  define(props_.partition_key);
  if (props_.sort_key) define(*props_.sort_key);
  Value::List indexes;
  for (const auto& gsi : props_.global_secondary_indexes) {
    define(gsi.partition_key);
    if (gsi.sort_key) define(*gsi.sort_key);
    Value::Map proj = {{"ProjectionType", projection(gsi.projection_type)}};
    if (!gsi.non_key_attributes.empty())
      proj.insert(proj.begin(), {"NonKeyAttributes", Value::List(gsi.non_key_attributes.begin(), gsi.non_key_attributes.end())});
    Value::Map index = {{"IndexName", gsi.index_name},
                        {"KeySchema", key_schema(gsi.partition_key, gsi.sort_key)},
                        {"Projection", Value::map(std::move(proj))}};
    if (provisioned) index.emplace_back("ProvisionedThroughput", throughput(gsi.read_capacity, gsi.write_capacity));
    indexes.push_back(Value::map(std::move(index)));
  }
  r.set_property("AttributeDefinitions", std::move(definitions));
  r.set_property("BillingMode", provisioned ? "PROVISIONED" : "PAY_PER_REQUEST");
  if (!indexes.empty()) r.set_property("GlobalSecondaryIndexes", std::move(indexes));
  r.set_property("KeySchema", key_schema(props_.partition_key, props_.sort_key));
  if (props_.point_in_time_recovery)
    r.set_property("PointInTimeRecoverySpecification", Value::map({{"PointInTimeRecoveryEnabled", true}}));
  if (provisioned) r.set_property("ProvisionedThroughput", throughput(props_.read_capacity, props_.write_capacity));
  if (props_.stream) r.set_property("StreamSpecification", Value::map({{"StreamViewType", stream_view(*props_.stream)}}));
  if (props_.table_name) r.set_property("TableName", *props_.table_name);
  if (props_.time_to_live_attribute)
    r.set_property("TimeToLiveSpecification",
                   Value::map({{"AttributeName", *props_.time_to_live_attribute}, {"Enabled", true}}));

  std::string comment = "DynamoDB table " + node().id() + " keyed by " + props_.partition_key.name;
  if (props_.sort_key) comment += " and " + props_.sort_key->name;
  comment += provisioned ? ", provisioned capacity" : ", on-demand";
  if (props_.stream) comment += std::string(", streams ") + stream_view(*props_.stream);
  if (props_.time_to_live_attribute) comment += ", items expire at " + *props_.time_to_live_attribute;
  if (r.comment().empty() || r.comment().rfind("DynamoDB table ", 0) == 0) r.set_comment(comment);
}

iam::Grant Table::grant_read_data(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "read table " + node().id();
  return grant(grantee, actions(kReadDataActions, kDescribeTable), std::move(reason));
}

iam::Grant Table::grant_write_data(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "write to table " + node().id();
  return grant(grantee, actions(kWriteDataActions, kDescribeTable), std::move(reason));
}

iam::Grant Table::grant_read_write_data(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "read and write table " + node().id();
  return grant(grantee, actions(kReadDataActions, kWriteDataActions, kDescribeTable), std::move(reason));
}

iam::Grant Table::grant_stream_read(iam::IGrantable& grantee, std::string reason) {
  if (reason.empty()) reason = "read the stream of table " + node().id();
  iam::Grant::add_to_principal(grantee, {.actions = {"dynamodb:ListStreams"}, .resource_arns = {"*"}, .reason = reason});
  return iam::Grant::add_to_principal(
      grantee, {.actions = actions(kReadStreamActions), .resource_arns = {table_stream_arn()}, .reason = {}});
}

iam::Grant Table::grant(iam::IGrantable& grantee, std::vector<std::string> action_list, std::string reason) {
  if (reason.empty()) {
    reason = "use table " + node().id() + " (";
    for (std::size_t i = 0; i < action_list.size(); ++i) reason += (i ? ", " : "") + action_list[i];
    reason += ")";
  }
  std::vector<Value> resources = {table_arn()};
  if (!props_.global_secondary_indexes.empty()) resources.push_back(Value::sub("${Arn}/index/*", {{"Arn", table_arn()}}));
  return iam::Grant::add_to_principal(
      grantee, {.actions = std::move(action_list), .resource_arns = std::move(resources), .reason = std::move(reason)});
}

}  // namespace formwork::dynamodb
