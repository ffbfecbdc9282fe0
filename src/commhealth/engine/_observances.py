"""Evaluating observance days: a theme month's observances, and activities that mark one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from .._activities import Activity
from .._periods import Window
from .._report import Finding
from .._requirements import Severity
from .._status import Reason, Status
from .._themes import ThemeCalendar
from ._context import Context
from ._findings import finding

__all__ = ["OBSERVANCE_DATES", "evaluate_activity_observances", "evaluate_theme_observances"]

#: The requirement id of the findings on activities that name an observance.
OBSERVANCE_DATES = "observance-dates"


def evaluate_theme_observances(calendar: ThemeCalendar, ctx: Context) -> Iterator[Finding]:
    """One finding per observance a themed month names: met when it falls in that month.

    «老人节（重阳节）2022年在10月4日，不在9月»: the Double Ninth is a lunar date.
    """
    span = ctx.plan.span
    for year in range(span.start.year, span.last.year + 1):
        for theme in calendar.months:
            month = Window.month(year, theme.month)
            if month.intersection(span) is None:
                continue
            for asked in theme.observances:
                observance = ctx.registry.get(asked)
                occs = observance.occurrences(year)
                inside = [o for o in occs if o.window.overlaps(month)]
                names = {"name_zh": observance.name_zh, "name_en": observance.name_en}
                common: dict[str, Any] = {
                    "window": month,
                    "key": asked,
                    "expected": {"observance": observance.id, "month": theme.month},
                }
                if not occs:
                    yield finding(
                        calendar, Status.NO_DATA, Reason.THEME_OBSERVANCE, facts=names, **common
                    )
                    continue
                occ = inside[0] if inside else occs[0]
                yield finding(
                    calendar,
                    Status.MET if inside else Status.MISSED,
                    Reason.THEME_OBSERVANCE,
                    actual=occ.start.isoformat(),
                    facts={
                        "name_zh": occ.name_zh,
                        "name_en": occ.name_en,
                        "first": occ.start,
                        "last": occ.last,
                    },
                    **common,
                )


def _judged(a: Activity, status: Status, reason: Reason, **figures: Any) -> Finding:
    assert a.observance is not None
    return Finding(
        requirement=OBSERVANCE_DATES,
        status=status,
        reason=reason,
        severity=Severity.WARNING,
        window=Window.day(a.date),
        key=a.observance,
        activities=(a.id,),
        actual=a.date.isoformat(),
        **figures,
    )


def evaluate_activity_observances(ctx: Context) -> Iterator[Finding]:
    """A warning-level finding for each activity that names an observance: met when it is
    held within the observance's span, give or take the plan's ``observance_tolerance``."""
    tol = dt.timedelta(days=ctx.plan.observance_tolerance)
    for a in ctx.index.observed().activities:
        if a.observance is None:  # never: the series holds activities that name one
            continue
        label = a.title or a.id
        if a.observance not in ctx.registry:
            yield _judged(
                a,
                Status.NO_DATA,
                Reason.UNKNOWN_OBSERVANCE,
                expected={"observance": a.observance},
                facts={"activity": label},
            )
            continue
        observance = ctx.registry.get(a.observance)
        occs = [
            o
            for y in (a.date.year - 1, a.date.year, a.date.year + 1)
            for o in observance.occurrences(y)
        ]
        near = [o for o in occs if o.start - tol <= a.date <= o.last + tol]
        expected: dict[str, object] = {
            "observance": observance.id,
            "tolerance": ctx.plan.observance_tolerance,
        }
        if near:
            facts = {"activity": label, "name_zh": near[0].name_zh}
            yield _judged(a, Status.MET, Reason.ACTIVITY_OBSERVANCE, expected=expected, facts=facts)
            continue
        this_year = [(o.start, o.last) for o in occs if o.start.year == a.date.year]
        yield _judged(
            a,
            Status.MISSED if this_year else Status.NO_DATA,
            Reason.ACTIVITY_OBSERVANCE,
            expected=expected,
            facts={"activity": label, "dates": this_year},
        )
