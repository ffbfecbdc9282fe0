"""Evaluating recurrences: every occurrence of an RRULE matched by its own activity."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Iterator

from .._periods import Window
from .._plan import Plan
from .._report import Finding
from .._requirements import Recurrence, Roll
from .._rrules import occurrence_dates
from .._status import Reason, Status
from ._context import Context
from ._findings import finding, off_day_findings

__all__ = ["evaluate_recurrence", "occurrences"]


def occurrences(
    recurrence: Recurrence, plan: Plan, roll: Callable[[dt.date], dt.date] | None = None
) -> list[dt.date]:
    """The dates the rule gives inside the plan's span, each moved by ``roll`` if given.

    The rule starts at the span's first day unless it names its own ``DTSTART``; at most
    :data:`~commhealth._limits.MAX_OCCURRENCES` occurrences are taken.
    """
    days = occurrence_dates(recurrence.rule, plan.span.start, plan.span.end)
    if roll is not None:
        # A rolled occurrence that leaves the span belongs to another plan's year.
        days = sorted({r for d in days if (r := roll(d)) in plan.span})
    return days


def _match(days: list[dt.date], ordinals: list[int], tolerance: int) -> list[int | None]:
    """For each occurrence, the index of the activity matched to it, or ``None``.

    Occurrences and activities are both in date order and every occurrence accepts the
    same width of days, so taking the earliest unused activity in reach is a maximum
    matching.
    """
    used = 0
    matched: list[int | None] = []
    for day in days:
        lo = day.toordinal() - tolerance
        i = max(used, bisect_left(ordinals, lo))
        if i < len(ordinals) and ordinals[i] <= day.toordinal() + tolerance:
            matched.append(i)
            used = i + 1
        else:
            matched.append(None)
    return matched


def evaluate_recurrence(recurrence: Recurrence, ctx: Context) -> Iterator[Finding]:
    """One finding per occurrence: met when an activity within the tolerance matches it.

    With ``roll``, an occurrence on a holiday or weekend moves to the next (or previous)
    working day first; with ``workdays_only``, activities on such days do not match and
    each gets a warning.
    """
    series = ctx.series(recurrence.select, workdays_only=recurrence.workdays_only)
    roll: Callable[[dt.date], dt.date] | None = None
    if recurrence.roll is not Roll.NONE:
        calendar, direction = ctx.calendar, recurrence.roll.value

        def roll(day: dt.date) -> dt.date:
            return calendar.roll(day, direction)

    days = occurrences(recurrence, ctx.plan, roll)
    tol = dt.timedelta(days=recurrence.tolerance)
    for day, i in zip(days, _match(days, series.ordinals, recurrence.tolerance), strict=True):
        window = Window(start=day - tol, end=day + tol + dt.timedelta(days=1))
        act = None if i is None else series.activity(i)
        achieved = act is not None and (ctx.as_of is None or act.date <= ctx.as_of)
        if achieved:
            status = Status.MET
        elif ctx.closed(min(window.last, ctx.plan.span.last)):  # the plan ends with its span
            status = Status.MISSED
        else:
            status = Status.ON_TRACK if act is not None else Status.AT_RISK
        yield finding(
            recurrence,
            status,
            Reason.OCCURRENCE,
            window=window,
            expected={"date": day, "tolerance": recurrence.tolerance},
            actual=None if act is None else act.date.isoformat(),
            activities=() if act is None else (act.id,),
        )
    if recurrence.workdays_only:
        yield from off_day_findings(recurrence, ctx)
