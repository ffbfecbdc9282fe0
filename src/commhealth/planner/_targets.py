"""What the check of a plan leaves to do, as covering rows: at least so much, at most so much.

The check of the plan against what is held and planned is the source of every figure: each
of its findings that is short becomes a *target* (at least ``need`` more, from activities
on ``days`` that the requirement counts), each window with a maximum a *limit* (at most
``room`` more). What no activity can mend is an :class:`~commhealth.planner.Infeasible`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import attrs

from .._activities import Activity
from .._periods import Window
from .._plan import Requirement
from .._report import Finding, Report
from .._requirements import Deadline, Measure, Quota, Recurrence
from .._resolve import ResolvedPlan
from .._selection import Selector
from .._status import Reason, Status
from .._themes import ThemeCalendar
from ..engine._quota import _merged
from ._constraints import Constraints
from ._proposal import Infeasible, Shortfall
from ._sketches import Sketch

__all__ = ["Limit", "Target", "Targets", "targets_of"]

_ONE_DAY = dt.timedelta(days=1)
_SHORT = frozenset({Status.MISSED, Status.AT_RISK})


@attrs.frozen(kw_only=True)
class Target:
    """At least ``need`` more, in the requirement's measure, from activities it counts.

    Attributes:
        requirement: The requirement's id; ``title`` its title.
        window: The window judged (an occurrence's tolerance, a deadline's run of days).
        key: The *for each* value, if any.
        need: How much is missing.
        days: The days on which a proposed activity counts for it.
        counts: Whether a drawn activity counts for it (its selector and *for each* value).
        weight: What one such activity adds (1 for a count, its hours for hours).
        sketches: What an activity counting for it carries.
        prefer: The days it is best held on (spread across the window, an observance day,
            the occurrence's own day).
        distinct: For a *distinct* measure, the field and the new values to choose from:
            each new value counts once, however many activities carry it.
        chain: For a recurrence, the id that ties occurrences whose tolerances overlap:
            one activity matches one occurrence only.
        related: For a themed month, the topics that go with the observance on each of
            its days (结核病防治 on 世界防治结核病日), which an activity on that day should carry.
    """

    requirement: str
    title: str
    window: Window
    key: str | None = None
    need: float
    days: frozenset[dt.date]
    counts: Callable[[Activity], bool] = attrs.field(eq=False)
    weight: Callable[[Activity], float] = attrs.field(eq=False)
    sketches: tuple[Sketch, ...]
    prefer: tuple[dt.date, ...] = ()
    distinct: tuple[str, tuple[str, ...]] | None = None
    chain: str | None = None
    related: Mapping[dt.date, frozenset[str]] = attrs.field(factory=dict, eq=False)


@attrs.frozen(kw_only=True)
class Limit:
    """At most ``room`` more, in the requirement's measure, from activities it counts."""

    requirement: str
    window: Window
    key: str | None = None
    room: float
    days: frozenset[dt.date]
    counts: Callable[[Activity], bool] = attrs.field(eq=False)
    weight: Callable[[Activity], float] = attrs.field(eq=False)


@attrs.frozen(kw_only=True)
class Targets:
    """What the check leaves to do."""

    targets: tuple[Target, ...]
    limits: tuple[Limit, ...]
    infeasible: tuple[Infeasible, ...]
    unschedulable: tuple[str, ...]


class _Days:
    """The days a proposal may use, and the working-day test the plan's calendar gives."""

    def __init__(self, resolved: ResolvedPlan, constraints: Constraints, earliest: dt.date) -> None:
        plan = resolved.plan
        self.calendar = resolved.calendar
        self.earliest = earliest
        self.constraints = constraints
        days = []
        day = max(earliest, plan.span.start)
        while day < plan.span.end:
            if (
                day not in constraints.off_days
                and day.weekday() not in constraints.off_weekdays
                and (not constraints.workdays_only or self.calendar.is_workday(day))
            ):
                days.append(day)
            day += _ONE_DAY
        self.free = days
        self._workdays: dict[dt.date, bool] = {}

    def is_workday(self, day: dt.date) -> bool:
        found = self._workdays.get(day)
        if found is None:
            found = self._workdays[day] = self.calendar.is_workday(day)
        return found

    def inside(self, pieces: Sequence[Window], workdays_only: bool) -> frozenset[dt.date]:
        """The free days inside ``pieces`` (working days only, when asked)."""
        return frozenset(
            d
            for d in self.free
            if any(d in p for p in pieces) and (not workdays_only or self.is_workday(d))
        )


def spread(days: frozenset[dt.date], n: int) -> tuple[dt.date, ...]:
    """``n`` days evenly spread over ``days``: where ``n`` activities are best held."""
    ordered = sorted(days)
    if not ordered or n <= 0:
        return ()
    return tuple(
        ordered[min(len(ordered) - 1, int((i + 0.5) * len(ordered) / n))] for i in range(n)
    )


def _weight(measure: Measure, constraints: Constraints) -> Callable[[Activity], float]:
    if measure is Measure.HOURS:
        return lambda a: a.hours or 0.0
    if measure is Measure.PARTICIPANTS:
        return lambda a: float(a.participants or 0)
    return lambda a: 1.0


def _one(a: Activity) -> float:
    return 1.0


def _counter(select: Selector, field: str | None, key: str | None) -> Callable[[Activity], bool]:
    if field is None or key is None:
        return select.matches
    return lambda a: select.matches(a) and key in a.values(field)


def _share_a_word(a: str, b: str) -> bool:
    """Whether two Chinese phrases share two characters in a row (结核 in 结核病防治 and
    世界防治结核病日): the words a plan's topic and an observance's name have in common."""
    return any(a[i : i + 2] in b for i in range(len(a) - 1))


def _adds_value(
    counts: Callable[[Activity], bool], field: str, present: frozenset[str]
) -> Callable[[Activity], bool]:
    """``counts``, for activities that also hold a value of ``field`` not ``present``."""
    return lambda a: counts(a) and not a.values(field) <= present


def _figures(f: Finding) -> float:
    """What the window holds with what is planned (achieved alone, once it is over)."""
    value = f.planned if f.planned is not None else f.actual
    return float(value) if isinstance(value, int | float) else 0.0


class _Builder:
    def __init__(
        self,
        *,
        resolved: ResolvedPlan,
        report: Report,
        activities: Sequence[Activity],
        constraints: Constraints,
        earliest: dt.date,
        as_of: dt.date | None,
    ) -> None:
        self.resolved = resolved
        self.as_of = as_of
        self.plan = resolved.plan
        self.report = report
        self.activities = activities
        self.constraints = constraints
        self.days = _Days(resolved, constraints, earliest)
        self.targets: list[Target] = []
        self.limits: list[Limit] = []
        self.infeasible: list[Infeasible] = []

    def closed(self, f: Finding) -> bool:
        """Whether a short finding's window is over: in a progress check, ``missed``."""
        return self.as_of is not None and f.status is Status.MISSED

    def short(
        self, req: Requirement | ThemeCalendar, f: Finding, reason: Shortfall, **more: object
    ) -> None:
        self.infeasible.append(
            Infeasible(
                requirement=req.id,
                title=req.title or req.id,
                window=f.window,
                key=f.key,
                reason=reason,
                **more,  # type: ignore[arg-type]
            )
        )

    def add(self, req: Requirement | ThemeCalendar, f: Finding, target: Target) -> None:
        """Keep ``target``, or say why it cannot be met: no day left, or no activity."""
        if not target.days:
            over = f.window is not None and f.window.last < self.days.earliest
            self.short(req, f, Shortfall.CLOSED if over else Shortfall.NO_DAYS, missing=target.need)
            return
        self.targets.append(target)

    # -- quotas ---------------------------------------------------------------------------
    def quota(self, q: Quota, findings: list[Finding]) -> None:
        plan = self.plan
        restrict = _merged([plan.window(n) for n in q.within]) if q.within else None
        field = q.for_each.field if q.for_each is not None else None
        weight = _one if q.measure is Measure.DISTINCT else _weight(q.measure, self.constraints)
        for f in findings:
            if f.reason is not Reason.QUOTA or f.window is None:
                continue
            pieces = (
                [f.window]
                if restrict is None
                else [p for r in restrict if (p := f.window.intersection(r)) is not None]
            )
            days = self.days.inside(pieces, q.workdays_only)
            counts = _counter(q.select, field, f.key)
            total = _figures(f)
            fixed = () if field is None or f.key is None else ((field, f.key),)
            present: frozenset[str] = frozenset()
            if q.measure is Measure.DISTINCT:
                assert q.of is not None  # guaranteed by the model's validator
                present = self._present(q, counts, pieces)
                counts = _adds_value(counts, q.of, present)

            if q.bound.max is not None:
                room = q.bound.max - total
                if room < 0:
                    self.short(q, f, Shortfall.EXCEEDED, facts={"max": q.bound.max, "total": total})
                self.limits.append(
                    Limit(
                        requirement=q.id,
                        window=f.window,
                        key=f.key,
                        room=max(room, 0.0),
                        days=days,
                        counts=counts,
                        weight=weight,
                    )
                )
            if f.status not in _SHORT or q.bound.min is None or total >= q.bound.min:
                continue
            need = q.bound.min - total
            if self.closed(f):
                self.short(q, f, Shortfall.CLOSED, missing=need)
                continue
            distinct = None
            if q.measure is Measure.DISTINCT:
                assert q.of is not None
                values = self._new_values(q, q.of, present, int(need))
                distinct = (q.of, values)
                sketches = tuple(Sketch.of(q.select, q.id, (*fixed, (q.of, v))) for v in values)
            else:
                sketches = (Sketch.of(q.select, q.id, fixed),)
            self.add(
                q,
                f,
                Target(
                    requirement=q.id,
                    title=q.title or q.id,
                    window=f.window,
                    key=f.key,
                    need=need,
                    days=days,
                    counts=counts,
                    weight=weight,
                    sketches=sketches,
                    prefer=spread(days, max(1, round(need))),
                    distinct=distinct,
                ),
            )

    def _present(
        self, q: Quota, counts: Callable[[Activity], bool], pieces: list[Window]
    ) -> frozenset[str]:
        """The values of a *distinct* quota's field the window's activities already hold."""
        assert q.of is not None
        found: set[str] = set()
        for a in self.activities:
            if not a.counts or not any(a.date in p for p in pieces) or not counts(a):
                continue
            if q.workdays_only and not self.days.is_workday(a.date):
                continue
            found |= a.values(q.of)
        return frozenset(found)

    def _new_values(self, q: Quota, of: str, present: frozenset[str], need: int) -> tuple[str, ...]:
        """The values a *distinct* quota can still gain: those its selector allows, or new
        ones named after the requirement when it allows any."""
        allowed: frozenset[str] = (
            getattr(q.select, of, frozenset())
            if of in ("kind", "tags", "topics", "audience", "organiser")
            else frozenset()
        )
        if allowed:
            return tuple(sorted(allowed - present))
        fresh: list[str] = []
        n = 1
        while len(fresh) < need:
            value = f"{q.id}-{n}"
            if value not in present:
                fresh.append(value)
            n += 1
        return tuple(fresh)

    # -- recurrences and deadlines -------------------------------------------------------
    def recurrence(self, r: Recurrence, findings: list[Finding]) -> None:
        for f in findings:
            if f.reason is not Reason.OCCURRENCE or f.status not in _SHORT or f.window is None:
                continue
            day = f.expected["date"]
            self._one(r, f, r.select, r.workdays_only, prefer=(day,), chain=r.id)

    def deadline(self, d: Deadline, findings: list[Finding]) -> None:
        if d.select is None:
            return
        for f in findings:
            if f.status not in _SHORT or f.window is None:
                continue
            self._one(d, f, d.select, workdays_only=False)

    def _one(
        self,
        req: Recurrence | Deadline,
        f: Finding,
        select: Selector,
        workdays_only: bool,
        *,
        prefer: tuple[dt.date, ...] | None = None,
        chain: str | None = None,
    ) -> None:
        """One activity ``select`` picks, inside ``f``'s window (an occurrence or a
        milestone), unless the window is closed; by default spread across the window."""
        assert f.window is not None
        if self.closed(f):
            self.short(req, f, Shortfall.CLOSED, missing=1)
            return
        days = self.days.inside([f.window], workdays_only)
        self.add(
            req,
            f,
            Target(
                requirement=req.id,
                title=req.title or req.id,
                window=f.window,
                need=1.0,
                days=days,
                counts=select.matches,
                weight=_one,
                sketches=(Sketch.of(select, req.id),),
                prefer=spread(days, 1) if prefer is None else prefer,
                chain=chain,
            ),
        )

    # -- the theme calendar ---------------------------------------------------------------
    def themes(self, calendar: ThemeCalendar, findings: list[Finding]) -> None:
        for f in findings:
            if f.reason is Reason.THEME_OBSERVANCE:
                if f.status is Status.MISSED:
                    self.short(calendar, f, Shortfall.OBSERVANCE_MONTH, facts=dict(f.facts))
                elif f.status is Status.NO_DATA:
                    self.short(calendar, f, Shortfall.NO_CALENDAR, facts=dict(f.facts))
                continue
            if f.reason is not Reason.THEME_TOPICS or f.status not in _SHORT or f.window is None:
                continue
            need = float(f.expected["min"]) - _figures(f)
            if self.closed(f):
                self.short(calendar, f, Shortfall.CLOSED, missing=need)
                continue
            topics: list[str] = list(f.expected.get("topics", ()))
            select = calendar.select
            if topics:
                select = attrs.evolve(select, topics=frozenset(topics))
            missing = list(f.facts.get("missing", topics))
            # The topics no activity carried first, so that every topic is taken up.
            order = missing + [t for t in topics if t not in missing]
            sketches = tuple(
                Sketch.of(attrs.evolve(select, topics=frozenset({t})), calendar.id) for t in order
            ) or (Sketch.of(select, calendar.id),)
            days = self.days.inside([f.window], workdays_only=False)
            related = self._observance_days(f.window, days, topics)
            prefer = tuple(related) or spread(days, max(1, round(need)))
            self.add(
                calendar,
                f,
                Target(
                    requirement=calendar.id,
                    title=calendar.title or calendar.id,
                    window=f.window,
                    need=need,
                    days=days,
                    counts=select.matches,
                    weight=_one,
                    sketches=sketches,
                    prefer=prefer,
                    related=related,
                ),
            )

    def _observance_days(
        self, month: Window, days: frozenset[dt.date], topics: Sequence[str]
    ) -> dict[dt.date, frozenset[str]]:
        """The days of the observances a themed month names, inside ``days``, each with
        the month's topics that share a word with the observance's names."""
        themes = self.plan.themes
        found: dict[dt.date, frozenset[str]] = {}
        if themes is None:
            return found
        for theme in themes.months:
            if theme.month != month.start.month:
                continue
            for name in theme.observances:
                observance = self.resolved.registry.get(name)
                names = (name, observance.name_zh, *observance.aliases)
                related = frozenset(t for t in topics if any(_share_a_word(t, n) for n in names))
                for occ in observance.occurrences(month.start.year):
                    for d in sorted(days):
                        if d in occ.window:
                            found[d] = found.get(d, frozenset()) | related
        return found


def targets_of(
    resolved: ResolvedPlan,
    report: Report,
    activities: Sequence[Activity],
    constraints: Constraints,
    earliest: dt.date,
) -> Targets:
    """The targets, limits and infeasible items the check ``report`` leaves."""
    b = _Builder(
        resolved=resolved,
        report=report,
        activities=activities,
        constraints=constraints,
        earliest=earliest,
        as_of=report.as_of,
    )
    by_req: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_req.setdefault(f.requirement, []).append(f)
    unschedulable: list[str] = []
    for req in resolved.all_requirements():
        found = by_req.get(req.id, [])
        if isinstance(req, Quota):
            b.quota(req, found)
        elif isinstance(req, Recurrence):
            b.recurrence(req, found)
        elif isinstance(req, Deadline) and req.select is not None:
            b.deadline(req, found)
        elif isinstance(req, ThemeCalendar):
            b.themes(req, found)
        else:
            unschedulable.append(req.id)
    return Targets(
        targets=tuple(b.targets),
        limits=tuple(b.limits),
        infeasible=tuple(b.infeasible),
        unschedulable=tuple(unschedulable),
    )
