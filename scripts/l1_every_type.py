"""Writes tests/cfn/every_type_<n>.generated_test.cpp: one instance of every resource type,
through its typed L1 class, with the example values of scripts/l1_examples.py (plus
tests/cfn/example_overrides.json), in stacks of at most 500 resources; each test synthesizes
its stack and runs cfn-lint on the template.
"""
import json
import re

from l1_examples import Examples

MAX_PER_TEMPLATE = 500
# cfn-lint rules the test leaves out: E3710 says a type's service was shut down (the schema
# still lists it); warnings and informational findings are not errors (cfn-lint exit bit 2).
IGNORED = "E3710"


def cpp_string(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out += ["\\%03o" % b for b in ch.encode("utf-8")]
    return '"' + "".join(out) + '"'


def json_expr(v):
    """A formwork::Value expression for a JSON value."""
    if isinstance(v, bool):
        return "::formwork::Value(true)" if v else "::formwork::Value(false)"
    if isinstance(v, int):
        return f"::formwork::Value({v})"
    if isinstance(v, float):
        return f"::formwork::Value({v!r})"
    if isinstance(v, str):
        return f"::formwork::Value({cpp_string(v)})"
    if isinstance(v, list):
        return "::formwork::Value::list({" + ", ".join(json_expr(x) for x in v) + "})"
    if isinstance(v, dict):
        return "::formwork::Value::map({" + ", ".join(f"{{{cpp_string(k)}, {json_expr(x)}}}" for k, x in v.items()) + "})"
    return "::formwork::Value()"


class Emitter:
    def __init__(self, qualified_cls, structs):
        self.qcls, self.structs = qualified_cls, structs  # struct name -> members

    def expr(self, v, cpp):
        m = re.fullmatch(r"cfn::(List|Map|Object)<(.+)>", cpp)
        if cpp == "cfn::String" and isinstance(v, str):
            return cpp_string(v)
        if cpp == "cfn::Integer" and isinstance(v, int) and not isinstance(v, bool):
            return str(v)
        if cpp == "cfn::Number" and isinstance(v, (int, float)) and not isinstance(v, bool):
            return repr(float(v))
        if cpp == "cfn::Boolean" and isinstance(v, bool):
            return "true" if v else "false"
        if m and m.group(1) in ("List", "Map"):
            items = list(v.items()) if m.group(1) == "Map" and isinstance(v, dict) else \
                list(enumerate(v)) if m.group(1) == "List" and isinstance(v, list) else None
            parts = None if items is None else [self.element(x, m.group(2)) for _, x in items]
            if not parts or None in parts:  # an empty {} would mean "absent"
                return json_expr(v)
            if m.group(1) == "List":
                return "{" + ", ".join(parts) + "}"
            return "{" + ", ".join(f"{{{cpp_string(k)}, {p}}}" for (k, _), p in zip(items, parts)) + "}"
        if m and m.group(1) == "Object" and isinstance(v, dict):
            return self.struct(v, m.group(2)) or json_expr(v)
        return json_expr(v)

    def element(self, v, inner):
        if inner in self.structs:
            return self.struct(v, inner) if isinstance(v, dict) else None
        return self.expr(v, inner) if inner.startswith("cfn::") else json_expr(v)

    def struct(self, v, name):
        members = self.structs[name]
        known = {cfn for cfn, *_ in members}
        if set(v) - known:
            return None
        return f"{self.qcls}::{name}{{" + self.designated(v, members) + "}"

    def designated(self, v, members):
        return ", ".join(f".{member} = {self.expr(v[cfn], cpp)}" for cfn, member, cpp, *_ in members if cfn in v)


def render_tests(header, by_ns, schemas, overrides):
    entries = []  # (ns, type, statement)
    for ns in sorted(by_ns):
        for type_name, gen in by_ns[ns]:
            props, bodies = gen.result
            structs = {s: members for s, _, members in bodies}
            qcls = f"cfn::{ns}::{gen.cls}"
            values = Examples(schemas[type_name]).object(schemas[type_name])
            values.update(overrides.get(type_name, {}))
            em = Emitter(qcls, structs)
            known = {cfn for cfn, *_ in props}
            typed = {k: x for k, x in values.items() if k in known}
            logical_id = type_name.replace("::", "")
            body = em.designated(typed, props)
            stmt = f'stack.add<{qcls}>("{logical_id}", {{{body}}});'
            extra = [f'  r.set_property({cpp_string(k)}, {json_expr(x)});' for k, x in values.items() if k not in known]
            if extra:
                stmt = "  {\n    auto& r = " + stmt + "\n" + "\n".join("  " + e for e in extra) + "\n  }"
            else:
                stmt = "  " + stmt
            entries.append((ns, type_name, stmt))
    # Chunks of whole namespaces, at most MAX_PER_TEMPLATE resources each.
    chunks, current, count = [], [], 0
    for ns in sorted(by_ns):
        n = len(by_ns[ns])
        if current and count + n > MAX_PER_TEMPLATE:
            chunks.append(current)
            current, count = [], 0
        current.append(ns)
        count += n
    chunks.append(current)
    files = {}
    for i, namespaces in enumerate(chunks, 1):
        rows = [e for e in entries if e[0] in namespaces]
        out = [header, f"// One instance of each of {len(rows)} resource types ({namespaces[0]} .. {namespaces[-1]}),",
               "// with the required properties and values the schema accepts; cfn-lint checks the result.",
               "#include <catch2/catch.hpp>", ""]
        out += [f'#include "constructs/cfn/{ns}.generated.hpp"' for ns in namespaces]
        out += ['#include "tests/cfn/every_type.hpp"', "", "using namespace formwork;", "",
                f'TEST_CASE("every resource type, part {i} of {len(chunks)}, synthesizes with its required '
                f'properties and passes cfn-lint", "[cfn][every_type]") {{',
                "  App app;", f'  auto& stack = app.add<Stack>("EveryType{i}");']
        out += [stmt for _, _, stmt in rows]
        out += [f'  testing::check_every_type(app, {len(rows)}, "{IGNORED}");', "}", ""]
        files[f"tests/cfn/every_type_{i}.generated_test.cpp"] = "\n".join(out)
    return files
