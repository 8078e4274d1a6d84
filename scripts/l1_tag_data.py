"""Writes schema/tagging.generated.cpp: for every resource type its registry schema marks
taggable, the top-level property that holds its tags and that property's shape, for
`Tags::of(scope)` (constructs/core/construct.hpp) on any resource, typed or generic.

A shape is `KeyValueList` (`[{Key, Value}]`, most types) or `Map` (`{key: value}`, as
AWS::SSM::Parameter). A type whose tags are elsewhere (`TagSpecifications/*/Tags`) or need
more than a key and a value (AWS::AutoScaling::AutoScalingGroup's `PropagateAtLaunch`) is
left out: Tags::of does not tag it, and its own `Tags` property still can.
"""
from l1_schema_data import resolve_pointer


def _resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node:
        node = resolve_pointer(schema, node["$ref"])
    return node if isinstance(node, dict) else {}


def tag_property(schema):
    """(property name, shape) of a taggable type, or None."""
    tagging = schema.get("tagging", {})
    if not tagging.get("taggable", False):
        return None
    pointer = tagging.get("tagProperty", "/properties/Tags")
    parts = pointer.strip("/").split("/")
    if len(parts) != 2 or parts[0] != "properties":
        return None
    name = parts[1]
    prop = _resolve(schema, schema.get("properties", {}).get(name))
    kind = prop.get("type")
    if kind == "array":
        item = _resolve(schema, prop.get("items", {}))
        fields = set(item.get("properties", {}))
        if {"Key", "Value"} <= fields and set(item.get("required", [])) <= {"Key", "Value"}:
            return name, "KeyValueList"
        return None
    if kind == "object" and "properties" not in prop:
        return name, "Map"
    return None


def render_tag_data(header, schemas):
    rows = []
    for type_name in sorted(schemas):
        found = tag_property(schemas[type_name])
        if found:
            rows.append(f'    {{"{type_name}", "{found[0]}", TagShape::{found[1]}}},')
    source = [header,
              "// The tag property of every taggable resource type (see scripts/l1_tag_data.py).",
              "",
              '#include "schema/detail/data.hpp"',
              "",
              "namespace formwork::schema::detail {",
              "",
              "// clang-format off",
              f"const TagRow kTagRows[] = {{",
              *rows,
              "};",
              "// clang-format on",
              "const std::size_t kTagRowCount = sizeof kTagRows / sizeof kTagRows[0];",
              "",
              "}  // namespace formwork::schema::detail",
              ""]
    return {"schema/tagging.generated.cpp": "\n".join(source)}
