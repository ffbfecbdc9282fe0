"""``propose``: the fewest new activities that make a plan's schedulable targets met."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence

import attrs
import numpy as np

from .._activities import Activity, ActivityStatus
from .._observations import Observation
from .._plan import Plan
from .._requirements import Quota
from .._resolve import ResolvedPlan, resolve
from .._schedule import as_schedule
from .._status_rules import counting
from .._wording import words
from ..engine import check
from ..engine._findings import language_of
from ..engine._kinds import KindReading
from ._constraints import Constraints
from ._model import Chosen, Solved, choose
from ._proposal import Infeasible, Proposal, Shortfall
from ._targets import Target, Targets, targets_of

__all__ = ["propose"]

_ONE_DAY = dt.timedelta(days=1)


def propose(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity] = (),
    observations: Iterable[Observation] = (),
    *,
    as_of: dt.date | None = None,
    constraints: Constraints | None = None,
) -> Proposal:
    """Propose the fewest new activities that make every schedulable target of ``plan`` met.

    The plan is checked against the schedule first (as of ``as_of``, when given); every
    target it finds short — a quota's window, an occurrence of a recurrence, a milestone,
    a themed month — must be made up by activities dated from the day after ``as_of``
    (or ``constraints.earliest``) on, without passing any maximum or cap. Among the
    smallest sets of activities that do, the planner prefers working days, observance days
    for themed work, and days spread across each window. One activity counts for every
    target its fields and day meet.

    Args:
        plan: The plan.
        activities: What is held and planned so far; none of it is moved. Its statuses
            count as in :func:`~commhealth.check`: as of ``as_of``, a row planned on a
            day already past counts for nothing.
        observations: Measured figures (they decide nothing here, but the check reads them).
        as_of: The day the proposal is made on; nothing is proposed on or before it.
        constraints: Free days, caps per day and week, the earliest day.

    Returns:
        A :class:`Proposal`: the activities (status ``planned``), what each serves, and the
        targets that cannot be met, each with its reason.

    Raises:
        PlanError: The plan refers to a standard or an observance that does not exist.
        CalendarDataError: Working days are asked for in a year with no holiday data.
        ImportError: The ``planner`` extra (HiGHS) is not installed.
    """
    constraints = constraints or Constraints()
    resolved = resolve(plan)
    plan_ = resolved.plan
    schedule = as_schedule(activities)
    report = check(resolved, schedule, observations, as_of=as_of)
    # What is held or planned already, by the same status table as the check (a row planned
    # on a day already past holds no value and takes no place in a day's cap), its kinds
    # and audiences read through the vocabulary as the check reads them.
    read = KindReading.of(resolved).read(schedule)
    counted = tuple(read.take(np.flatnonzero(counting(read, as_of))))
    earliest = plan_.span.start
    if as_of is not None:
        # Any day after the span's last leaves nothing to propose; 9999-12-31 has no next day.
        earliest = max(earliest, min(as_of, plan_.span.last) + _ONE_DAY)
    if constraints.earliest is not None:
        earliest = max(earliest, constraints.earliest)
    found = targets_of(resolved, report, counted, constraints, earliest)
    lang = language_of(plan_)
    wording = words(lang)
    every = resolved.all_requirements()
    place = {r.id: i for i, r in enumerate(every)}
    titles = {r.id: r.title or r.id for r in every}

    workdays: dict[dt.date, bool] = {}

    def is_workday(day: dt.date) -> bool:
        found = workdays.get(day)
        if found is None:
            try:
                found = resolved.calendar.is_workday(day)
            except LookupError:  # no holiday data for the year: weekends are all that is known
                found = day.weekday() < 5
            workdays[day] = found
        return found

    def title_of(ids: tuple[str, ...]) -> str:
        return wording.join_titles([titles.get(i, i) for i in ids])

    solved = choose(
        found.targets,
        found.limits,
        counted,
        constraints,
        order=lambda rid: place.get(rid, len(place)),
        title_of=title_of,
        is_workday=is_workday,
    )
    proposed, serves = _activities(resolved, solved, found.targets, schedule, title_of)
    return Proposal(
        plan=plan_.id,
        title=plan_.title,
        as_of=as_of,
        language=lang,
        activities=proposed,
        serves=serves,
        infeasible=found.infeasible + _shortfalls(found, solved, constraints, plan_.span.start),
        unschedulable=found.unschedulable,
        titles=titles,
    )


def _shortfalls(
    found: Targets, solved: Solved, constraints: Constraints, span_start: dt.date
) -> tuple[Infeasible, ...]:
    """The targets the solution leaves short, each with the likeliest reason."""
    probe = Activity(
        id="probe", date=span_start, hours=constraints.hours, participants=constraints.participants
    )
    room = {(lim.requirement, lim.window, lim.key): lim.room for lim in found.limits}
    out = []
    for k, t in enumerate(found.targets):
        if k in solved.uncovered:
            out.append(_item(t, Shortfall.NO_ACTIVITY, t.need))
            continue
        if k not in solved.short:
            continue
        step, left = t.weight(probe), room.get((t.requirement, t.window, t.key))
        if left is not None and step > 0 and math.ceil(t.need / step - 1e-9) * step > left + 1e-9:
            facts: dict[str, object] = {"step": step, "room": left}
            out.append(_item(t, Shortfall.OVERSHOOT, solved.short[k], facts))
        elif _capacity(t, constraints) < t.need - 1e-9:
            out.append(_item(t, Shortfall.TOO_SMALL, solved.short[k]))
        else:
            out.append(_item(t, Shortfall.CONFLICT, solved.short[k]))
    return tuple(out)


def _item(
    t: Target, reason: Shortfall, missing: float, facts: dict[str, object] | None = None
) -> Infeasible:
    return Infeasible(
        requirement=t.requirement,
        title=t.title,
        window=t.window,
        key=t.key,
        reason=reason,
        missing=missing,
        facts={"days": len(t.days), **(facts or {})},
    )


def _capacity(t: Target, constraints: Constraints) -> float:
    """The most activities the target's free days hold at the day and week caps."""
    per_day = constraints.max_per_day
    by_week: dict[dt.date, int] = {}
    for d in t.days:
        monday = d - dt.timedelta(days=d.weekday())
        by_week[monday] = by_week.get(monday, 0) + (per_day or len(t.days))
    week = constraints.max_per_week
    return float(sum(n if week is None else min(n, week) for n in by_week.values()))


