"""The JSON Schema of plan and scheme files, derived from the model so the two cannot drift
apart."""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from ..._periods import Cadence
from ..._plan import SCHEMA_VERSION, Plan, Requirement
from ..._requirements import Severity
from ..._scheme import Figure, Scheme
from ..._scoring import ScoringRule
from ..._status import Reason, Status
from ...calendar._observance import Observance, RuleVersion
from ...calendar._rules import RULE_KINDS
from ._tags import _FIGURE_TAGS, _SCORING_TAGS, REQUIREMENT_TYPES

__all__ = ["plan_schema", "report_schema", "scheme_schema"]


def _is_optional_none(tp: Any) -> bool:
    return tp is type(None)


#: The tagged unions of the file format: each member's tag, and the key that holds it.
_UNIONS: dict[Any, tuple[dict[type, str], str]] = {
    Requirement: (REQUIREMENT_TYPES, "type"),
    ScoringRule: (_SCORING_TAGS, "kind"),
    Figure: (_FIGURE_TAGS, "source"),
}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    for union, (tags, key) in _UNIONS.items():
        if tp == union:
            for cls, tag in tags.items():
                _define(cls, defs, tag, key)
            return {"oneOf": [{"$ref": f"#/$defs/{cls.__name__}"} for cls in tags]}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (Mapping, collections.abc.Mapping, dict):
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if origin in (types.UnionType, typing.Union):
        options = [a for a in args if not _is_optional_none(a)]
        if len(options) == 1:
            return _type_schema(options[0], defs)
        if len(options) < len(args):  # a tagged union or nothing: the union's own schema
            return _type_schema(typing.Union[tuple(options)], defs)  # noqa: UP007
        return {"anyOf": [_type_schema(a, defs) for a in options]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is frozenset:
        return {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
                {"type": "string"},
            ]
        }
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if tp is Observance:
        if "Observance" not in defs:
            defs["Observance"] = _observance_schema(defs)
        return {"$ref": "#/$defs/Observance"}
    if tp is Cadence:
        return {
            "type": "string",
            "description": "year, half_year, quarter, two_months, month or week; also 'every 2 months', '每月'",
            "examples": [c.value for c in Cadence],
        }
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    msg = f"no JSON Schema for {tp!r}"
    raise TypeError(msg)


def _field_schema(a: attrs.Attribute[Any], tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    names = a.metadata.get("names")
    if names is not None:  # a whole number that files may also give by name (weekdays)
        return {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": len(names) - 1},
                {"enum": list(names)},
            ]
        }
    return _type_schema(tp, defs)


