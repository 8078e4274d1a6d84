"""Returns what a handler sees: its context, some environment variables, its process id."""
import os

_COLD = {"count": 0}


def handler(event, context):
    _COLD["count"] += 1
    print(f"invocation {_COLD['count']} in process {os.getpid()}")
    return {
        "event": event,
        "pid": os.getpid(),
        "invocations_in_process": _COLD["count"],
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "invoked_function_arn": context.invoked_function_arn,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "env": {k: os.environ.get(k) for k in (
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_REGION", "_HANDLER",
            "LAMBDA_TASK_ROOT", "TZ", "STAGE", "HOME_OF_TEST")},
        "cwd": os.getcwd(),
    }
