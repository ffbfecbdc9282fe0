"""The engine agrees with a naive evaluator that scans every activity for every window."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from commhealth import (
    ACTIVITY_FIELDS,
    Activity,
    ActivityStatus,
    Bound,
    Cadence,
    ForEach,
    Measure,
    NamedWindow,
    Organisation,
    Plan,
    Quota,
    Report,
    Selector,
    Team,
    Window,
    check,
)
from commhealth.engine._index import ScheduleIndex
from commhealth.engine._reference import canonical_order, reference_check

ONE_DAY = dt.timedelta(days=1)
KINDS = ("talk", "lecture", "visit")
TAGS = ("a", "b")
TOPICS = ("x", "y", "z")
AUDIENCES = ("old", "kid")
CHILDREN = ("c1", "c2", "c3")
MEMBERS = ("m1", "m2", "m3")
#: Any value some activity field may hold, for *for each* rules over a listed set.
WORDS = (*KINDS, *TAGS, *TOPICS, *AUDIENCES, *CHILDREN, *MEMBERS, "zz")
#: Hours are multiples of 1/4, so sums are exact whatever order they are added in: the
#: engine adds per day and per run, the reference activity by activity.
HOURS = (None, 0.0, 0.25, 0.5, 1.5, 2.0)


def _subset(words: tuple[str, ...], size: int = 2) -> st.SearchStrategy[frozenset[str]]:
    """Sets of up to ``size`` words, drawn as one choice rather than word by word (cheaper)."""
    return st.sampled_from(
        [frozenset(c) for n in range(size + 1) for c in itertools.combinations(words, n)]
    )


@st.composite
def _spans(draw: st.DrawFn) -> Window:
    if draw(st.booleans()):
        return Window.year(2022)
    start = dt.date(2022, 1, 1) + draw(st.integers(0, 300)) * ONE_DAY
    return Window(start=start, end=start + draw(st.integers(20, 400)) * ONE_DAY)


@st.composite
def _inside(draw: st.DrawFn, span: Window) -> Window:
    start = draw(st.integers(0, len(span) - 1))
    length = draw(st.integers(1, min(60, len(span) - start)))
    first = span.start + start * ONE_DAY
    return Window(start=first, end=first + length * ONE_DAY)


def _filter(words: tuple[str, ...], size: int = 2) -> st.SearchStrategy[frozenset[str]]:
    """A selector field, empty more often than not so that selectors do select."""
    return st.one_of(st.just(frozenset()), st.just(frozenset()), _subset(words, size))


SELECTORS = st.builds(
    Selector,
    kind=_filter(KINDS),
    tags=_filter(TAGS, 1),
    topics=_filter(TOPICS),
    audience=_filter(AUDIENCES, 1),
    organiser=_filter((*CHILDREN, "zz")),
)
FOR_EACH = st.one_of(
    st.none(),
    st.builds(
        ForEach,
        field=st.sampled_from([f for f in ACTIVITY_FIELDS if f != "observance"]),
        values=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True).map(tuple),
    ),
    # Observances a plan counts for each must be ones the registry knows.
    st.builds(
        ForEach,
        field=st.just("observance"),
        values=st.lists(
            st.sampled_from(("world-health-day", "world-no-tobacco-day", "全国爱牙日")),
            min_size=1,
            max_size=3,
            unique=True,
        ).map(tuple),
    ),
    st.just(ForEach(field="people", team="team")),
    st.builds(ForEach, field=st.sampled_from(("organiser", "location")), children=st.just(True)),
)
BOUNDS = st.one_of(
    st.builds(Bound, min=st.integers(0, 4)),
    st.builds(Bound, max=st.integers(0, 6)),
    st.tuples(st.integers(0, 4), st.integers(0, 3)).map(lambda t: Bound(min=t[0], max=t[0] + t[1])),
)


MEASURES = st.sampled_from(list(Measure))
TITLES = st.sampled_from(("", "每月宣传"))
FIELDS = st.sampled_from(ACTIVITY_FIELDS)
CADENCES = st.sampled_from(list(Cadence))
WITHIN = st.lists(st.sampled_from(("w1", "w2")), max_size=2, unique=True).map(tuple)
ONE_IN_TEN = st.integers(0, 9).map(lambda n: n == 0)


@st.composite
def _quotas(draw: st.DrawFn, ident: str) -> Quota:
    measure = draw(MEASURES)
    return Quota(
        id=ident,
        title=draw(TITLES),
        select=draw(SELECTORS),
        measure=measure,
        of=draw(FIELDS) if measure is Measure.DISTINCT else None,
        bound=draw(BOUNDS),
        per=draw(CADENCES),
        within=draw(WITHIN),
        for_each=draw(FOR_EACH),
        workdays_only=draw(ONE_IN_TEN),
    )


#: Built once: a strategy costs more to build than to draw from.
QUOTAS = [_quotas(f"q{i}") for i in range(3)]


@st.composite
def _plans(draw: st.DrawFn) -> Plan:
    span = draw(_spans())
    w1, w2 = draw(_inside(span)), draw(_inside(span))
    n = draw(st.integers(1, 3))
    suffix = draw(st.sampled_from(("", "社区")))
    return Plan(
        id="p",
        title="参考计划",
        language=draw(st.sampled_from(("zh", "en"))),
        organisation=Organisation(id="street"),
        span=span,
        windows=(
            NamedWindow(id="w1", start=w1.start, end=w1.end),
            NamedWindow(id="w2", start=w2.start, end=w2.end),
        ),
        teams=(Team(id="team", members=MEMBERS),),
        children=tuple(Organisation(id=c, name=f"{c}{suffix}" if suffix else "") for c in CHILDREN),
        requirements=tuple(draw(QUOTAS[i]) for i in range(n)),
    )


#: Everything about an activity but its id and date, drawn in one go.
PARTS = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(KINDS),
        "hours": st.sampled_from(HOURS),
        "topics": _subset(TOPICS),
        "tags": _subset(TAGS),
        "audience": _subset(AUDIENCES, 1),
        "participants": st.one_of(st.none(), st.integers(0, 40)),
        "people": _subset((*MEMBERS, "zz")),
        "organiser": st.sampled_from((*CHILDREN, "zz", None)),
        "location": st.sampled_from((*CHILDREN, None)),
        "observance": st.sampled_from((None, None, None, "world-health-day")),
        "status": st.sampled_from((*ActivityStatus, ActivityStatus.DONE, ActivityStatus.PLANNED)),
    }
)
#: (which busy day, or -1 for a day of its own; that day; how many days more; id prefix)
WHEN = st.tuples(
    st.integers(-1, 4),
    st.integers(-5, 405),
    st.sampled_from((None, 0, 1, 3)),
    st.sampled_from("pqr"),
)
SIZES = st.integers(0, 30)


@st.composite
def _schedules(draw: st.DrawFn, span: Window) -> list[Activity]:
    # A few busy days, so that many activities share a date and the order of ties shows.
    busy = draw(st.lists(st.integers(-5, len(span) + 5), min_size=5, max_size=5))
    acts = []
    for i in range(draw(SIZES)):
        (pick, own, more, prefix), parts = draw(WHEN), draw(PARTS)
        offset = busy[pick] if pick >= 0 else own % (len(span) + 10) - 5
        day = span.start + offset * ONE_DAY
        end = None if more is None else day + more * ONE_DAY
        acts.append(Activity(id=f"{prefix}{i}", date=day, end=end, **parts))
    return acts


@st.composite
def _cases(draw: st.DrawFn, *, progress: bool) -> tuple[Plan, list[Activity], dt.date | None]:
    plan = draw(_plans())
    acts = draw(_schedules(plan.span))
    as_of = None
    if progress:
        as_of = plan.span.start + draw(st.integers(-3, len(plan.span) + 3)) * ONE_DAY
    return plan, acts, as_of


def _assert_same(expected: Report, actual: Report) -> None:
    """Compare finding by finding, so that a failure shows the first one that differs."""
    for i, (e, a) in enumerate(zip(expected.findings, actual.findings, strict=False)):
        assert e == a, f"finding {i} differs"
    assert len(expected.findings) == len(actual.findings)
    assert expected == actual


class TestAgreement:
    """The engine and the naive reference give equal reports."""

    @given(case=_cases(progress=False), data=st.data())
    def test_plan_review(
        self, case: tuple[Plan, list[Activity], None], data: st.DataObject
    ) -> None:
        """A plan review: the same findings, whatever order the schedule comes in."""
        plan, acts, _ = case
        shuffled = data.draw(st.permutations(acts))
        _assert_same(reference_check(plan, acts), check(plan, shuffled))

    @given(case=_cases(progress=True))
    def test_progress(self, case: tuple[Plan, list[Activity], dt.date]) -> None:
        """A progress check as of any day, before, inside or after the span."""
        plan, acts, as_of = case
        _assert_same(reference_check(plan, acts, as_of=as_of), check(plan, acts, as_of=as_of))


class TestIndex:
    """The index's series hold what a scan of the schedule selects, in canonical order."""

    @given(
        acts=_schedules(Window.year(2022)),
        select=SELECTORS,
        window=_inside(Window.year(2022)),
    )
    def test_series_is_a_filtered_scan(
        self, acts: list[Activity], select: Selector, window: Window
    ) -> None:
        """A series is the counting activities the selector matches; a window slices it."""
        expected = [a for a in canonical_order(acts) if a.counts and select.matches(a)]
        series = ScheduleIndex(acts).series(select)
        assert expected == series.activities
        assert [a.date.toordinal() for a in expected] == series.ordinals
        i, j = series.bounds(window.start, window.end)
        assert [a for a in expected if a.date in window] == series.activities[i:j]
        assert tuple(a.id for a in expected[i:j]) == series.ids([(i, j)])

    @given(
        acts=_schedules(Window.year(2022)),
        select=SELECTORS,
        field=st.sampled_from(ACTIVITY_FIELDS),
    )
    def test_split_is_a_filtered_scan(
        self, acts: list[Activity], select: Selector, field: str
    ) -> None:
        """Each part of a split holds the series' activities carrying that value."""
        series = ScheduleIndex(acts).series(select)
        parts = ScheduleIndex(acts).split(select, field)
        values: set[str] = set()
        for a in series.activities:
            values |= a.values(field)
        assert values == set(parts)
        for value, part in parts.items():
            assert [a for a in series.activities if value in a.values(field)] == part.activities

    def test_ties_follow_the_activity_not_the_schedule(self) -> None:
        """Activities on one day are listed by kind, tags, topics, audience, then id."""
        day = dt.date(2022, 3, 1)
        acts: list[Any] = [
            Activity(id="b", date=day, kind="visit"),
            Activity(id="z", date=day, kind="talk"),
            Activity(id="a", date=day, kind="visit"),
            Activity(id="y", date=day - ONE_DAY, kind="visit"),
        ]
        for schedule in (acts, acts[::-1]):
            series = ScheduleIndex(schedule).series(Selector())
            assert ["y", "z", "a", "b"] == [a.id for a in series.activities]
