"""Ingest (UploadPipeline): records each file uploaded under uploads/ and announces it.

S3 invokes this function asynchronously with ObjectCreated records. For each object it reads
the content type (HeadObject), writes the file's item to the Files table (kept 30 days, then
DynamoDB's TTL removes it), and puts a `File Uploaded` event on the FileEvents bus. An error
raises, so Lambda retries the whole event; the writes are idempotent (same key, same item).
"""
import json
import os
import time
import urllib.parse

import boto3

KEEP_SECONDS = 30 * 24 * 3600
SOURCE = "formwork.uploads"
DETAIL_TYPE = "File Uploaded"

_clients = {}


def client(name):
    """One boto3 client per service, made on first use (and kept while the process is warm)."""
    if name not in _clients:
        _clients[name] = boto3.client(name)
    return _clients[name]


def describe(record):
    """The file an S3 ObjectCreated record is about: bucket, key (decoded), size, ETag, time."""
    s3 = record["s3"]
    return {
        "bucket": s3["bucket"]["name"],
        # S3 URL-encodes keys in events, with '+' for spaces.
        "key": urllib.parse.unquote_plus(s3["object"]["key"]),
        "size": int(s3["object"].get("size", 0)),
        "etag": s3["object"].get("eTag", ""),
        "uploadedAt": record["eventTime"],
    }


def handler(event, context):
    table = os.environ["TABLE_NAME"]
    bus = os.environ["EVENT_BUS_NAME"]
    entries = []
    for record in event.get("Records", []):
        if not record.get("eventName", "").startswith("ObjectCreated:"):
            continue
        file = describe(record)
        head = client("s3").head_object(Bucket=file["bucket"], Key=file["key"])
        file["contentType"] = head.get("ContentType", "binary/octet-stream")
        client("dynamodb").put_item(TableName=table, Item={
            "key": {"S": file["key"]},
            "size": {"N": str(file["size"])},
            "etag": {"S": file["etag"]},
            "contentType": {"S": file["contentType"]},
            "uploadedAt": {"S": file["uploadedAt"]},
            "expiresAt": {"N": str(int(time.time()) + KEEP_SECONDS)},
        })
        entries.append({"Source": SOURCE, "DetailType": DETAIL_TYPE, "Detail": json.dumps(file),
                        "EventBusName": bus})
    # PutEvents takes at most 10 entries; a partly failed call is an error too.
    for start in range(0, len(entries), 10):
        answer = client("events").put_events(Entries=entries[start:start + 10])
        if answer.get("FailedEntryCount", 0):
            raise RuntimeError(f"EventBridge refused {answer['FailedEntryCount']} events: {answer['Entries']}")
    print(json.dumps({"recorded": [json.loads(e["Detail"])["key"] for e in entries]}))
    return {"recorded": len(entries)}
