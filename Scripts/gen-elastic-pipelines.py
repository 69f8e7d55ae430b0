#!/usr/bin/env python3
"""Transcribes the Elastic processing pipelines of pySigma-backend-elasticsearch 2.1.1 into Swift.

usage: /work/venv/bin/python3 Scripts/gen-elastic-pipelines.py   (run from the package root, in a Python
       environment with pySigma 1.5.1 and pySigma-backend-elasticsearch 2.1.1 installed)

Writes Sources/SigmaConvert/Elastic/Generated/ElasticPipelineSteps.swift: every processing item of the
pipelines ecs_windows, ecs_windows_old, ecs_zeek_beats, ecs_zeek_corelight and zeek (zeek_raw), in order, as
`ElasticStep` values. The output is committed: the binary never needs Python. Only the transformation and
condition shapes these pipelines use are understood; anything else stops the generator.
"""
import json, pathlib, re

from sigma.pipelines.elasticsearch import pipelines
from sigma.processing.transformations import (
    AddConditionTransformation, AddFieldnamePrefixTransformation, ChangeLogsourceTransformation,
    ConvertTypeTransformation, FieldMappingTransformation, SetValueTransformation)
from sigma.processing.conditions import (
    FieldNameProcessingItemAppliedCondition, IncludeFieldCondition, IsNullCondition, LogsourceCondition,
    MatchValueCondition)
from sigma.types import SigmaString, SigmaBool

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Sources" / "SigmaConvert" / "Elastic" / "Generated" / "ElasticPipelineSteps.swift"
NAMES = [("ecs_windows", "ecsWindows"), ("ecs_windows_old", "ecsWindowsOld"), ("ecs_zeek_beats", "ecsZeekBeats"),
         ("ecs_zeek_corelight", "ecsZeekCorelight"), ("zeek", "zeekRaw")]


def lit(s):
    return json.dumps(s, ensure_ascii=False)


def opt(s):
    return "nil" if s is None else lit(s)


def logsource_match(item):
    conds = item.rule_conditions
    if not conds:
        return ".always"
    assert len(conds) == 1 and isinstance(conds[0], LogsourceCondition), item.identifier
    assert not item.rule_condition_negation and item.rule_condition_expression is None
    c = conds[0]
    return f".logSource(category: {opt(c.category)}, product: {opt(c.product)}, service: {opt(c.service)})"


def no_item_conditions(item):
    assert not item.detection_item_conditions and not item.field_name_conditions, item.identifier


def mapping_text(mapping):
    rows = []
    for src, dest in mapping.items():
        dest = dest if isinstance(dest, list) else [dest]
        for cell in [src, *dest]:
            assert "\t" not in cell and "\n" not in cell
        rows.append("\t".join([src, *dest]))
    return "\n".join(rows)


