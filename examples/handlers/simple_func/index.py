"""SimpleFunc (LambdaAsyncDlq): greets the event's `name`, and fails when it is empty.

Invoked asynchronously, a failure is retried twice; then Lambda puts the event on the
dead-letter queue.
"""


def handler(event, context):
    name = (event or {}).get("name", "")
    if not name:
        raise ValueError("the event has no name")
    return {"message": f"Hello, {name}!"}
