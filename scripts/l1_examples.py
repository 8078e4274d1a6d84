"""Example property values for a resource type, made from its schema: the required
properties (and what requiredXor, oneOf and dependentRequired add), each with a value the
schema accepts: the first enum value, a string matching the pattern within the length
bounds, a number within minimum/maximum, minItems items. Used by scripts/generate_l1.py
to write the every-type test; tests/cfn/example_overrides.json replaces a value where
cfn-lint asks for more than the schema says.
"""
import re
import warnings

warnings.filterwarnings("ignore", category=FutureWarning)
import sre_constants as C  # noqa: E402
import sre_parse  # noqa: E402

# Values of the formats cfn-lint checks (cfnlint/rules/formats).
FORMATS = {
    "AWS::S3::Bucket.Name": "example-bucket",
    "AWS::SNS::Topic.Arn": "arn:aws:sns:us-east-1:123456789012:example",
    "AWS::KMS::Key.Arn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "AWS::KMS::Key.Id": "1234abcd-12ab-34cd-56ef-1234567890ab",
    "AWS::KMS::Alias.AliasName": "alias/example",
    "AWS::IAM::Role.Arn": "arn:aws:iam::123456789012:role/example",
    "AWS::EC2::SecurityGroup.Id": "sg-12345678",
    "AWS::EC2::SecurityGroup.Ids": "sg-12345678",
    "AWS::ACM::Certificate.Arn":
        "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
    "date-time": "2024-01-01T00:00:00Z",
    "timestamp": "2024-01-01T00:00:00Z",
    "json": "{}",
    "AWS::Lambda::Function.Arn": "arn:aws:lambda:us-east-1:123456789012:function:example",
    "AWS::Lambda::Function.Name": "example",
    "AWS::EC2::Subnet.Ids": "subnet-12345678",
    "AWS::EC2::Subnet.Id": "subnet-12345678",
    "AWS::EC2::VPC.Id": "vpc-12345678",
    "AWS::Logs::LogGroup.Name": "example",
    "AWS::EC2::Image.Id": "ami-12345678",
    "AWS::EC2::SecurityGroup.Names": "example",
    "AWS::EC2::SecurityGroup.Name": "example",
    "ipv4-network": "10.0.0.0/16",
    "ipv6-network": "2001:db8::/32",
    "AWS::SQS::Queue.Arn": "arn:aws:sqs:us-east-1:123456789012:example",
    "uri": "https://example.com",
}


def _gen(tree, k, rng=None):
    out = []
    for op, av in tree:
        if op == C.LITERAL:
            out.append(chr(av))
        elif op == C.NOT_LITERAL:
            out.append("a" if av != ord("a") else "b")
        elif op == C.ANY:
            out.append("a")
        elif op == C.IN:
            out.append(_in(av))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            n = lo if hi == lo else min(hi, max(lo, k))
            for _ in range(n):
                out.append(_gen(sub, k))
        elif op == C.SUBPATTERN:
            out.append(_gen(av[-1], k))
        elif op == C.BRANCH:
            out.append(_gen(av[1][0], k))
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        elif op == C.GROUPREF:
            continue
        elif op == C.CATEGORY:
            out.append(_category(av))
    return "".join(out)


def _category(cat):
    return {C.CATEGORY_DIGIT: "0", C.CATEGORY_SPACE: " ", C.CATEGORY_WORD: "a"}.get(cat, "a")


def _in(items):
    negate = any(op == C.NEGATE for op, _ in items)
    if negate:
        banned = set()
        for op, av in items:
            if op == C.LITERAL:
                banned.add(chr(av))
            elif op == C.RANGE:
                banned |= {chr(c) for c in range(av[0], min(av[1], 0x7f) + 1)}
        for c in "abcdefghijklmnopqrstuvwxyz0123456789":
            if c not in banned:
                return c
        return "~"
    for preferred in ("a", "0", "A"):
        for op, av in items:
            if op == C.RANGE and av[0] <= ord(preferred) <= av[1]:
                return preferred
    op, av = items[0]
    if op == C.LITERAL:
        return chr(av)
    if op == C.RANGE:
        return chr(av[0])
    if op == C.CATEGORY:
        return _category(av)
    return "a"


