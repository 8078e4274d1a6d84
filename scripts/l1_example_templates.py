#!/usr/bin/env python3
"""Writes CloudFormation templates (JSON) with one resource of each resource type, its values
made from the schema by scripts/l1_examples.py (plus tests/cfn/example_overrides.json, as the
every-type test uses them): the generated corpus of the `formwork import` round trip test
(tests/import). The values are the template's own, as a person writes them, not what
formwork's writer makes of them.

Usage: python3 scripts/l1_example_templates.py OUT_DIR [--every N] [--per-template K]
  --every N         one type in N, in sorted order (default 1: every type)
  --per-template K  at most K resources a template (default 200)
"""
import argparse
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from generate_l1 import ROOT, load_schemas  # noqa: E402
from l1_examples import Examples  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--per-template", type=int, default=200)
    args = parser.parse_args()
    schemas = load_schemas()
    overrides = json.loads((ROOT / "tests/cfn/example_overrides.json").read_text())
    types = sorted(schemas)[::max(args.every, 1)]
    args.out.mkdir(parents=True, exist_ok=True)
    for n, start in enumerate(range(0, len(types), args.per_template), 1):
        resources = {}
        for type_name in types[start:start + args.per_template]:
            values = Examples(schemas[type_name]).object(schemas[type_name])
            values.update(overrides.get(type_name, {}))
            body = {"Type": type_name}
            if values:
                body["Properties"] = values
            resources[type_name.replace("::", "")] = body
        template = {"AWSTemplateFormatVersion": "2010-09-09",
                    "Description": f"formwork import corpus, part {n}: {len(resources)} resource types",
                    "Resources": resources}
        (args.out / f"Corpus{n}.json").write_text(json.dumps(template, indent=1, sort_keys=False) + "\n")
    print(f"wrote {len(types)} resource types in {n} templates under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
