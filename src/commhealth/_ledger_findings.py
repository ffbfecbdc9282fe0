"""Findings about the ledger itself: rows whose status contradicts their date.

A check's findings are about the plan's requirements; these are about the 台账 it was given
— a row marked 计划 dated on a day already past, a row marked 已完成 dated on a day still
to come. They are values in the report, one per kind of contradiction with the activities
it concerns, worded on demand like any finding; they never fail a report by themselves.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Any

import attrs

from ._requirements import Severity
from ._wording import Lang, words

__all__ = ["LedgerFinding", "LedgerReason", "ledger_finding_schema", "with_ledger"]


class LedgerReason(enum.Enum):
    """What is wrong with some rows of a ledger."""

    #: Rows marked planned, dated on or before ``as_of``: not held, not planned either.
    PLANNED_IN_PAST = "planned_in_past"
    #: Rows marked done, dated after ``as_of``: not held; counted as planned.
    DONE_IN_FUTURE = "done_in_future"


@attrs.frozen(kw_only=True)
class LedgerFinding:
    """One kind of contradiction found in the ledger, and the activities that show it.

    Attributes:
        reason: What the rows contradict.
        activities: The ids of those activities, by date, then id.
        as_of: The day of the progress check the rows contradict.
        severity: Always ``warning``: the rows are reported, not failed.
    """

    reason: LedgerReason
    activities: Sequence[str]
    as_of: dt.date
    severity: Severity = Severity.WARNING

    @property
    def failing(self) -> bool:
        """Whether this finding fails the report (only an ``error`` can)."""
        return self.severity is Severity.ERROR

    def message(self, lang: Lang = "zh") -> str:
        """The finding as a sentence a community health worker can read, in ``lang``."""
        return words(lang).ledger(self)

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The finding as JSON-ready data: reason, severity, activities and message."""
        return {
            "reason": self.reason.value,
            "severity": self.severity.value,
            "activities": list(self.activities),
            "message": self.message(lang),
        }


def ledger_finding_schema() -> dict[str, Any]:
    """The JSON Schema of one entry of a JSON report's ``ledger`` list."""
    return {
        "type": "object",
        "properties": {
            "reason": {"enum": [r.value for r in LedgerReason]},
            "severity": {"enum": [s.value for s in Severity]},
            "activities": {"type": "array", "items": {"type": "string"}},
            "message": {"type": "string"},
        },
        "required": ["reason", "severity", "activities", "message"],
        "additionalProperties": False,
    }


def with_ledger(report_schema: dict[str, Any]) -> dict[str, Any]:
    """A report's JSON Schema with the optional ``ledger`` list of :class:`LedgerFinding`."""
    return {
        **report_schema,
        "properties": {
            **report_schema["properties"],
            "ledger": {
                "type": "array",
                "description": "Rows whose status contradicts their date (a progress check).",
                "items": {"$ref": "#/$defs/LedgerFinding"},
            },
        },
        "$defs": {**report_schema.get("$defs", {}), "LedgerFinding": ledger_finding_schema()},
    }
