print("importing raises_at_import")
raise RuntimeError("configuration missing")


def handler(event, context):
    return "never"
