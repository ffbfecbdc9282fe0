"""Hypothesis strategies for plans, schedules and figures (the ``testing`` extra).

For test suites that generate plans: :func:`plans` draws valid plans with every
requirement kind, and :func:`schedules_meeting` builds, for a plan, a schedule and figures
that meet it — so ``check(plan, *schedule).ok`` holds, a law a checker can be tested by.

>>> from hypothesis import given
>>> from commhealth import check
>>> from commhealth.strategies import plans, schedules_meeting
>>> @given(plans())
... def test_a_schedule_built_to_meet_a_plan_meets_it(plan):
...     activities, observations = schedules_meeting(plan)
...     assert check(plan, activities, observations).ok
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from typing import Any

import attrs
from hypothesis import strategies as st

from ._activities import Activity, ActivityStatus
from ._goals import Direction, Goal, RatioGoal, TrendGoal
from ._observations import Observation
from ._periods import Cadence, NamedWindow, Window
from ._plan import Organisation, Plan, Requirement, Team
from ._requirements import Bound, Deadline, ForEach, Measure, Quota, Recurrence, Roll
from ._resolve import resolve
from ._selection import Selector
from ._themes import MonthlyTheme, ThemeCalendar
from .engine._recurrence import occurrences

__all__ = ["activities", "bounds", "plans", "schedules_meeting", "selectors", "windows"]

_WORDS = st.sampled_from(["a", "b", "c", "d", "e"])
_ONE_DAY = dt.timedelta(days=1)
_DEFAULT_SPAN = Window.year(2022)


@st.composite
def windows(draw: st.DrawFn, within: Window = _DEFAULT_SPAN) -> Window:
    """Windows of at least one day inside ``within``."""
    n = len(within)
    start = draw(st.integers(0, n - 1))
    length = draw(st.integers(1, n - start))
    first = within.start + dt.timedelta(days=start)
    return Window(start=first, end=first + dt.timedelta(days=length))


def selectors() -> st.SearchStrategy[Selector]:
    """Selectors over a small vocabulary, so that they often match generated activities."""
    sets = st.frozensets(_WORDS, max_size=2)
    return st.builds(
        Selector,
        kind=st.frozensets(st.sampled_from(["talk", "lecture", "inspection"]), max_size=2),
        tags=sets,
        topics=sets,
        audience=st.frozensets(st.sampled_from(["youth", "elderly"]), max_size=1),
    )


@st.composite
def activities(
    draw: st.DrawFn, span: Window = _DEFAULT_SPAN, max_size: int = 40
) -> tuple[Activity, ...]:
    """Schedules of activities dated inside ``span`` (a few cancelled), with unique ids."""
    n = draw(st.integers(0, max_size))
    out = []
    for i in range(n):
        day = span.start + dt.timedelta(days=draw(st.integers(0, len(span) - 1)))
        out.append(
            Activity(
                id=f"a{i}",
                date=day,
                kind=draw(st.sampled_from(["talk", "lecture", "inspection"])),
                end=day + dt.timedelta(days=draw(st.integers(0, 3))),
                hours=draw(st.sampled_from([None, 1.0, 2.5])),
                tags=draw(st.frozensets(_WORDS, max_size=2)),
                topics=draw(st.frozensets(_WORDS, max_size=2)),
                audience=draw(st.frozensets(st.sampled_from(["youth", "elderly"]), max_size=1)),
                participants=draw(st.sampled_from([None, 0, 10, 25])),
                people=draw(st.frozensets(st.sampled_from(["wang", "li", "zhang"]), max_size=2)),
                location=draw(st.sampled_from([None, "hall", "square", "c1", "c2"])),
                status=draw(st.sampled_from(list(ActivityStatus))),
            )
        )
    return tuple(out)


@st.composite
def bounds(draw: st.DrawFn, *, top: int = 5) -> Bound:
    """Bounds with whole-number limits: a minimum, a maximum, or both."""
    lo = draw(st.none() | st.integers(0, top))
    if lo is None:
        return Bound(max=draw(st.integers(0, top)))
    hi = draw(st.none() | st.integers(lo, top))
    return Bound(min=lo, max=hi)


_CADENCES = st.sampled_from(list(Cadence))
_RULES = st.sampled_from(
    [
        "FREQ=MONTHLY;BYMONTHDAY=10",
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=1TU",
        "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=24",
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1",
    ]
)


@st.composite
def _requirement(
    draw: st.DrawFn, i: int, year: int, has_windows: bool, working_days: bool
) -> Requirement:
    """Requirement ``i``; its own kind of activity (``k<i>``) and metrics keep it independent."""
    rid, kind, metric = f"r{i}", f"k{i}", f"m{i}"
    span = Window.year(year)
    choice = draw(
        st.sampled_from(["quota", "quota", "recurrence", "deadline", "goal", "ratio", "trend"])
    )
    if choice == "quota":
        measure = draw(st.sampled_from(list(Measure)))
        for_each = draw(
            st.none()
            | st.builds(ForEach, field=st.just("people"), values=st.just(("wang", "li")))
            | st.builds(ForEach, field=st.just("people"), team=st.just("cadres"))
            | st.builds(ForEach, field=st.just("location"), children=st.just(True))
        )
        workdays_only = working_days and draw(st.booleans())
        per = draw(_CADENCES)
        within = draw(st.sampled_from([(), ("holiday",)])) if has_windows else ()
        if workdays_only:
            # A week or a short named window can hold no working day at all (the 2020 Spring
            # Festival week); such a quota could never be met, so draw none.
            per = Cadence.MONTH if per is Cadence.WEEK else per
            within = ()
        return Quota(
            id=rid,
            select=Selector(kind=frozenset({kind})),
            measure=measure,
            of="title" if measure is Measure.DISTINCT else None,
            bound=draw(bounds()),
            per=per,
            within=within,
            for_each=for_each,
            workdays_only=workdays_only,
        )
    if choice == "recurrence":
        return Recurrence(
            id=rid,
            select=Selector(kind=frozenset({kind})),
            rule=draw(_RULES),
            tolerance=draw(st.integers(0, 3)),
            roll=draw(st.sampled_from(list(Roll))) if working_days else Roll.NONE,
        )
    due = draw(st.dates(span.start, span.last))
    if choice == "deadline":
        if draw(st.booleans()):
            return Deadline(id=rid, select=Selector(kind=frozenset({kind})), due=due)
        return Deadline(id=rid, metric=metric, bound=draw(bounds(top=100)), due=due)
    if choice == "goal":
        return Goal(
            id=rid,
            metric=metric,
            bound=draw(bounds(top=100)),
            unit=draw(st.sampled_from([None, "%"])),
            due=due,
        )
    if choice == "ratio":
        return RatioGoal(
            id=rid,
            numerator=f"{metric}.n",
            denominator=f"{metric}.d",
            bound=draw(bounds(top=3)),
            due=due,
        )
    return TrendGoal(
        id=rid, metric=metric, direction=draw(st.sampled_from(list(Direction))), per=draw(_CADENCES)
    )


@st.composite
def plans(draw: st.DrawFn, *, max_requirements: int = 6, working_days: bool = False) -> Plan:
    """Valid plans for one year, with named windows, a team, child organisations,
    requirements of every kind and sometimes a theme calendar.

    With ``working_days``, quotas may count working days only and recurrences may roll off
    holidays: checking such plans needs the ``calendar`` extra.
    """
    year = draw(st.integers(2020, 2026))
    span = Window.year(year)
    has_windows = draw(st.booleans())
    named: tuple[NamedWindow, ...] = ()
    if has_windows:
        w = draw(windows(span))
        named = (NamedWindow(id="holiday", start=w.start, end=w.end),)
    n = draw(st.integers(0, max_requirements))
    reqs = tuple(draw(_requirement(i, year, has_windows, working_days)) for i in range(n))
    themes = None
    if draw(st.booleans()):
        months = draw(st.lists(st.integers(1, 12), unique=True, max_size=4))
        themes = ThemeCalendar(
            select=Selector(kind=frozenset({"theme"})),
            months=tuple(
                MonthlyTheme(
                    month=m, topics=(f"t{m}", f"u{m}"), min_activities=draw(st.integers(0, 2))
                )
                for m in months
            ),
        )
    return Plan(
        id=f"plan-{year}",
        title="generated",
        organisation=Organisation(id="org"),
        span=span,
        windows=named,
        teams=(Team(id="cadres", members=("wang", "li", "zhang")),),
        children=(Organisation(id="c1"), Organisation(id="c2")),
        requirements=reqs,
        themes=themes,
    )


def _matching(select: Selector, ident: str, day: dt.date, **fields: Any) -> Activity:
    """An activity that passes ``select``, dated ``day``."""
    base = Activity(
        id=ident,
        date=day,
        kind=min(select.kind) if select.kind else "activity",
        tags=select.tags,
        topics=select.topics,
        audience=select.audience,
        organiser=min(select.organiser) if select.organiser else None,
    )
    return attrs.evolve(base, **fields)


def _first_day(plan: Plan, place: Window, workdays_only: bool) -> dt.date | None:
    """The first day of ``place`` an activity can count on (a working day, if need be)."""
    if not workdays_only:
        return place.start
    calendar = resolve(plan).calendar
    day = place.start
    while day < place.end:
        if calendar.is_workday(day):
            return day
        day += _ONE_DAY
    return None


def _quota_activities(plan: Plan, q: Quota) -> Iterator[Activity]:
    need = 0.0 if q.bound.min is None else q.bound.min
    restrict = [plan.window(n) for n in q.within]
    keys: tuple[str | None, ...] = (
        (None,) if q.for_each is None else plan.for_each_values(q.for_each)
    )
    for key in keys:
        for w in q.per.windows(plan.span):
            places = [w] if not restrict else [p for r in restrict if (p := w.intersection(r))]
            days = [d for p in places if (d := _first_day(plan, p, q.workdays_only))]
            if not days or need <= 0:
                continue
            day = days[0]
            extra: dict[str, Any] = {}
            if key is not None and q.for_each is not None:
                field = q.for_each.field
                extra[field] = (
                    key
                    if field not in ("people", "tags", "topics", "audience")
                    else frozenset({key})
                )
            stem = f"{q.id}-{key}-{w.start.isoformat()}"
            if q.measure is Measure.COUNT:
                for j in range(math.ceil(need)):
                    yield _matching(q.select, f"{stem}-{j}", day, **extra)
            elif q.measure is Measure.DISTINCT:
                assert q.of is not None
                for j in range(math.ceil(need)):
                    value = f"{q.of}-{j}"
                    if q.of in ("people", "tags", "topics", "audience"):
                        extra[q.of] = frozenset({value}) | (
                            frozenset({key})
                            if key is not None and q.for_each and q.for_each.field == q.of
                            else frozenset()
                        )
                    else:
                        extra[q.of] = value
                    yield _matching(q.select, f"{stem}-{j}", day, **extra)
            elif q.measure is Measure.DAYS:
                yield _matching(
                    q.select, stem, day, end=day + (math.ceil(need) - 1) * _ONE_DAY, **extra
                )
            elif q.measure is Measure.HOURS:
                yield _matching(q.select, stem, day, hours=need, **extra)
            else:
                yield _matching(q.select, stem, day, participants=math.ceil(need), **extra)


def _roller(plan: Plan, req: Recurrence) -> Callable[[dt.date], dt.date] | None:
    """How the engine moves the recurrence's occurrences, so activities land where it looks."""
    if req.roll is Roll.NONE:
        return None
    calendar, direction = resolve(plan).calendar, req.roll.value

    def roll(day: dt.date) -> dt.date:
        return calendar.roll(day, direction)

    return roll