def _properties(
    cls: type, defs: dict[str, Any], *, skip: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The properties of ``cls``'s fields, and the names of those without a default."""
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for a in attrs.fields(cls):
        if a.name == skip:
            continue
        props[a.name] = _field_schema(a, hints[a.name], defs)
        if a.default is attrs.NOTHING:
            required.append(a.name)
    return props, required


def _rule_schema(defs: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """The table of an observance's rule: one shape per kind of ``RULE_KINDS``, its fields'.

    ``extra`` are the keys allowed beside the rule's own (the years of an entry of ``rules``).
    """
    shapes = []
    for kind, cls in RULE_KINDS.items():
        props, required = _properties(cls, defs)
        shapes.append(
            {
                "type": "object",
                "properties": {"kind": {"const": kind}, **props, **extra},
                "required": ["kind", *required],
                "additionalProperties": False,
            }
        )
    return {"oneOf": shapes}


def _observance_schema(defs: dict[str, Any]) -> dict[str, Any]:
    """An observance's table: its fields, with its rule history as ``rule`` or ``rules``."""
    props, required = _properties(Observance, defs, skip="rules")
    years, _ = _properties(RuleVersion, defs, skip="rule")
    history = {
        "rule": _rule_schema(defs, {}),
        **years,
        "rules": {"type": "array", "items": _rule_schema(defs, years)},
    }
    properties: dict[str, Any] = {}
    for a in attrs.fields(Observance):  # the history where the model has its rules
        properties |= history if a.name == "rules" else {a.name: props[a.name]}
    return {
        "type": "object",
        "description": "An observance day, week or month the plan adds (see docs/calendar.md).",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        # One rule with its years beside it, or rules by year with the years inside each.
        "oneOf": [
            {"required": ["rule"]},
            {"required": ["rules"], "not": {"anyOf": [{"required": [y]} for y in years]}},
        ],
    }


def _define(cls: type, defs: dict[str, Any], tag: str | None = None, key: str = "type") -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    props, required = _properties(cls, defs)
    if tag is not None:
        props = {key: {"const": tag}, **props}
        required = [key, *required]
    body: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if cls.__doc__:
        # The docstring's first paragraph, whole: its first line may stop mid-sentence.
        first = cls.__doc__.strip().split("\n\n")[0]
        body["description"] = " ".join(line.strip() for line in first.splitlines())
    if required:
        body["required"] = required
    defs[cls.__name__] = body


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every plan file, in any of its formats, follows."""
    defs: dict[str, Any] = {}
    _define(Plan, defs)
    root = dict(defs.pop("Plan"))
    root["properties"] = dict(root["properties"], schema={"const": SCHEMA_VERSION})
    root["required"] = ["schema", *[r for r in root.get("required", []) if r != "schema"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "commhealth plan file",
        **root,
        "$defs": defs,
    }


def scheme_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every assessors' scheme file follows."""
    defs: dict[str, Any] = {}
    _define(Scheme, defs)
    root = dict(defs.pop("Scheme"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "commhealth scheme file",
        **root,
        "$defs": defs,
    }


_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _finding_schema() -> dict[str, Any]:
    """A finding of a report, as ``Finding.to_dict`` writes it."""
    return {
        "type": "object",
        "description": "What the check found for one requirement in one window.",
        "properties": {
            "requirement": {"type": "string", "description": "The requirement's id."},
            "status": {"enum": [s.value for s in Status]},
            "window": {
                "description": "The window judged, half-open: 'end' is the day after it.",
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "properties": {"start": _DATE, "end": _DATE},
                        "required": ["start", "end"],
                        "additionalProperties": False,
                    },
                ],
            },
            "key": {"type": ["string", "null"], "description": "The for-each value, if any."},
            "expected": {
                "type": "object",
                "description": "What was asked: min, max, measure, unit, due, date, tolerance, ...",
            },
            "actual": {
                "description": (
                    "What was counted or measured: a number (quota, theme topics, figure, "
                    "ratio, trend), an ISO date (the activity that matched an occurrence, a "
                    "milestone or an observance), text (in a conformance report, the parent "
                    "a child plan names), or null (nothing found)."
                ),
                "type": ["number", "string", "null"],
            },
            "message": {"type": "string", "description": "The finding in words."},
            # With --detail:
            "reason": {"enum": [r.value for r in Reason]},
            "severity": {"enum": [s.value for s in Severity]},
            "planned": {"type": ["number", "null"]},
            "activities": {"type": "array", "items": {"type": "string"}},
            "source": {"type": ["string", "null"]},
            "facts": {"type": "object"},
        },
        "required": ["requirement", "status", "window", "key", "expected", "actual", "message"],
        "additionalProperties": False,
    }


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report, as ``Report.to_dict`` and
    ``commhealth check --format json`` write it (``--detail`` adds the optional keys), the
    findings about the ledger included."""
    from ..._ledger_findings import with_ledger  # noqa: PLC0415 - the report's own part

    return with_ledger(_report_schema())


def _report_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "commhealth report",
        "type": "object",
        "properties": {
            "plan": {"type": "string", "description": "The plan's id."},
            "as_of": {"oneOf": [_DATE, {"type": "null"}]},
            "ok": {"type": "boolean"},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
            "summary": {
                "type": "object",
                "description": "With --detail: how many findings have each status.",
                "propertyNames": {"enum": [s.value for s in Status]},
                "additionalProperties": {"type": "integer", "minimum": 0},
            },
        },
        "required": ["plan", "as_of", "ok", "findings"],
        "additionalProperties": False,
        "$defs": {"Finding": _finding_schema()},
    }
