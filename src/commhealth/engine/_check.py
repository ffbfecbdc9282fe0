"""The check: a plan, a schedule and measured figures in; a report out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import chain

from .._activities import Activity
from .._goals import Goal, RatioGoal, TrendGoal
from .._labels import Lang
from .._observations import Observation
from .._plan import Plan, Requirement
from .._report import Finding, Report
from .._requirements import Deadline, Quota, Recurrence, Roll
from .._themes import ThemeCalendar
from ._context import Context
from ._deadline import evaluate_deadline
from ._index import ScheduleIndex
from ._measured import evaluate_goal, evaluate_ratio, evaluate_trend
from ._observances import evaluate_activity_observances, evaluate_theme_observances
from ._quota import evaluate_quota
from ._recurrence import evaluate_recurrence
from ._themes import evaluate_topics

__all__ = ["check"]


def _evaluate(req: Requirement | ThemeCalendar, ctx: Context) -> Iterator[Finding]:
    if isinstance(req, Quota):
        return evaluate_quota(req, ctx)
    if isinstance(req, Recurrence):
        return evaluate_recurrence(req, ctx)
    if isinstance(req, Deadline):
        return evaluate_deadline(req, ctx)
    if isinstance(req, Goal):
        return evaluate_goal(req, ctx)
    if isinstance(req, RatioGoal):
        return evaluate_ratio(req, ctx)
    if isinstance(req, TrendGoal):
        return evaluate_trend(req, ctx)
    return chain(evaluate_topics(req, ctx), evaluate_theme_observances(req, ctx))


def _check_calendar_coverage(
    plan: Plan, requirements: Iterable[Requirement | ThemeCalendar], ctx: Context
) -> None:
    """Fail early, with what to do, when a working-day rule meets a year with no holiday data."""
    uses_workdays = any(
        (isinstance(r, Quota) and r.workdays_only)
        or (isinstance(r, Recurrence) and (r.workdays_only or r.roll is not Roll.NONE))
        for r in requirements
    )
    if not uses_workdays:
        return
    for year in range(plan.span.start.year, plan.span.last.year + 1):
        # Asking about one day raises CalendarDataError, naming the year and both remedies,
        # when neither the holiday data nor the plan covers the year.
        ctx.calendar.is_workday(dt.date(year, 1, 1))


def check(
    plan: Plan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    as_of: dt.date | None = None,
) -> Report:
    """Check ``plan`` against a schedule of activities and measured figures.

    Without ``as_of`` this is a **plan review**: every activity that is not cancelled
    counts, and each window is ``met``, ``missed`` or ``exceeded``. With ``as_of`` it is a
    **progress check**: activities on or before ``as_of`` are what was achieved, later ones
    what is planned, and windows not yet over are ``met``, ``on_track`` or ``at_risk``.

    A pure function: the inputs are not changed, and the same inputs give an equal report.

    Args:
        plan: The plan to check.
        activities: The schedule, in any order; cancelled activities never count.
        observations: Measured figures for the plan's goals.
        as_of: The day the check is made, for a progress check.

    Returns:
        A :class:`~commhealth.Report` with the findings of every requirement, in the plan's
        order.
    """
    ctx = Context(plan, ScheduleIndex(activities), observations, as_of)
    requirements = plan.all_requirements()
    _check_calendar_coverage(plan, requirements, ctx)
    findings: list[Finding] = []
    for req in requirements:
        findings.extend(_evaluate(req, ctx))
    findings.extend(evaluate_activity_observances(ctx))
    lang: Lang = "en" if plan.language == "en" else "zh"
    titles = {r.id: r.title or r.id for r in requirements}
    return Report(
        plan=plan.id,
        title=plan.title,
        as_of=as_of,
        language=lang,
        findings=tuple(findings),
        titles=titles,
    )