def _value_in(bound: Bound) -> float:
    return bound.min if bound.min is not None else (bound.max if bound.max is not None else 0.0)


def schedules_meeting(plan: Plan) -> tuple[tuple[Activity, ...], tuple[Observation, ...]]:
    """Activities and figures that meet every requirement of ``plan``.

    Each requirement, the included standards' too, gets the least that meets it: a quota's
    minimum in every window (on a working day when it counts only those), an activity on
    every occurrence of a recurrence (rolled as the engine rolls it), each milestone on its
    due date, figures at their bounds. The law ``check(plan, *schedules_meeting(plan)).ok`` holds for plans whose
    requirements do not compete for the same activities or metrics (as :func:`plans`
    draws them); where they do, another requirement's maximum may be passed.
    """
    acts: list[Activity] = []
    obs: list[Observation] = []
    last = plan.span.last
    for req in resolve(plan).requirements:
        if isinstance(req, Quota):
            acts.extend(_quota_activities(plan, req))
        elif isinstance(req, Recurrence):
            acts.extend(
                _matching(req.select, f"{req.id}-{d.isoformat()}", d)
                for d in occurrences(req, plan, _roller(plan, req))
            )
        elif isinstance(req, Deadline):
            if req.select is not None:
                acts.append(_matching(req.select, req.id, req.due))
            else:
                assert req.metric is not None
                assert req.bound is not None
                obs.append(Observation(metric=req.metric, date=req.due, value=_value_in(req.bound)))
        elif isinstance(req, Goal):
            obs.append(
                Observation(metric=req.metric, date=req.due or last, value=_value_in(req.bound))
            )
        elif isinstance(req, RatioGoal):
            day = req.due or last
            obs.append(Observation(metric=req.denominator, date=day, value=1.0))
            obs.append(Observation(metric=req.numerator, date=day, value=_value_in(req.bound)))
        else:
            # A figure from before the span, then one in the first window, moving the right way.
            step = -1.0 if req.direction is Direction.FALL else 1.0
            obs.append(Observation(metric=req.metric, date=plan.span.start - _ONE_DAY, value=100.0))
            obs.append(Observation(metric=req.metric, date=plan.span.start, value=100.0 + step))
    if plan.themes is not None:
        cal = plan.themes
        for year in range(plan.span.start.year, last.year + 1):
            for theme in cal.months:
                window = Window.month(year, theme.month).intersection(plan.span)
                if window is None:
                    continue
                select = (
                    attrs.evolve(cal.select, topics=frozenset(theme.topics))
                    if theme.topics
                    else cal.select
                )
                acts.extend(
                    _matching(select, f"{cal.id}-{year}-{theme.month}-{j}", window.start)
                    for j in range(theme.min_activities)
                )
    return tuple(acts), tuple(obs)
