"""Building findings: from a requirement and its figures, and the warnings every
working-day rule shares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._periods import Window
from .._plan import Plan, Requirement
from .._report import Finding
from .._requirements import Quota, Recurrence, Severity
from .._status import Reason, Status
from .._themes import ThemeCalendar
from .._wording import Lang
from ._context import Context

__all__ = ["finding", "language_of", "off_day_findings"]

Judged = Requirement | ThemeCalendar


def finding(
    req: Judged, status: Status, reason: Reason, *, severity: Severity | None = None, **figures: Any
) -> Finding:
    """A finding of ``req``: its id, title, severity (unless given) and source (unless
    ``figures`` name one), with ``figures``."""
    figures.setdefault("source", req.source)
    return Finding(
        requirement=req.id,
        status=status,
        reason=reason,
        title=req.title or req.id,
        severity=req.severity if severity is None else severity,
        **figures,
    )


def language_of(plan: Plan) -> Lang:
    """The language a plan's reports are worded in."""
    return "en" if plan.language == "en" else "zh"


def off_day_findings(req: Quota | Recurrence, ctx: Context) -> Iterator[Finding]:
    """A warning for each selected activity on a holiday or weekend, which does not count."""
    for a in ctx.off_days(req.select):
        # A warning whatever the requirement's severity: the activity is simply not counted.
        yield finding(
            req,
            Status.MISSED,
            Reason.OFF_DAY,
            severity=Severity.WARNING,
            window=Window.day(a.date),
            key=a.id,
            expected={"workdays_only": True},
            actual=a.date.isoformat(),
            activities=(a.id,),
            facts={"activity": a.title} if a.title else {},
        )
