"""Auditor (UploadPipeline): the audit trail of the Files table, from its DynamoDB stream.

The event source mapping passes only INSERT and REMOVE records (filter criteria). Each becomes
one JSON line in the function's log: `uploaded`, `expired` (DynamoDB's TTL removed the item:
the record's userIdentity is dynamodb.amazonaws.com) or `deleted`. A record it cannot read
is reported in batchItemFailures, so Lambda retries from that record on (bisecting the batch)
and, past the retries, sends its description to the Failures queue.
"""
import json


def audit_line(record):
    """The audit entry of one stream record; raises KeyError/ValueError on a malformed one."""
    change = record["dynamodb"]
    name = record["eventName"]
    if name == "INSERT":
        image = change["NewImage"]
        action = "uploaded"
    elif name == "REMOVE":
        image = change["OldImage"]
        by_ttl = record.get("userIdentity", {}).get("principalId") == "dynamodb.amazonaws.com"
        action = "expired" if by_ttl else "deleted"
    else:
        raise ValueError(f"unexpected event {name}")
    return {
        "action": action,
        "key": image["key"]["S"],
        "size": int(image["size"]["N"]),
        "contentType": image.get("contentType", {}).get("S", ""),
        "at": change.get("ApproximateCreationDateTime"),
    }


def handler(event, context):
    failures = []
    for record in event.get("Records", []):
        try:
            print(json.dumps(audit_line(record)))
        except (KeyError, ValueError, TypeError) as error:
            sequence = record.get("dynamodb", {}).get("SequenceNumber", "")
            print(json.dumps({"action": "unreadable", "sequenceNumber": sequence, "error": repr(error)}))
            failures.append({"itemIdentifier": sequence})
            # Lambda retries from the first failed record on; later ones would be redone anyway.
            break
    return {"batchItemFailures": failures}
