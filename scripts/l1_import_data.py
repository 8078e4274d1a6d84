"""Writes import/l1_types.generated.cpp: for every resource type, what `formwork import` needs
to write C++ for it with the typed L1 class that scripts/generate_l1.py generates: the
namespace and class, each property's CloudFormation name, member name and member type, the
nested structs with theirs, and the attribute accessors. One line a type,

  AWS::SQS::Queue ["sqs","Queue",[["DelaySeconds","delay_seconds","Integer",0],…],{"Tag":[…]},[["Arn","attr_arn"],…]]

sorted by type, in one string literal that the import engine indexes on first use (a type's
line is parsed when a template uses it). Member types are the C++ member types without `cfn::`
(`String`, `List<Tag>`, `Object<VersioningConfiguration>`); the last field of a member is 1
when it is required.
"""
import json


def _type(cpp):
    return cpp.replace("cfn::", "")


def _members(members):
    return [[cfn, name, _type(cpp), 1 if required else 0] for cfn, name, cpp, required, _ in members]


def render_import_data(header, by_ns):
    lines = []
    for ns in by_ns:
        for type_name, gen in by_ns[ns]:
            props, structs = gen.result
            entry = [ns, gen.cls, _members(props), {s: _members(members) for s, _, members in structs},
                     [[attr, name] for attr, name in gen.attributes()]]
            lines.append(f"{type_name} {json.dumps(entry, separators=(',', ':'), ensure_ascii=True)}")
    body = "\n".join(sorted(lines)) + "\n"
    if ")~\"" in body:
        raise SystemExit("the import data would end the raw string literal")
    source = [header,
              "// The typed L1 classes of every resource type, for `formwork import` (see scripts/l1_import_data.py).",
              "",
              '#include "import/detail/l1_types.hpp"',
              "",
              "namespace formwork::importer::detail {",
              "",
              "// clang-format off",
              f'const char kL1TypeData[] = R"~({body})~";',
              "const std::size_t kL1TypeDataSize = sizeof kL1TypeData - 1;",
              "",
              "}  // namespace formwork::importer::detail",
              ""]
    return {"import/l1_types.generated.cpp": "\n".join(source)}