def _activities(
    resolved: ResolvedPlan,
    solved: Solved,
    targets: Sequence[Target],
    existing: Sequence[Activity],
    title_of: Callable[[tuple[str, ...]], str],
) -> tuple[tuple[Activity, ...], dict[str, tuple[str, ...]]]:
    """The chosen candidates as planned activities with fresh ids, in date order, and the
    requirements each serves."""
    taken = {a.id for a in existing}
    chosen: list[Chosen] = sorted(solved.chosen, key=lambda c: (c.day, c.activity.title))
    labels = not _reads(resolved, "observance")
    retitle = not _reads(resolved, "title")
    out: list[Activity] = []
    serves: dict[str, tuple[str, ...]] = {}
    n = 0
    for c in (each for each in chosen for _ in range(each.copies)):
        n += 1
        ident = f"proposed-{n:03d}"
        while ident in taken:
            n += 1
            ident = f"proposed-{n:03d}"
        observance = _observance(resolved, c, targets) if labels else None
        served = tuple(dict.fromkeys(targets[k].requirement for k in c.covers))
        act = attrs.evolve(
            c.activity,
            id=ident,
            date=c.day,
            status=ActivityStatus.PLANNED,
            observance=c.activity.observance or observance,
            title=title_of(served) if retitle else c.activity.title,
        )
        out.append(act)
        serves[ident] = served
    return tuple(out), serves


def _reads(resolved: ResolvedPlan, field: str) -> bool:
    """Whether a quota counts values of ``field``: then a proposed activity's value of it
    (its observance, its title) stays as drawn, since changing it would change what the
    activity counts for."""
    return any(
        isinstance(r, Quota)
        and (r.of == field or (r.for_each is not None and r.for_each.field == field))
        for r in resolved.requirements
    )


def _observance(resolved: ResolvedPlan, c: Chosen, targets: Sequence[Target]) -> str | None:
    """The observance a themed activity marks, when it is held on or near its day."""
    themes = resolved.plan.themes
    if themes is None or not any(targets[k].requirement == themes.id for k in c.covers):
        return None
    tol = dt.timedelta(days=resolved.plan.observance_tolerance)
    for theme in themes.months:
        if theme.month != c.day.month:
            continue
        for name in theme.observances:
            observance = resolved.registry.get(name)
            for occ in observance.occurrences(c.day.year):
                if occ.start - tol <= c.day <= occ.last + tol:
                    return observance.id
    return None
