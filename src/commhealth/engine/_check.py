"""The check: a plan, a schedule and measured figures in; a report out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

from .._activities import Activity
from .._gc import no_cycle_collection
from .._goals import Goal, RatioGoal, TrendGoal
from .._observations import Observation
from .._plan import Plan
from .._report import Finding, Report
from .._requirements import Deadline, Quota, Recurrence, Roll
from .._resolve import ResolvedPlan, resolve
from .._schedule import as_schedule
from .._status_rules import counting, ledger_findings
from .._themes import ThemeCalendar
from ._context import Context
from ._deadline import evaluate_deadline
from ._findings import language_of
from ._index import ScheduleIndex
from ._kinds import KindReading
from ._measured import evaluate_goal, evaluate_ratio, evaluate_trend
from ._observances import evaluate_activity_observances, evaluate_theme_observances
from ._quota import evaluate_quota
from ._recurrence import evaluate_recurrence
from ._themes import evaluate_topics

__all__ = ["EVALUATORS", "Evaluator", "check", "run_check"]

#: An evaluator: one requirement and the check's context in, its findings out.
Evaluator = Callable[[Any, Context], Iterable[Finding]]


def evaluate_theme_calendar(calendar: ThemeCalendar, ctx: Context) -> Iterator[Finding]:
    """Each month's topics, then the observances each month names."""
    return chain(evaluate_topics(calendar, ctx), evaluate_theme_observances(calendar, ctx))


#: The evaluator of each kind of requirement.
EVALUATORS: Mapping[type, Evaluator] = {
    Quota: evaluate_quota,
    Recurrence: evaluate_recurrence,
    Deadline: evaluate_deadline,
    Goal: evaluate_goal,
    RatioGoal: evaluate_ratio,
    TrendGoal: evaluate_trend,
    ThemeCalendar: evaluate_theme_calendar,
}


def _check_calendar_coverage(ctx: Context) -> None:
    """Fail early, with what to do, when a working-day rule meets a year with no holiday data."""
    uses_workdays = any(
        (isinstance(r, Quota) and r.workdays_only)
        or (isinstance(r, Recurrence) and (r.workdays_only or r.roll is not Roll.NONE))
        for r in ctx.resolved.requirements
    )
    if not uses_workdays:
        return
    span = ctx.plan.span
    for year in range(span.start.year, span.last.year + 1):
        # Asking about one day raises CalendarDataError, naming the year and both remedies,
        # when neither the holiday data nor the plan covers the year.
        ctx.calendar.is_workday(dt.date(year, 1, 1))


def run_check(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    as_of: dt.date | None = None,
    evaluators: Mapping[type, Evaluator] = EVALUATORS,
) -> Report:
    """:func:`check` with the evaluator of each kind of requirement given in ``evaluators``
    (the naive reference swaps in its own quota evaluator)."""
    with no_cycle_collection():
        return _run(plan, activities, observations, as_of=as_of, evaluators=evaluators)


def _run(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation],
    *,
    as_of: dt.date | None,
    evaluators: Mapping[type, Evaluator],
) -> Report:
    resolved = resolve(plan)
    kinds = KindReading.of(resolved)
    schedule = kinds.read(as_schedule(activities))
    index = ScheduleIndex(schedule, counting(schedule, as_of))
    ctx = Context(resolved, index, observations, as_of)
    _check_calendar_coverage(ctx)
    findings: list[Finding] = []
    for req in resolved.all_requirements():
        findings.extend(evaluators[type(req)](req, ctx))
    findings.extend(evaluate_activity_observances(ctx))
    findings.extend(kinds.unused(schedule))
    return Report(
        plan=resolved.plan.id,
        title=resolved.plan.title,
        as_of=as_of,
        language=language_of(resolved.plan),
        findings=tuple(findings),
        ledger=ledger_findings(schedule, as_of),
    )


def check(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    as_of: dt.date | None = None,
) -> Report:
    """Check ``plan`` against a schedule of activities and measured figures.

    Without ``as_of`` this is a **plan review**: every activity that is not cancelled
    counts, and each window is ``met``, ``missed`` or ``exceeded``. With ``as_of`` it is a
    **progress check**: activities done on or before ``as_of`` are what was achieved, later
    ones what is planned, and windows not yet over are ``met``, ``on_track`` or ``at_risk``.
    A row whose status contradicts its date — planned on a day already past (it counts for
    nothing), done on a day still to come (it counts as planned) — is reported in the
    report's :attr:`~commhealth.Report.ledger`; the table is in ``docs/engine.md``.

    A pure function: the inputs are not changed, and the same inputs give an equal report.

    Args:
        plan: The plan to check; what it refers to (included standards, observances) is
            looked up first with :func:`~commhealth.resolve`, unless it is resolved already.
        activities: The schedule: a :class:`~commhealth.Schedule` (what the loaders
            read) or any iterable of activities, in any order; cancelled activities never
            count.
        observations: Measured figures for the plan's goals.
        as_of: The day the check is made, for a progress check.

    Returns:
        A :class:`~commhealth.Report` with the findings of every requirement, in the plan's
        order.

    Raises:
        PlanError: The plan refers to a standard or an observance that does not exist.
        CalendarDataError: A working-day rule needs holiday data for a year that neither
            the calendar data nor the plan covers.
    """
    return run_check(plan, activities, observations, as_of=as_of)
