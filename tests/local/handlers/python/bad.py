"""Handlers that misbehave, one a function (tests/local/runtime_test.cpp)."""
import os
import sys
import time


def loop(event, context):
    while True:
        time.sleep(0.01)


def exits(event, context):
    print("about to exit")
    sys.exit(3)


def hard_exit(event, context):
    os._exit(7)


def shouts(event, context):
    line = "x" * 1023
    for _ in range(5 * 1024):  # 5 MiB of output
        print(line)
    return {"printed": 5 * 1024 * 1024}


def not_json(event, context):
    return {"a set": {1, 2, 3}}


def huge(event, context):
    return "y" * (7 * 1024 * 1024)


def no_newline(event, context):
    sys.stdout.write("partial line without newline")
    return "ok"


def fails(event, context):
    raise KeyError("missing")
