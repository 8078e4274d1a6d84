import json


def handler(event, context):
    """Worker (SqsToLambda): processes SQS batches; reports only failed messages for retry."""
    records = (event or {}).get("Records")
    if records is None:
        print("scheduled run: nothing to poll, the event source mapping delivers messages")
        return {"batchItemFailures": []}
    failures = []
    for record in records:
        try:
            job = json.loads(record["body"])
            if "id" not in job:
                raise ValueError("job without id")
            print(f"processed job {job['id']}")
        except Exception as error:  # one bad message must not fail the whole batch
            print(f"failed message {record['messageId']}: {error}")
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
