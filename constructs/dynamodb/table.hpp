#pragma once

#include <optional>
#include <string>
#include <vector>

#include "constructs/core/cfn_resource.hpp"
#include "constructs/iam/grant.hpp"

namespace formwork::dynamodb {

enum class AttributeType { String, Number, Binary };

/// A key attribute: its name and type (`S`, `N` or `B`).
struct Attribute {
  /// 1 to 255 characters. Required.
  std::string name;
  /// Required.
  AttributeType type;
};

enum class BillingMode {
  /// On-demand: pay per request, no capacity to plan (`PAY_PER_REQUEST`).
  PayPerRequest,
  /// Provisioned read and write capacity units (`PROVISIONED`).
  Provisioned,
};

/// What each stream record holds.
enum class StreamViewType { KeysOnly, NewImage, OldImage, NewAndOldImages };

enum class ProjectionType { All, KeysOnly, Include };

/// A global secondary index (`GlobalSecondaryIndexes[]`).
struct GlobalSecondaryIndex {
  /// 3 to 255 characters of a-z A-Z 0-9 _ - . Required.
  std::string index_name;
  /// Required.
  Attribute partition_key;
  /// Default: none (a simple key).
  std::optional<Attribute> sort_key = std::nullopt;
  /// Default: All (every attribute is copied into the index).
  ProjectionType projection_type = ProjectionType::All;
  /// Include only: the attributes copied besides the keys. Default: none.
  std::vector<std::string> non_key_attributes = {};
  /// Provisioned tables only, at least 1. Default: 5.
  std::optional<int> read_capacity = std::nullopt;
  /// Provisioned tables only, at least 1. Default: 5.
  std::optional<int> write_capacity = std::nullopt;
};

struct TableProps {
  /// Required.
  Attribute partition_key;
  /// Default: none (a simple primary key).
  std::optional<Attribute> sort_key = std::nullopt;
  /// 3 to 255 characters of a-z A-Z 0-9 _ - . Default: a name CloudFormation generates.
  std::optional<std::string> table_name = std::nullopt;
  /// Default: PayPerRequest (on-demand).
  BillingMode billing_mode = BillingMode::PayPerRequest;
  /// Provisioned only, at least 1. Default: 5.
  std::optional<int> read_capacity = std::nullopt;
  /// Provisioned only, at least 1. Default: 5.
  std::optional<int> write_capacity = std::nullopt;
  /// The attribute holding each item's expiry time (epoch seconds). Default: no TTL.
  std::optional<std::string> time_to_live_attribute = std::nullopt;
  /// Continuous backups you can restore to any second of the last 35 days. Default: false.
  bool point_in_time_recovery = false;
  /// A stream of item changes (needed by DynamoEventSource). Default: no stream.
  std::optional<StreamViewType> stream = std::nullopt;
  /// At most 20. Default: none.
  std::vector<GlobalSecondaryIndex> global_secondary_indexes = {};
  /// Default: Retain (the table and its data stay when it leaves the stack).
  RemovalPolicy removal_policy = RemovalPolicy::Retain;
};

/// A DynamoDB table (`AWS::DynamoDB::Table`).
///
///   auto& posts = stack.add<dynamodb::Table>("Posts", {
///       .partition_key = {.name = "id", .type = dynamodb::AttributeType::String},
///       .stream = dynamodb::StreamViewType::NewAndOldImages});
///   posts.grant_read_write_data(api);
class Table : public Construct {
 public:
  using Props = TableProps;
  Table(Construct& scope, std::string_view id, TableProps props);

  /// `!Ref Table`: the table name.
  [[nodiscard]] Value table_name() const { return resource_->ref(); }
  /// `!GetAtt Table.Arn`.
  [[nodiscard]] Value table_arn() const { return resource_->get_att("Arn"); }
  /// `!GetAtt Table.StreamArn` (the table needs a stream).
  [[nodiscard]] Value table_stream_arn() const { return resource_->get_att("StreamArn"); }
  [[nodiscard]] bool has_stream() const { return props_.stream.has_value(); }
  [[nodiscard]] const TableProps& props() const { return props_; }
  [[nodiscard]] CfnResource& resource() { return *resource_; }
  [[nodiscard]] const CfnResource& resource() const { return *resource_; }

  /// CDK's read actions (BatchGetItem, GetRecords, GetShardIterator, Query, GetItem, Scan,
  /// ConditionCheckItem) and DescribeTable, on the table and its indexes.
  iam::Grant grant_read_data(iam::IGrantable& grantee, std::string reason = {});
  /// BatchWriteItem, PutItem, UpdateItem, DeleteItem and DescribeTable, on the table and its indexes.
  iam::Grant grant_write_data(iam::IGrantable& grantee, std::string reason = {});
  /// The read and the write actions, on the table and its indexes.
  iam::Grant grant_read_write_data(iam::IGrantable& grantee, std::string reason = {});
  /// dynamodb:ListStreams on `*`, and DescribeStream, GetRecords, GetShardIterator on the stream.
  iam::Grant grant_stream_read(iam::IGrantable& grantee, std::string reason = {});
  /// Any actions on the table and its indexes.
  iam::Grant grant(iam::IGrantable& grantee, std::vector<std::string> actions, std::string reason = {});

  void prepare() override;

 private:
  [[nodiscard]] std::vector<std::string> validate() const;

  TableProps props_;
  CfnResource* resource_;
};

}  // namespace formwork::dynamodb
