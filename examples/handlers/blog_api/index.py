"""Api (BlogStack): the blog's REST API behind a proxy LambdaRestApi.

  GET  /posts              the posts, newest first
  POST /posts              {"title", "body"} -> 201 {"id", ...}; announces it on the topic
  GET  /posts/{id}         one post, or 404
  PUT  /documents/{name}   stores the request body (binary media types arrive base64-encoded)
  GET  /documents/{name}   the stored document, base64 with isBase64Encoded (API Gateway sends
                           bytes when the request's Accept is a binary media type)
"""
import base64
import json
import os
import time
import uuid

import boto3

_clients = {}


def client(name):
    """One boto3 client per service, made on first use (and kept while the process is warm)."""
    if name not in _clients:
        _clients[name] = boto3.client(name)
    return _clients[name]


def answer(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def request_body(event):
    body = event.get("body") or ""
    return base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()


def post_of(item):
    return {"id": item["id"]["S"], "title": item["title"]["S"], "body": item["body"]["S"],
            "createdAt": int(item["createdAt"]["N"])}


def list_posts():
    items = client("dynamodb").scan(TableName=os.environ["TABLE_NAME"], FilterExpression="begins_with(id, :p)",
                                    ExpressionAttributeValues={":p": {"S": "post#"}}).get("Items", [])
    return answer(200, sorted((post_of(i) for i in items), key=lambda p: -p["createdAt"]))


def create_post(event):
    try:
        fields = json.loads(request_body(event) or b"{}")
        title, body = str(fields["title"]), str(fields["body"])
    except (ValueError, KeyError, TypeError):
        return answer(400, {"error": "expected JSON {\"title\": ..., \"body\": ...}"})
    post = {"id": "post#" + uuid.uuid4().hex[:12], "title": title, "body": body, "createdAt": int(time.time())}
    client("dynamodb").put_item(TableName=os.environ["TABLE_NAME"], Item={
        "id": {"S": post["id"]}, "title": {"S": title}, "body": {"S": body}, "createdAt": {"N": str(post["createdAt"])}})
    client("sns").publish(TopicArn=os.environ["TOPIC_ARN"], Subject="PostPublished",
                          Message=json.dumps({"type": "PostPublished", "id": post["id"], "title": title}))
    return answer(201, post)


def get_post(post_id):
    item = client("dynamodb").get_item(TableName=os.environ["TABLE_NAME"], Key={"id": {"S": post_id}}).get("Item")
    return answer(200, post_of(item)) if item else answer(404, {"error": f"no post {post_id}"})


def put_document(name, event):
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    content_type = headers.get("content-type", "application/octet-stream")
    data = request_body(event)
    client("s3").put_object(Bucket=os.environ["BUCKET_NAME"], Key="documents/" + name, Body=data,
                            ContentType=content_type)
    return answer(201, {"name": name, "size": len(data), "contentType": content_type})


def get_document(name):
    try:
        obj = client("s3").get_object(Bucket=os.environ["BUCKET_NAME"], Key="documents/" + name)
    except client("s3").exceptions.NoSuchKey:
        return answer(404, {"error": f"no document {name}"})
    return {"statusCode": 200, "headers": {"Content-Type": obj.get("ContentType", "application/octet-stream")},
            "body": base64.b64encode(obj["Body"].read()).decode(), "isBase64Encoded": True}


def handler(event, context):
    method = event.get("httpMethod", "GET")
    parts = [p for p in (event.get("path") or "/").split("/") if p]
    if parts == []:
        return answer(200, {"blog": "formwork", "stage": os.environ.get("STAGE", ""),
                            "routes": ["GET /posts", "POST /posts", "GET /posts/{id}",
                                       "PUT /documents/{name}", "GET /documents/{name}"]})
    if parts == ["posts"] and method == "GET":
        return list_posts()
    if parts == ["posts"] and method == "POST":
        return create_post(event)
    if len(parts) == 2 and parts[0] == "posts" and method == "GET":
        return get_post(parts[1])
    if len(parts) == 2 and parts[0] == "documents" and method == "PUT":
        return put_document(parts[1], event)
    if len(parts) == 2 and parts[0] == "documents" and method == "GET":
        return get_document(parts[1])
    return answer(404, {"error": f"no route {method} /{'/'.join(parts)}"})