def step(item, tables, prefix):
    t = item.transformation
    when = logsource_match(item)
    ident = lit(item.identifier)
    if isinstance(t, ChangeLogsourceTransformation):
        no_item_conditions(item)
        return (f".init(id: {ident}, when: {when}, action: .changeLogSource(category: {opt(t.category)}, "
                f"product: {opt(t.product)}, service: {opt(t.service)}))")
    if isinstance(t, AddConditionTransformation):
        no_item_conditions(item)
        assert len(t.conditions) == 1 and not t.negated, item.identifier
        (field, value), = t.conditions.items()
        values = value if isinstance(value, list) else [value]
        assert all(isinstance(v, str) for v in values)
        return (f".init(id: {ident}, when: {when}, action: .addCondition(field: {lit(field)}, "
                f"values: [{', '.join(map(lit, values))}], template: {'true' if t.template else 'false'}))")
    if isinstance(t, FieldMappingTransformation):
        no_item_conditions(item)
        if len(t.mapping) == 1:
            (src, dest), = t.mapping.items()
            dest = dest if isinstance(dest, list) else [dest]
            return (f".init(id: {ident}, when: {when}, action: .mapFields(FieldMapping([{lit(src)}: "
                    f"[{', '.join(map(lit, dest))}]])))")
        name = f"{prefix}Mapping{len(tables) + 1}"
        tables.append((name, item.identifier, mapping_text(t.mapping)))
        return f".init(id: {ident}, when: {when}, action: .mapFields(FieldMapping(text: {name})))"
    if isinstance(t, AddFieldnamePrefixTransformation):
        # "Every field no earlier mapping renamed and that has no namespace yet": exactly this shape.
        conds = item.field_name_conditions
        assert len(conds) == 2 and item.field_name_condition_negation and item.field_name_condition_linking is any
        assert isinstance(conds[0], FieldNameProcessingItemAppliedCondition)
        assert isinstance(conds[1], IncludeFieldCondition) and conds[1].mode == "re" and conds[1].fields == ["\\w+\\."]
        assert not item.detection_item_conditions
        return (f".init(id: {ident}, when: {when}, action: .prefixUnmappedFields({lit(t.prefix)}, "
                f"unlessMappedBy: {lit(conds[0].processing_item_id)}))")
    if isinstance(t, SetValueTransformation):
        fconds = item.field_name_conditions
        assert len(fconds) == 1 and isinstance(fconds[0], IncludeFieldCondition) and fconds[0].mode == "plain"
        assert not item.field_name_condition_negation
        dconds = item.detection_item_conditions
        assert len(dconds) == 1 and isinstance(dconds[0], MatchValueCondition) and dconds[0].cond == "all"
        assert isinstance(dconds[0].value, bool) and not item.detection_item_condition_negation
        assert isinstance(t.sigma_value, SigmaString)
        return (f".init(id: {ident}, when: {when}, action: .setValue({lit(str(t.sigma_value))}, "
                f"fields: [{', '.join(map(lit, fconds[0].fields))}], "
                f"whenAllValuesAre: {'true' if dconds[0].value else 'false'}))")
    if isinstance(t, ConvertTypeTransformation):
        assert t.target_type == "str"
        fconds = item.field_name_conditions
        assert len(fconds) == 1 and isinstance(fconds[0], IncludeFieldCondition) and fconds[0].mode == "plain"
        assert item.field_name_condition_negation
        dconds = item.detection_item_conditions
        assert len(dconds) == 1 and isinstance(dconds[0], IsNullCondition) and dconds[0].cond == "any"
        assert item.detection_item_condition_negation
        return (f".init(id: {ident}, when: {when}, action: .numbersToStrings("
                f"exceptFields: [{', '.join(map(lit, fconds[0].fields))}]))")
    raise SystemExit(f"gen-elastic-pipelines: unknown transformation {type(t).__name__} in {item.identifier}")


def main():
    out = ["// Generated by Scripts/gen-elastic-pipelines.py from pySigma-backend-elasticsearch 2.1.1.",
           "// Do not edit by hand: change the generator and run it again.", "",
           "extension ElasticPipeline {"]
    for key, ident in NAMES:
        p = pipelines[key]()
        tables = []
        steps = [step(item, tables, ident) for item in p.items]
        out.append(f"    /// {p.name}.")
        out.append(f"    static let {ident} = ElasticPipeline(")
        out.append(f"        name: {lit(key)}, displayName: {lit(p.name)},")
        out.append("        steps: [")
        out += [f"            {s}," for s in steps]
        out.append("        ]")
        out.append("    )")
        for name, origin, text in tables:
            out.append(f"    // The mapping of {origin}: source field, then its target field(s), tab-separated.")
            out.append(f"    private static let {name} = \"\"\"")
            # Raw text: no Swift escapes inside a multi-line literal beyond backslashes and interpolation.
            for line in text.split("\n"):
                out.append("        " + line.replace("\\", "\\\\"))
            out.append("        \"\"\"")
        out.append("")
    out[-1] = "}"
    text = "\n".join(out) + "\n"
    OUT.write_text(text)


if __name__ == "__main__":
    main()
