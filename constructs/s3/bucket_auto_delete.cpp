// auto_delete_objects: a custom resource whose function empties the bucket when CloudFormation
// deletes it (or replaces it with a bucket of another name), as CDK's Custom::S3AutoDeleteObjects.
#include "constructs/iam/role.hpp"
#include "constructs/s3/bucket.hpp"

namespace formwork::s3 {
namespace {

// Runs with the Python runtime's boto3 and cfnresponse (available to inline `ZipFile` code).
// Deletes every version and delete marker (an unversioned bucket lists its objects as versions
// too). Create does nothing; Update empties the old bucket when the name changed, because
// CloudFormation then deletes it.
constexpr const char* kHandler = R"(import boto3
import cfnresponse


def empty(name):
    boto3.resource("s3").Bucket(name).object_versions.delete()


def handler(event, context):
    try:
        props = event["ResourceProperties"]
        if event["RequestType"] == "Delete":
            empty(props["BucketName"])
        elif event["RequestType"] == "Update":
            old = event["OldResourceProperties"]["BucketName"]
            if old != props["BucketName"]:
                empty(old)
        cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, props["BucketName"])
    except Exception as error:  # report, or CloudFormation waits an hour for an answer
        cfnresponse.send(event, context, cfnresponse.FAILED, {"Error": str(error)})
)";

}  // namespace

void Bucket::add_auto_delete_objects() {
  const std::string name = node().id();
  auto& role = add<iam::Role>("AutoDeleteObjectsRole", {
      .assumed_by = "lambda.amazonaws.com",
      .managed_policy_arns = {iam::Role::aws_managed_policy("service-role/AWSLambdaBasicExecutionRole")},
  });
  role.resource().set_comment("Role of the function that empties bucket " + name + " when the stack deletes it");
  role.add_to_principal_policy(
      iam::PolicyStatement{.actions = {"s3:DeleteObject*", "s3:GetBucket*", "s3:List*"},
                           .resources = {bucket_arn(), arn_for_objects("*")}},
      "empty bucket " + name + " when the stack deletes it");

  auto& handler = add<CfnResource>("AutoDeleteObjectsHandler", {.type = "AWS::Lambda::Function"});
  handler.set_property("Code", Value::map({{"ZipFile", kHandler}}));
  handler.set_property("Description", "Empties bucket " + name + " when CloudFormation deletes it");
  handler.set_property("Handler", "index.handler");
  handler.set_property("Role", role.role_arn());
  handler.set_property("Runtime", "python3.12");
  handler.set_property("Timeout", 900);
  handler.add_depends_on(role.default_policy()->resource());
  handler.set_comment("Function that empties bucket " + name + " when the stack deletes it (auto_delete_objects)");

  // It references the bucket, so CloudFormation deletes it (emptying the bucket) before the bucket.
  auto& custom = add<CfnResource>("AutoDeleteObjects", {.type = "Custom::S3AutoDeleteObjects"});
  custom.set_property("BucketName", bucket_name());
  custom.set_property("ServiceToken", handler.get_att("Arn"));
  custom.apply_removal_policy(RemovalPolicy::Delete);
  custom.set_comment("Empties bucket " + name + " before CloudFormation deletes it");
}

}  // namespace formwork::s3
