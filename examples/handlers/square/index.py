"""Squares a number: the handler behind GET /square/{number} of the AsyncSquareApi stack.

API Gateway's request template sends {"number": "<path parameter>"}. A synchronous call
answers the client with {"input": n, "square": n*n}; an asynchronous one (the client sent
`InvocationType: Event`) sends the same answer to the on-success destination queue.
"""


def handler(event, context):
    raw = event.get("number") if isinstance(event, dict) else None
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        # API Gateway's integration response matches this text (selection pattern) -> 400.
        raise ValueError(f"number must be an integer, got {raw!r}")
    return {"input": number, "square": number * number}
