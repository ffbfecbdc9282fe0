"""A deliberately naive evaluator, to check the engine's index and window arithmetic against.

:func:`reference_check` gives the same report as :func:`commhealth.check`, the slow and
obvious way. For each quota, each *for each* value and each window it scans **every**
activity of the schedule with :meth:`Selector.matches` and :meth:`Activity.values`: no
index, no sorting into series, no binary search, no prefix sums. The cost is
O(windows × activities), which is why the engine does not work this way; the point is
that nothing clever stands between the definition of a quota and its findings.

Only the counting is redone. Statuses come from the engine's own :func:`judge`, and the
findings are built by the engine's :func:`quota_finding`, because what is checked here is
*which activities count in which window*. :func:`reference_check` runs the engine's own
:func:`run_check` with this quota evaluator swapped into its table; every other
requirement kind (recurrences, deadlines, goals, the theme calendar, observance days) and
the warnings about activities on holidays are the engine's evaluators, which read the index.

The engine lists a finding's activities in date order; on one day, by kind, tags, topics
and audience, then by id (:func:`canonical_order` spells that out independently of the
index), so that the order the schedule came in never shows.

This module is for tests and benchmarks; it is not part of the public API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .._activities import Activity
from .._observations import Observation
from .._periods import Window
from .._plan import Plan
from .._report import Finding, Report
from .._requirements import Measure, Quota
from .._resolve import ResolvedPlan
from .._status_rules import Counts, standing
from ._check import EVALUATORS, run_check
from ._context import Context
from ._findings import off_day_findings
from ._quota import quota_finding

__all__ = ["canonical_order", "reference_check", "reference_quota"]


def _sort_key(
    a: Activity,
) -> tuple[dt.date, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], str]:
    return (
        a.date,
        str(a.kind),
        tuple(sorted(map(str, a.tags))),
        tuple(sorted(map(str, a.topics))),
        tuple(sorted(map(str, a.audience))),
        a.id,
    )


def canonical_order(activities: Iterable[Activity]) -> list[Activity]:
    """The activities in the order findings list them: by date; on one day, by kind, tags,
    topics and audience; then by id (and, for equal ids, as given)."""
    return sorted(activities, key=_sort_key)


def _days(window: Window) -> Iterator[dt.date]:
    day = window.start
    while day < window.end:
        yield day
        day += dt.timedelta(days=1)


def _amount(measure: Measure, of: str | None, picked: list[Activity]) -> float:
    if measure is Measure.COUNT:
        return float(len(picked))
    if measure is Measure.DISTINCT:
        assert of is not None  # guaranteed by the model's validator
        seen: set[str] = set()
        for a in picked:
            seen |= a.values(of)
        return float(len(seen))
    total = 0.0
    for a in picked:
        if measure is Measure.DAYS:
            total += a.days
        elif measure is Measure.HOURS:
            total += a.hours or 0.0
        else:
            total += a.participants or 0
    return total


def reference_quota(quota: Quota, ctx: Context, schedule: list[Activity]) -> Iterator[Finding]:
    """The findings of one quota, each window counted by scanning the whole ``schedule``.

    ``schedule`` is every activity given to the check, cancelled ones included, in
    :func:`canonical_order`; ``ctx`` supplies the plan, ``as_of`` and the work calendar.
    """
    plan, as_of = ctx.plan, ctx.as_of
    named = [plan.window(n) for n in quota.within]
    fe = quota.for_each
    names = {c.id: c.name for c in plan.children if c.name} if fe and fe.children else {}
    keys: tuple[str | None, ...] = (None,) if fe is None else plan.for_each_values(fe)
    for key in keys:
        for window in quota.per.windows(plan.span):
            if named and not any(window.overlaps(w) for w in named):
                continue
            every: list[Activity] = []
            for a in schedule:
                if standing(
                    a.status, a.date, as_of
                ) is Counts.NOT_COUNTED or not quota.select.matches(a):
                    continue
                if fe is not None and key not in a.values(fe.field):
                    continue
                if a.date not in window:
                    continue
                if named and not any(a.date in w for w in named):
                    continue
                if quota.workdays_only and not ctx.calendar.is_workday(a.date):
                    continue
                every.append(a)
            done = [
                a
                for a in every
                if as_of is None or standing(a.status, a.date, as_of) is Counts.HELD
            ]
            achieved = _amount(quota.measure, quota.of, done)
            total = _amount(quota.measure, quota.of, every)
            # A quota restricted to named windows is decided once the last of its days in
            # this window is over.
            last = max(d for d in _days(window) if not named or any(d in w for w in named))
            closed = as_of is None or as_of >= last
            # The finding is worded by the engine's own builder: what is checked here is the
            # counting, not the wording.
            yield quota_finding(
                quota,
                window=window,
                key=key,
                label=None if key is None else names.get(key, key),
                achieved=achieved,
                total=total,
                closed=closed,
                activities=tuple(a.id for a in (every if as_of is None else done)),
            )
    if quota.workdays_only:
        yield from off_day_findings(quota, ctx)


def reference_check(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    as_of: dt.date | None = None,
) -> Report:
    """What :func:`commhealth.check` reports, with every quota counted by a full scan.

    Quotas are evaluated naively by :func:`reference_quota`, swapped into the engine's
    table of evaluators; everything else is the engine's own, so a difference between the
    two reports points at the index or at the quota evaluator's window arithmetic.
    """
    schedule = canonical_order(activities)

    def naive_quota(quota: Quota, ctx: Context) -> Iterator[Finding]:
        return reference_quota(quota, ctx, schedule)

    evaluators = {**EVALUATORS, Quota: naive_quota}
    return run_check(plan, schedule, observations, as_of=as_of, evaluators=evaluators)
