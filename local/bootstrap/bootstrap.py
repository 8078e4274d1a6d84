"""formwork local runtime: the bootstrap of a Python Lambda execution environment.

Started by formwork (local/runtime.cpp) as `python3 -u bootstrap.py` in the function's code
folder, with Lambda's environment variables. It imports the handler (_HANDLER) once, then
serves invocations one at a time: a JSON request a line on fd 3 (a socket), a JSON answer a
line back. The handler's stdout and stderr are the function's log. After each phase (init,
invocation) it writes the marker line "\\x1eFWEND" to stdout so formwork knows the log of the
phase is complete. Handler lookup, context and error payloads follow the AWS runtime
interface client (awslambdaric/bootstrap.py, lambda_context.py).
"""

import importlib
import json
import logging
import os
import socket
import sys
import time
import traceback

_END = "\x1eFWEND\n"


class _Fault(Exception):
    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []


class CognitoIdentity:
    cognito_identity_id = None
    cognito_identity_pool_id = None


class LambdaContext:
    """The `context` argument, with the attributes of the AWS Python runtime."""

    def __init__(self, request):
        self.aws_request_id = request["requestId"]
        self.invoked_function_arn = request["invokedFunctionArn"]
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = CognitoIdentity()
        self.client_context = request.get("clientContext")
        self.tenant_id = None
        self._deadline_ms = request["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},function_name={},"
            "memory_limit_in_mb={},function_version={},invoked_function_arn={},client_context={},identity={}])"
        ).format(self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                 self.memory_limit_in_mb, self.function_version, self.invoked_function_arn,
                 self.client_context, self.identity)


def _get_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise _Fault("Runtime.MalformedHandlerName", "Bad handler '{}': {}".format(handler, e))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise _Fault("Runtime.BuiltInModuleConflict",
                         "Cannot use built-in module {} as a handler module".format(modname))
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise _Fault("Runtime.ImportModuleError", "Unable to import module '{}': {}".format(modname, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise _Fault("Runtime.UserCodeSyntaxError", "Syntax error in module '{}': {}".format(modname, e), trace)
    handler_function = getattr(module, fname, None)
    if handler_function is None:
        raise _Fault("Runtime.HandlerNotFound", "Handler '{}' missing on module '{}'".format(fname, modname))
    return handler_function


def _user_trace(tb):
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if not frame.filename.endswith("bootstrap.py"):
            return traceback.format_list(frames[i:])
    return []


def _error_payload(error_type, message, request_id, trace):
    payload = {"errorMessage": message, "errorType": error_type}
    if request_id is not None:
        payload["requestId"] = request_id
    payload["stackTrace"] = trace
    return payload


def _log_error(payload):
    text = "[ERROR] {}: {}".format(payload["errorType"], payload["errorMessage"])
    if payload["stackTrace"]:
        text += "\nTraceback (most recent call last):\n" + "".join(payload["stackTrace"])
    sys.stderr.write(text.rstrip("\n") + "\n")


def _end_phase():
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(1, _END.encode())


class _RequestIdFilter(logging.Filter):
    request_id = ""

    def filter(self, record):
        record.aws_request_id = _RequestIdFilter.request_id
        return True


def _setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(_RequestIdFilter())
    logging.getLogger().addHandler(handler)


def main():
    channel = socket.socket(fileno=3)
    os.set_inheritable(3, False)
    reader = channel.makefile("rb")

    def send(message):
        channel.sendall((json.dumps(message) + "\n").encode())

    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    _setup_logging()
    try:
        handler = _get_handler(os.environ["_HANDLER"])
    except _Fault as fault:
        payload = _error_payload(fault.error_type, fault.message, "", fault.trace)
        _log_error(payload)
        _end_phase()
        send({"type": "init_error", "payload": json.dumps(payload)})
        return 1
    except Exception as error:  # the module raised while being imported
        payload = _error_payload(type(error).__name__, str(error), "", _user_trace(sys.exc_info()[2]))
        _log_error(payload)
        _end_phase()
        send({"type": "init_error", "payload": json.dumps(payload)})
        return 1
    _end_phase()
    send({"type": "ready"})

    for line in reader:
        request = json.loads(line)
        request_id = request["requestId"]
        _RequestIdFilter.request_id = request_id
        os.environ["_X_AMZN_TRACE_ID"] = request.get("traceId", "")
        try:
            event = json.loads(request["event"])
            result = handler(event, LambdaContext(request))
            try:
                answer = {"type": "result", "payload": json.dumps(result)}
            except (TypeError, ValueError) as error:
                payload = _error_payload("Runtime.MarshalError", "Unable to marshal response: {}".format(error),
                                         request_id, [])
                _log_error(payload)
                answer = {"type": "error", "payload": json.dumps(payload)}
        except Exception as error:  # SystemExit and KeyboardInterrupt end the process, as on AWS
            payload = _error_payload(type(error).__name__, str(error), request_id, _user_trace(sys.exc_info()[2]))
            _log_error(payload)
            answer = {"type": "error", "payload": json.dumps(payload)}
        _end_phase()
        send(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