def string_for(pattern, min_len, max_len):
    """A short string matching `pattern` (ECMA-ish) with min_len <= len <= max_len, or None."""
    if pattern is None:
        text = "example"
        if min_len and len(text) < min_len:
            text = text + "x" * (min_len - len(text))
        return text[:max_len] if max_len is not None else text
    py = pattern.replace("\\p{L}", "a-zA-Z").replace("\\p{N}", "0-9").replace("\\p{Z}", " ") \
        .replace("\\p{M}", "").replace("\\p{P}", ".").replace("\\p{S}", "+")
    py = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: "\\x{%s}" % m.group(1), py).replace("\\x{", "\\u{")
    py = re.sub(r"\\u\{([0-9a-fA-F]{4})\}", lambda m: "\\u" + m.group(1), py)
    try:
        tree = sre_parse.parse(py)
        compiled = re.compile(py)
    except (re.error, OverflowError, RecursionError):
        return None
    for k in [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64]:
        try:
            text = _gen(tree, k)
        except (ValueError, RecursionError, OverflowError):
            return None
        if (min_len is None or len(text) >= min_len) and (max_len is None or len(text) <= max_len) \
                and compiled.search(text):
            return text
    return None


class Examples:
    def __init__(self, schema):
        self.schema = schema

    def resolve(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            target = self.schema
            for p in node["$ref"].lstrip("#").split("/")[1:]:
                target = target[p]
            node, seen = target, seen + 1
        return node

    def value(self, node, depth=0):
        node = self.resolve(node)
        if depth > 12 or not isinstance(node, dict):
            return "example"
        if "enum" in node and node["enum"]:
            return node["enum"][0]
        if "const" in node:
            return node["const"]
        t = node.get("type")
        if isinstance(t, list):
            t = "string" if "string" in t else t[0]
        if t is None:
            for key in ("oneOf", "anyOf"):
                if key in node and node[key]:
                    return self.value(node[key][0], depth + 1)
            t = "object" if "properties" in node else "array" if "items" in node else "string"
        if t == "string" and node.get("format") in FORMATS:
            return FORMATS[node["format"]]
        if t == "string":
            text = string_for(node.get("pattern"), node.get("minLength"), node.get("maxLength"))
            return "example" if text is None else text
        if t == "string" and node.get("format") in ("int64", "double"):
            return "1"
        if t in ("integer", "number"):
            lo, hi = node.get("minimum"), node.get("maximum")
            v = lo if lo is not None else (hi if hi is not None and hi < 1 else 1)
            return int(v) if t == "integer" else v
        if t == "boolean":
            return False
        if t == "array":
            n = max(1, node.get("minItems", 1))
            items = node.get("items", {"type": "string"})
            vals = [self.value(items, depth + 1) for _ in range(n)]
            if node.get("uniqueItems") and n > 1 and all(isinstance(v, str) for v in vals):
                vals = [v[:-1] + chr(ord("a") + i) if v else chr(ord("a") + i) for i, v in enumerate(vals)]
            return vals
        if t == "object":
            if "properties" in node:
                return self.object(node, depth)
            return {}
        return "example"

    def required(self, node):
        names = list(node.get("required", []))
        for key in ("requiredXor", "requiredOr"):
            if node.get(key):
                names.append(node[key][0])
        for key in ("oneOf", "anyOf"):
            branches = [b for b in node.get(key, []) if isinstance(b, dict) and b.get("required")]
            if branches and not any(set(b["required"]) <= set(names) for b in branches):
                names += branches[0]["required"]
        for name, deps in node.get("dependentRequired", {}).items():
            if name in names:
                names += deps
        seen = []
        for n in names:
            if n not in seen and n in node.get("properties", {}):
                seen.append(n)
        return seen

    def object(self, node, depth=0):
        return {name: self.value(node["properties"][name], depth + 1) for name in sorted(self.required(node))}
