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
import functools
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

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

# Strategies are built once, here or in a cached factory, and only drawn from after that:
# building and validating a strategy costs far more than drawing from it, and a schedule
# of forty activities would otherwise build hundreds per example.
_LETTERS = ("a", "b", "c", "d", "e")
_DEFAULT_KINDS = ("talk", "lecture", "inspection")
_AUDIENCES = ("youth", "elderly")
_ONE_DAY = dt.timedelta(days=1)
_DEFAULT_SPAN = Window.year(2022)


def _subsets(words: Sequence[str], most: int) -> st.SearchStrategy[frozenset[str]]:
    """Sets of up to ``most`` of ``words``, drawn as one choice (shrinking to the empty set).

    Cheaper than ``st.frozensets``, which draws element by element: an activity has four
    such fields, and a schedule up to forty activities.
    """
    choices = [
        frozenset(c) for size in range(most + 1) for c in itertools.combinations(words, size)
    ]
    return st.sampled_from(choices)


#: Everything about a generated activity but its id, dates, kind and topics.
_ACTIVITY_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "hours": st.sampled_from([None, 1.0, 2.5]),
    "tags": _subsets(_LETTERS, 2),
    "audience": _subsets(_AUDIENCES, 1),
    "participants": st.sampled_from([None, 0, 10, 25]),
    "people": _subsets(["wang", "li", "zhang"], 2),
    "location": st.sampled_from([None, "hall", "square", "c1", "c2"]),
    "status": st.sampled_from(list(ActivityStatus)),
}
_EXTRA_DAYS = st.integers(0, 3)


def windows(within: Window = _DEFAULT_SPAN) -> st.SearchStrategy[Window]:
    """Windows of at least one day inside ``within``."""
    return _windows(within)


@functools.cache
def _windows(within: Window) -> st.SearchStrategy[Window]:
    n = len(within)
    starts = st.integers(0, n - 1)

    @st.composite
    def draw_window(draw: st.DrawFn) -> Window:
        start = draw(starts)
        length = draw(st.integers(1, n - start))
        first = within.start + dt.timedelta(days=start)
        return Window(start=first, end=first + dt.timedelta(days=length))

    return draw_window()


# Selectors draw sets element by element, for their empty fields (which match anything)
# to come up often; one selector is drawn per example, so the cost does not matter.
_SELECTORS = st.builds(
    Selector,
    kind=st.frozensets(st.sampled_from(_DEFAULT_KINDS), max_size=2),
    tags=st.frozensets(st.sampled_from(_LETTERS), max_size=2),
    topics=st.frozensets(st.sampled_from(_LETTERS), max_size=2),
    audience=st.frozensets(st.sampled_from(_AUDIENCES), max_size=1),
)


def selectors() -> st.SearchStrategy[Selector]:
    """Selectors over a small vocabulary, so that they often match generated activities."""
    return _SELECTORS


def activities(
    span: Window = _DEFAULT_SPAN,
    max_size: int = 40,
    *,
    kinds: Sequence[str] = _DEFAULT_KINDS,
    topics: Sequence[str] = _LETTERS,
) -> st.SearchStrategy[tuple[Activity, ...]]:
    """Schedules of activities dated inside ``span`` (a few cancelled), with unique ids.

    Each activity's kind is one of ``kinds`` and its topics up to two of ``topics``: pass
    those a plan's selectors name to draw schedules that count toward its requirements.
    Shrinking goes toward the first kind.
    """
    if not kinds:
        msg = "'kinds' must name at least one kind of activity (got none)"
        raise InvalidArgument(msg)
    return _activities(span, max_size, tuple(kinds), tuple(topics))


# Bounded: schedules for many different plans' vocabularies may be asked for in one run.
@functools.lru_cache(maxsize=256)
def _activities(
    span: Window, max_size: int, kinds: tuple[str, ...], topics: tuple[str, ...]
) -> st.SearchStrategy[tuple[Activity, ...]]:
    sizes = st.integers(0, max_size)
    offsets = st.integers(0, len(span) - 1)
    fields = st.fixed_dictionaries(
        {"kind": st.sampled_from(kinds), "topics": _subsets(topics, 2), **_ACTIVITY_FIELDS}
    )

    @st.composite
    def draw_schedule(draw: st.DrawFn) -> tuple[Activity, ...]:
        out = []
        for i in range(draw(sizes)):
            day = span.start + draw(offsets) * _ONE_DAY
            end = day + draw(_EXTRA_DAYS) * _ONE_DAY
            out.append(Activity(id=f"a{i}", date=day, end=end, **draw(fields)))
        return tuple(out)

    return draw_schedule()


def bounds(*, top: int = 5) -> st.SearchStrategy[Bound]:
    """Bounds with whole-number limits: a minimum, a maximum, or both."""
    return _bounds(top)


