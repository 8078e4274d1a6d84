import formwork_no_such_module  # noqa: F401  (fails at import: Runtime.ImportModuleError)


def handler(event, context):
    return "never"
