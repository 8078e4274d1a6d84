"""Writes schema/schemas.generated.cpp: for every resource type, the part of its registry schema
that the checks at synthesis read (schema/schema.cpp), as one line of compact JSON a type,
`AWS::S3::Bucket {...}`, sorted by type, in one string literal parsed lazily at run time.

Only the keywords the checks use are kept; every `$ref` points into the type's own list of
definitions by number (`{"$": 3}` is `d[3]`), the definitions no property reaches are left
out, and the root is `d[0]`. Read-only properties (`readOnlyProperties`) stay allowed, so that
an override that sets one is no "unknown property".
"""
import json

KEEP = {"type", "properties", "required", "additionalProperties", "patternProperties", "items", "enum",
        "enumCaseInsensitive", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems",
        "maxItems", "oneOf", "anyOf", "allOf", "dependencies", "dependentRequired"}
SCHEMA_MAPS = {"properties", "patternProperties"}
# The keywords as the data spells them, one letter each (schema/detail/data.hpp reads the same table).
SHORT = {"type": "t", "properties": "p", "required": "r", "additionalProperties": "a", "patternProperties": "P",
         "items": "i", "enum": "e", "enumCaseInsensitive": "E", "const": "c", "pattern": "x", "minLength": "l",
         "maxLength": "L", "minimum": "m", "maximum": "M", "minItems": "n", "maxItems": "N", "oneOf": "o",
         "anyOf": "y", "allOf": "A", "dependencies": "D", "dependentRequired": "R", "$ref": "$"}
SCHEMA_LISTS = {"oneOf", "anyOf", "allOf"}


def resolve_pointer(schema, ref):
    """The node a `#/definitions/X` reference points at."""
    node = schema
    for p in ref.lstrip("#").split("/")[1:]:
        node = node[p.replace("~1", "/").replace("~0", "~")]
    return node


class _Reducer:
    def __init__(self, schema):
        self.schema, self.index, self.defs = schema, {}, [None]

    def ref(self, ref):
        if ref not in self.index:
            self.index[ref] = len(self.defs)
            self.defs.append(None)
            self.defs[self.index[ref]] = self.node(resolve_pointer(self.schema, ref))
        return {"$": self.index[ref]}

    def node(self, n):
        if not isinstance(n, dict):
            return n  # true / false
        if "$ref" in n:
            return self.ref(n["$ref"])  # siblings of $ref are ignored (draft 7)
        out = {}
        for key in sorted(n):
            value = n[key]
            if key not in KEEP:
                continue
            short = SHORT[key]
            if key in SCHEMA_MAPS and isinstance(value, dict):
                out[short] = {k: self.node(v) for k, v in sorted(value.items())}
            elif key in SCHEMA_LISTS and isinstance(value, list):
                out[short] = [self.node(v) for v in value]
            elif key in ("items", "additionalProperties") and isinstance(value, (dict, bool)):
                out[short] = self.node(value)
            elif key == "dependencies" and isinstance(value, dict):
                out[short] = {k: (v if isinstance(v, list) else self.node(v)) for k, v in sorted(value.items())}
            elif key == "required" and not isinstance(value, list):
                continue  # `required: true` of an old draft inside a property: not a list of names
            else:
                out[short] = value
        return out


def reduce_schema(schema):
    r = _Reducer(schema)
    root = {k: v for k, v in schema.items() if k in KEEP}
    r.defs[0] = r.node(root)
    return r.defs


def render_schema_data(header, schemas):
    lines = []
    for type_name in sorted(schemas):
        text = json.dumps(reduce_schema(schemas[type_name]), separators=(",", ":"), ensure_ascii=True)
        if ")~\"" in text:
            raise SystemExit(f"{type_name}: the schema text would end the raw string literal")
        lines.append(f"{type_name} {text}")
    body = "\n".join(lines) + "\n"
    source = [header,
              "// The schema data of every resource type for the checks at synthesis (see scripts/l1_schema_data.py).",
              "",
              '#include "schema/detail/data.hpp"',
              "",
              "namespace formwork::schema::detail {",
              "",
              "// clang-format off",
              f'const char kSchemaData[] = R"~({body})~";',
              "const std::size_t kSchemaDataSize = sizeof kSchemaData - 1;",
              "",
              "}  // namespace formwork::schema::detail",
              ""]
    return {"schema/schemas.generated.cpp": "\n".join(source)}