@functools.cache
def _bounds(top: int) -> st.SearchStrategy[Bound]:
    limits = st.integers(0, top)
    lows = st.none() | limits
    highs = [st.none() | st.integers(lo, top) for lo in range(top + 1)]

    @st.composite
    def draw_bound(draw: st.DrawFn) -> Bound:
        lo = draw(lows)
        if lo is None:
            return Bound(max=draw(limits))
        hi = draw(highs[lo])
        return Bound(min=lo, max=hi)

    return draw_bound()


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
_REQUIREMENT_KINDS = st.sampled_from(
    ["quota", "quota", "recurrence", "deadline", "goal", "ratio", "trend"]
)
_MEASURES = st.sampled_from(list(Measure))
_FOR_EACH = (
    st.none()
    | st.just(ForEach(field="people", values=("wang", "li")))
    | st.just(ForEach(field="people", team="cadres"))
    | st.just(ForEach(field="location", children=True))
)
_WITHIN = st.sampled_from([(), ("holiday",)])
_TOLERANCES = st.integers(0, 3)
_ROLLS = st.sampled_from(list(Roll))
_UNITS = st.sampled_from([None, "%"])
_DIRECTIONS = st.sampled_from(list(Direction))
_YEARS = st.integers(2020, 2026)
_THEME_MONTHS = st.lists(st.integers(1, 12), unique=True, max_size=4)
_THEME_MINIMA = st.integers(0, 2)


@functools.cache
def _requirement(
    i: int, year: int, has_windows: bool, working_days: bool
) -> st.SearchStrategy[Requirement]:
    """Requirement ``i``; its own kind of activity (``k<i>``) and metrics keep it independent."""
    rid, kind, metric = f"r{i}", f"k{i}", f"m{i}"
    select = Selector(kind=frozenset({kind}))
    span = Window.year(year)
    dues = st.dates(span.start, span.last)

    @st.composite
    def draw_requirement(draw: st.DrawFn) -> Requirement:
        choice = draw(_REQUIREMENT_KINDS)
        if choice == "quota":
            measure = draw(_MEASURES)
            for_each = draw(_FOR_EACH)
            workdays_only = working_days and draw(st.booleans())
            per = draw(_CADENCES)
            within = draw(_WITHIN) if has_windows else ()
            if workdays_only:
                # A week or a short named window can hold no working day at all (the 2020
                # Spring Festival week); such a quota could never be met, so draw none.
                per = Cadence.MONTH if per is Cadence.WEEK else per
                within = ()
            return Quota(
                id=rid,
                select=select,
                measure=measure,
                of="title" if measure is Measure.DISTINCT else None,
                bound=draw(_bounds(5)),
                per=per,
                within=within,
                for_each=for_each,
                workdays_only=workdays_only,
            )
        if choice == "recurrence":
            return Recurrence(
                id=rid,
                select=select,
                rule=draw(_RULES),
                tolerance=draw(_TOLERANCES),
                roll=draw(_ROLLS) if working_days else Roll.NONE,
            )
        due = draw(dues)
        if choice == "deadline":
            if draw(st.booleans()):
                return Deadline(id=rid, select=select, due=due)
            return Deadline(id=rid, metric=metric, bound=draw(_bounds(100)), due=due)
        if choice == "goal":
            return Goal(id=rid, metric=metric, bound=draw(_bounds(100)), unit=draw(_UNITS), due=due)
        if choice == "ratio":
            return RatioGoal(
                id=rid,
                numerator=f"{metric}.n",
                denominator=f"{metric}.d",
                bound=draw(_bounds(3)),
                due=due,
            )
        return TrendGoal(id=rid, metric=metric, direction=draw(_DIRECTIONS), per=draw(_CADENCES))

    return draw_requirement()


def plans(*, max_requirements: int = 6, working_days: bool = False) -> st.SearchStrategy[Plan]:
    """Valid plans for one year, with named windows, a team, child organisations,
    requirements of every kind and sometimes a theme calendar.

    With ``working_days``, quotas may count working days only and recurrences may roll off
    holidays: checking such plans needs the ``calendar`` extra.
    """
    return _plans(max_requirements, working_days)


@functools.cache
def _plans(max_requirements: int, working_days: bool) -> st.SearchStrategy[Plan]:
    sizes = st.integers(0, max_requirements)

    @st.composite
    def draw_plan(draw: st.DrawFn) -> Plan:
        year = draw(_YEARS)
        span = Window.year(year)
        has_windows = draw(st.booleans())
        named: tuple[NamedWindow, ...] = ()
        if has_windows:
            w = draw(_windows(span))
            named = (NamedWindow(id="holiday", start=w.start, end=w.end),)
        reqs = tuple(
            draw(_requirement(i, year, has_windows, working_days)) for i in range(draw(sizes))
        )
        themes = None
        if draw(st.booleans()):
            themes = ThemeCalendar(
                select=Selector(kind=frozenset({"theme"})),
                months=tuple(
                    MonthlyTheme(
                        month=m, topics=(f"t{m}", f"u{m}"), min_activities=draw(_THEME_MINIMA)
                    )
                    for m in draw(_THEME_MONTHS)
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

    return draw_plan()


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
