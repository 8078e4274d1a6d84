#!/usr/bin/env python3
"""Reads a CloudFormation YAML template the way cfn-lint does and prints it as JSON.

PyYAML's SafeLoader reads YAML 1.1 (`yes` is a boolean, `012` an octal integer), as
CloudFormation does; a multi-constructor turns the short-form tags into the long form
(`!Ref X` -> {"Ref": "X"}, `!GetAtt A.B` -> {"Fn::GetAtt": ["A", "B"]}), after
cfnlint/decode/cfn_yaml.py. Usage: yaml_roundtrip.py FILE  (prints JSON on stdout).
"""
import json
import sys

import yaml

UNCONVERTED = ("Ref", "Condition")


class CfnLoader(yaml.SafeLoader):
    pass


def construct_tag(loader, suffix, node):
    key = suffix if suffix in UNCONVERTED else "Fn::" + suffix
    if key == "Fn::GetAtt" and isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node).split(".", 1)
    elif isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {key: value}


CfnLoader.add_multi_constructor("!", construct_tag)


def main():
    with open(sys.argv[1], "rb") as f:
        document = yaml.load(f, Loader=CfnLoader)
    json.dump(document, sys.stdout, ensure_ascii=True, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
