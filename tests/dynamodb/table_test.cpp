// formwork::dynamodb::Table: keys, billing, TTL, point-in-time recovery, streams, indexes,
// grants with CDK's action lists and validation.
#include <catch2/catch.hpp>

#include "assertions/assertions.hpp"
#include "constructs/core/synthesis.hpp"
#include "constructs/dynamodb/table.hpp"
#include "constructs/iam/role.hpp"
#include "tests/support/lambda_fixtures.hpp"

// GCC 12 at -O3 reports -Wmaybe-uninitialized inside std::string for the nested designated
// initializers below (`.partition_key = {.name = "id", ...}` in a temporary TableProps): a false
// positive of its inliner in Release builds.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

using namespace formwork;
using assertions::Match;
using assertions::Template;
using testing::validation_errors;
using dynamodb::AttributeType;

TEST_CASE("a table with a partition key is on-demand and retained", "[dynamodb]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<dynamodb::Table>("Posts", {.partition_key = {.name = "id", .type = AttributeType::String}});
  Template t = Template::from_stack(stack);
  t.has_resource("AWS::DynamoDB::Table", Match::json(R"({
    "Properties": {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                   "BillingMode": "PAY_PER_REQUEST", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]},
    "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"})"));
  t.has_resource_properties("AWS::DynamoDB::Table", Match::object_like({{"StreamSpecification", Match::absent()},
                                                                       {"ProvisionedThroughput", Match::absent()}}));
  CHECK(synthesize(app).stacks[0].comments.at("Posts") == "Posts/Resource: DynamoDB table Posts keyed by id, on-demand");
}

TEST_CASE("table props become keys, capacity, TTL, recovery, stream and indexes", "[dynamodb]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<dynamodb::Table>("Orders", {
      .partition_key = {.name = "pk", .type = AttributeType::String},
      .sort_key = dynamodb::Attribute{.name = "sk", .type = AttributeType::Number},
      .table_name = "orders",
      .billing_mode = dynamodb::BillingMode::Provisioned,
      .read_capacity = 10,
      .time_to_live_attribute = "expires",
      .point_in_time_recovery = true,
      .stream = dynamodb::StreamViewType::NewAndOldImages,
      .global_secondary_indexes = {{.index_name = "byCustomer",
                                    .partition_key = {.name = "customer", .type = AttributeType::String},
                                    .sort_key = dynamodb::Attribute{.name = "sk", .type = AttributeType::Number},
                                    .projection_type = dynamodb::ProjectionType::Include,
                                    .non_key_attributes = {"total"}}},
      .removal_policy = RemovalPolicy::Delete,
  });
  Template t = Template::from_stack(stack);
  t.has_resource("AWS::DynamoDB::Table", Match::object_like({{"DeletionPolicy", "Delete"}, {"Properties", Match::exact(Match::json(R"({
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                             {"AttributeName": "customer", "AttributeType": "S"}],
    "BillingMode": "PROVISIONED",
    "GlobalSecondaryIndexes": [{"IndexName": "byCustomer",
      "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
      "Projection": {"NonKeyAttributes": ["total"], "ProjectionType": "INCLUDE"},
      "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true},
    "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 5},
    "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    "TableName": "orders",
    "TimeToLiveSpecification": {"AttributeName": "expires", "Enabled": true}})"))}}));
}

TEST_CASE("table grants use CDK's action lists, on the indexes too when there are some", "[dynamodb]") {
  App app;
  auto& stack = app.add<Stack>("S");
  auto& plain = stack.add<dynamodb::Table>("Plain", {.partition_key = {.name = "id", .type = AttributeType::String}});
  auto& indexed = stack.add<dynamodb::Table>("Indexed", {
      .partition_key = {.name = "id", .type = AttributeType::String},
      .stream = dynamodb::StreamViewType::KeysOnly,
      .global_secondary_indexes = {{.index_name = "byName", .partition_key = {.name = "name", .type = AttributeType::String}}}});
  auto& reader = stack.add<iam::Role>("Reader", {.assumed_by = "lambda.amazonaws.com"});
  auto& writer = stack.add<iam::Role>("Writer", {.assumed_by = "lambda.amazonaws.com"});
  auto& both = stack.add<iam::Role>("Both", {.assumed_by = "lambda.amazonaws.com"});
  auto& streamer = stack.add<iam::Role>("Streamer", {.assumed_by = "lambda.amazonaws.com"});
  plain.grant_read_data(reader);
  plain.grant_write_data(writer);
  indexed.grant_read_write_data(both);
  indexed.grant_stream_read(streamer);
  Template t = Template::from_stack(stack);
  auto policy_of = [&](const char* role, const std::string& statements) {
    t.has_resource_properties("AWS::IAM::Policy", Match::json(R"({"Roles": [{"Ref": ")" + std::string(role) +
                                                              R"("}], "PolicyDocument": {"Statement": )" + statements + "}}"));
  };
  policy_of("Reader", R"([{"Action": ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
    "dynamodb:GetItem", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:Query", "dynamodb:Scan"],
    "Resource": {"Fn::GetAtt": ["Plain", "Arn"]}}])");
  policy_of("Writer", R"([{"Action": ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable",
    "dynamodb:PutItem", "dynamodb:UpdateItem"], "Resource": {"Fn::GetAtt": ["Plain", "Arn"]}}])");
  policy_of("Both", R"([{"Action": ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:GetRecords",
    "dynamodb:GetShardIterator", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"],
    "Resource": [{"Fn::GetAtt": ["Indexed", "Arn"]}, {"Fn::Sub": "${Indexed.Arn}/index/*"}]}])");
  policy_of("Streamer", R"([{"Action": "dynamodb:ListStreams", "Resource": "*"},
    {"Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
     "Resource": {"Fn::GetAtt": ["Indexed", "StreamArn"]}}])");
}

TEST_CASE("table names, capacities, key types and indexes are checked with the value and the range", "[dynamodb]") {
  App app;
  auto& stack = app.add<Stack>("S");
  stack.add<dynamodb::Table>("A", {.partition_key = {.name = "", .type = AttributeType::String},
                                   .table_name = "a b", .read_capacity = 5});
  stack.add<dynamodb::Table>("B", {
      .partition_key = {.name = "id", .type = AttributeType::String},
      .billing_mode = dynamodb::BillingMode::Provisioned,
      .write_capacity = 0,
      .global_secondary_indexes = {{.index_name = "ix", .partition_key = {.name = "id", .type = AttributeType::Number},
                                    .projection_type = dynamodb::ProjectionType::Include}}});
  std::string errors = validation_errors(app);
  for (const char* expected : {
           "[S/A] partition key name must be 1 to 255 characters, got 0",
           "[S/A] table name must be 3 to 255 characters of a-z A-Z 0-9 _ - ., got 'a b' (3 characters)",
           "[S/A] read capacity applies only to billing mode Provisioned, got 5",
           "[S/B] write capacity must be at least 1, got 0",
           "[S/B] global secondary index name must be 3 to 255 characters of a-z A-Z 0-9 _ - ., got 'ix' (2 characters)",
           "[S/B] key attribute 'id' is given two different types",
           "[S/B] global secondary index 'ix': projection Include needs non_key_attributes",
       }) {
    INFO(errors);
    CHECK_THAT(errors, Catch::Contains(expected));
  }
}
