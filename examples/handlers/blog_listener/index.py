"""Listener (BlogStack): counts, per day, the posts announced on the BlogEvents topic.

SNS invokes it asynchronously with one record. A PostPublished message adds 1 to the item
`stats#<day>` of the Posts table (an atomic ADD, so concurrent deliveries count right); any
other message is logged and ignored. Its only right on the table is dynamodb:UpdateItem
(the function's initial policy).
"""
import json
import os
import time

import boto3

_dynamodb = None


def handler(event, context):
    global _dynamodb
    counted = 0
    for record in event.get("Records", []):
        sns = record["Sns"]
        try:
            message = json.loads(sns["Message"])
        except ValueError:
            message = {}
        if message.get("type") != "PostPublished":
            print(json.dumps({"ignored": sns.get("MessageId"), "stage": os.environ.get("STAGE")}))
            continue
        day = (sns.get("Timestamp") or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))[:10]
        _dynamodb = _dynamodb or boto3.client("dynamodb")
        _dynamodb.update_item(TableName=os.environ["TABLE_NAME"], Key={"id": {"S": "stats#" + day}},
                              UpdateExpression="ADD posts :one", ExpressionAttributeValues={":one": {"N": "1"}})
        print(json.dumps({"counted": message.get("id"), "day": day, "stage": os.environ.get("STAGE")}))
        counted += 1
    return {"counted": counted}
