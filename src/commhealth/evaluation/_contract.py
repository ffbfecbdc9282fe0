"""The JSON an assessment and a ranking are written as, as JSON Schemas (draft 2020-12).

``commhealth evaluate --format json`` prints an assessment, or a ranking when the scheme
scores each organisation under the plan; ``commhealth schema --assessment`` prints these
schemas, and the tests check the command's output against them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["assessment_schema"]

_NUMBER_OR_NULL = {"type": ["number", "null"]}
_IDS = {"type": "array", "items": {"type": "string"}}

_PART = {
    "type": "object",
    "description": "One deduction inside a criterion scored on parts.",
    "properties": {
        "part": {"type": "string"},
        "points": {"type": "number", "minimum": 0},
        "out_of": {"type": "number", "exclusiveMinimum": 0},
        "figure": {"type": ["number", "string", "null"]},
        "rule": {"type": "string"},
    },
    "required": ["part", "points", "out_of", "figure", "rule"],
    "additionalProperties": False,
}

_CRITERION = {
    "type": "object",
    "description": "What one criterion earned, and the sentence that shows the arithmetic.",
    "properties": {
        "criterion": {"type": "string"},
        "section": {"type": "string"},
        "points": {"type": "number", "minimum": 0},
        "out_of": {"type": "number", "exclusiveMinimum": 0},
        "figure": {
            "type": ["number", "string", "null"],
            "description": "The figure scored: a count, a rate, a rating; null with no figure or for parts.",
        },
        "rule": {"type": "string", "description": "The rule's kind, or 'parts'."},
        "projected": _NUMBER_OR_NULL,
        "requirement": {"type": ["string", "null"]},
        "title": {"type": "string"},
        "applicable": {"type": "boolean"},
        "bonus": {"type": "boolean"},
        "core": {"type": "boolean"},
        "veto": {"type": "boolean"},
        "adjust": {
            "type": ["number", "null"],
            "description": "The assessor's discretionary adjustment, if any.",
        },
        "reason": {"type": ["string", "null"]},
        "parts": {"type": "array", "items": {"$ref": "#/$defs/part"}},
        "message": {"type": "string"},
    },
    "required": [
        "criterion",
        "section",
        "points",
        "out_of",
        "figure",
        "rule",
        "projected",
        "requirement",
        "title",
        "applicable",
        "bonus",
        "core",
        "veto",
        "adjust",
        "reason",
        "parts",
        "message",
    ],
    "additionalProperties": False,
}

_ASSESSMENT = {
    "type": "object",
    "description": "One organisation's year scored against a scheme.",
    "properties": {
        "scheme": {"type": "string"},
        "plan": {"type": "string", "description": "The plan's id, or the child organisation's."},
        "name": {"type": "string"},
        "as_of": {"type": ["string", "null"], "format": "date"},
        "total": {"type": "number", "minimum": 0, "description": "Points, with the capped bonus."},
        "maximum": {"type": "number", "minimum": 0, "description": "Applicable points, no bonus."},
        "bonus": {"type": "number", "minimum": 0, "description": "The bonus that counts."},
        "bonus_earned": {
            "type": "number",
            "minimum": 0,
            "description": "What the bonus items earned before the caps.",
        },
        "grade": {"type": "string", "description": "Empty when the scheme has no grades."},
        "passed": {"type": "boolean"},
        "vetoes": _IDS,
        "core_missed": _IDS,
        "projected_total": _NUMBER_OR_NULL,
        "graded_on": _NUMBER_OR_NULL,
        "sections": {
            "type": "array",
            "description": "Each top-level section's points, full points and bonus.",
            "items": {
                "type": "object",
                "properties": {
                    "section": {"type": "string"},
                    "title": {"type": "string"},
                    "points": {"type": "number", "minimum": 0},
                    "out_of": {"type": "number", "minimum": 0},
                    "bonus": {"type": "number", "minimum": 0},
                },
                "required": ["section", "title", "points", "out_of", "bonus"],
                "additionalProperties": False,
            },
        },
        "criteria": {"type": "array", "items": {"$ref": "#/$defs/criterion"}},
    },
    "required": [
        "scheme",
        "plan",
        "name",
        "as_of",
        "total",
        "maximum",
        "bonus",
        "bonus_earned",
        "grade",
        "passed",
        "vetoes",
        "core_missed",
        "projected_total",
        "graded_on",
        "sections",
        "criteria",
    ],
    "additionalProperties": False,
}

_ROW = {
    "type": "object",
    "description": "One organisation's line of the ranking table.",
    "properties": {
        "rank": {"type": "integer", "minimum": 1},
        "plan": {"type": "string"},
        "name": {"type": "string"},
        "total": {"type": "number"},
        "maximum": {"type": "number"},
        "grade": {"type": "string"},
        "passed": {"type": "boolean"},
        "vetoes": _IDS,
        "core_missed": _IDS,
        "most_lost": {"type": ["string", "null"]},
        "most_lost_title": {"type": ["string", "null"]},
    },
    "required": [
        "rank",
        "plan",
        "name",
        "total",
        "maximum",
        "grade",
        "passed",
        "vetoes",
        "core_missed",
        "most_lost",
        "most_lost_title",
    ],
    "additionalProperties": False,
}

_RANKING = {
    "type": "object",
    "description": "The organisations under one plan, each scored against the same scheme.",
    "properties": {
        "scheme": {"type": "string"},
        "plan": {"type": "string"},
        "as_of": {"type": ["string", "null"], "format": "date"},
        "passed": {"type": "boolean", "description": "Whether every organisation passed."},
        "ranking": {"type": "array", "items": {"$ref": "#/$defs/row"}},
        "assessments": {"type": "array", "items": {"$ref": "#/$defs/assessment"}},
    },
    "required": ["scheme", "plan", "as_of", "passed", "ranking", "assessments"],
    "additionalProperties": False,
}


def assessment_schema() -> dict[str, Any]:
    """The JSON Schema of ``commhealth evaluate --format json``: an assessment, or a
    ranking of the organisations under the plan."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "commhealth assessment",
        "oneOf": [{"$ref": "#/$defs/assessment"}, {"$ref": "#/$defs/ranking"}],
        "$defs": {
            "assessment": _ASSESSMENT,
            "ranking": _RANKING,
            "row": _ROW,
            "criterion": _CRITERION,
            "part": _PART,
        },
    }
