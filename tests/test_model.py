"""The model's invariants: every rule a plan's author can break, with its message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from commhealth import (
    Activity,
    Bound,
    Deadline,
    FieldError,
    ForEach,
    Goal,
    Measure,
    MonthlyTheme,
    NamedWindow,
    Organisation,
    Plan,
    PlanError,
    Quota,
    RatioGoal,
    Recurrence,
    Selector,
    Team,
    ThemeCalendar,
    Window,
)

D = dt.date
ORG = Organisation(id="o")
YEAR = Window.year(2022)


def plan(**kw: object) -> Plan:
    return Plan(id="p", organisation=ORG, span=YEAR, **kw)  # type: ignore[arg-type]


INVALID: list[tuple[str, Callable[[], object], str]] = [
    (
        "bound-min-above-max",
        lambda: Bound(min=5, max=2),
        "'min' must not exceed 'max' (got min 5, max 2)",
    ),
    ("bound-empty", Bound, "a bound needs 'min', 'max' or both (got neither)"),
    ("bound-nan", lambda: Bound(min=float("nan")), "'min' must be a finite number (got nan)"),
    ("theme-month-13", lambda: MonthlyTheme(month=13), "'month' must be between 1 and 12 (got 13)"),
    ("theme-month-0", lambda: MonthlyTheme(month=0), "'month' must be between 1 and 12 (got 0)"),
    (
        "theme-month-twice",
        lambda: ThemeCalendar(months=(MonthlyTheme(month=3), MonthlyTheme(month=3))),
        "'months' lists month 3 twice",
    ),
    (
        "rrule-garbage",
        lambda: Recurrence(id="r", rule="FREQ=SOMETIMES"),
        "'rule' must be an RFC 5545 RRULE such as 'FREQ=MONTHLY;BYMONTHDAY=10' (got 'FREQ=SOMETIMES': invalid 'FREQ': SOMETIMES)",
    ),
    (
        "distinct-without-of",
        lambda: Quota(id="q", measure=Measure.DISTINCT, bound=Bound(min=1)),
        "'of' must name an activity field when the measure is 'distinct' (got none)",
    ),
    (
        "of-without-distinct",
        lambda: Quota(id="q", of="topics", bound=Bound(min=1)),
        "'of' applies only to the 'distinct' measure (measure is 'count')",
    ),
    (
        "of-unknown-field",
        lambda: Quota(id="q", measure=Measure.DISTINCT, of="colour", bound=Bound(min=1)),
        "'of' must be an activity field (got 'colour'); expected one of audience, kind, location, observance, organiser, people, tags, title, topics",
    ),
    (
        "for-each-two-sources",
        lambda: ForEach(field="people", values=("a",), team="t"),
        "a for-each rule needs exactly one of 'values', 'team' or 'children' (got values, team)",
    ),
    (
        "for-each-no-source",
        lambda: ForEach(field="people"),
        "a for-each rule needs exactly one of 'values', 'team' or 'children' (got none)",
    ),
    (
        "deadline-both",
        lambda: Deadline(
            id="d", due=D(2022, 6, 30), select=Selector(), metric="m", bound=Bound(min=1)
        ),
        "a deadline needs either 'select' (a milestone activity) or 'metric' with 'bound' (a measured figure), not both",
    ),
    (
        "deadline-metric-without-bound",
        lambda: Deadline(id="d", due=D(2022, 6, 30), metric="m"),
        "'bound' is required when a deadline names a 'metric'",
    ),
    (
        "rate-above-100-percent",
        lambda: Goal(id="g", metric="m", bound=Bound(min=120), unit="%"),
        "'bound.min' must be between 0 and 100 when the unit is '%' (got 120)",
    ),
    (
        "rate-above-1",
        lambda: Goal(id="g", metric="m", bound=Bound(max=1.5), unit="rate"),
        "'bound.max' must be between 0 and 1 when the unit is 'rate' (got 1.5)",
    ),
    (
        "ratio-same-metrics",
        lambda: RatioGoal(id="r", numerator="m", denominator="m", bound=Bound(min=1)),
        "'denominator' must differ from 'numerator' (both are 'm')",
    ),
    (
        "activity-end-before-date",
        lambda: Activity(id="a", date=D(2022, 3, 2), end=D(2022, 3, 1)),
        "'end' must not be before 'date' (got date 2022-03-02, end 2022-03-01); 'end' is the last day, included",
    ),
    (
        "team-smaller-than-members",
        lambda: Team(id="t", members=("a", "b"), size=1),
        "'size' must be at least the number of members listed (2, got 1)",
    ),
    (
        "rrule-time-zone",
        lambda: Recurrence(
            id="r", rule="DTSTART;TZID=Asia/Shanghai:20220101T090000\nRRULE:FREQ=WEEKLY"
        ),
        "'rule' must not name a time zone (got 'DTSTART;TZID=Asia/Shanghai:20220101T090000\\nRRULE:FREQ=WEEKLY'); plans work in local dates, so write DTSTART:20220101 or UNTIL=20221231 without TZID or a trailing Z",
    ),
    ("plan-language", lambda: plan(language="fr"), "'language' must be 'zh' or 'en' (got 'fr')"),
    (
        "plan-schema",
        lambda: plan(schema=2),
        "'schema' must be 1, the version this release reads (got 2)",
    ),
]


class TestInvariants:
    @pytest.mark.parametrize(
        ("make", "message"), [pytest.param(m, msg, id=i) for i, m, msg in INVALID]
    )
    def test_refused_with_message(self, make: Callable[[], object], message: str) -> None:
        """Each broken invariant raises a FieldError naming the field, the rule and the value."""
        with pytest.raises(FieldError) as e:
            make()
        assert message == str(e.value)

    def test_field_error_is_a_value_error(self) -> None:
        """FieldError can be caught as the builtin ValueError."""
        with pytest.raises(ValueError, match="min"):
            Bound(min=2, max=1)


class TestPlanRules:
    def test_every_cross_reference_problem_at_once(self) -> None:
        """A plan lists every broken cross-reference in one PlanError, each with its path."""
        q = Quota(
            id="q",
            bound=Bound(min=1),
            within=("summer",),
            for_each=ForEach(field="people", team="cadres"),
        )
        with pytest.raises(PlanError) as e:
            plan(
                windows=(NamedWindow(id="late", start=D(2022, 12, 1), end=D(2023, 1, 10)),),
                requirements=(
                    q,
                    Quota(id="q", bound=Bound(min=1)),
                    Recurrence(id="r", rule="FREQ=MONTHLY;UNTIL=20240101"),
                    Goal(id="g", metric="m", bound=Bound(min=1), due=D(2023, 3, 1)),
                    Quota(
                        id="c",
                        bound=Bound(min=1),
                        for_each=ForEach(field="location", children=True),
                    ),
                ),
            )
        assert [
            ("$.requirements[1].id", "'id' must be unique; 'q' is also used at $.requirements[0]"),
            (
                "$.windows[0]",
                "window 'late' (2022-12-01..2023-01-09) must lie inside the plan's span 2022-01-01..2022-12-31",
            ),
            ("$.requirements[0].within[0]", "no named window 'summer' in the plan; known: late"),
            ("$.requirements[0].for_each.team", "no team 'cadres' in the plan; known: none"),
            (
                "$.requirements[2].rule",
                "the rule's UNTIL 2024-01-01 must lie inside the plan's span 2022-01-01..2022-12-31",
            ),
            (
                "$.requirements[3].due",
                "date must lie inside the plan's span 2022-01-01..2022-12-31 (got 2023-03-01)",
            ),
            (
                "$.requirements[4].for_each.children",
                "'children' needs the plan to list its child organisations (got none)",
            ),
        ] == [(p.path, p.message) for p in e.value.problems]

    def test_theme_calendar_id_must_not_clash(self) -> None:
        """The theme calendar's id is unique among the requirements' ids."""
        with pytest.raises(PlanError, match=r"\$\.themes\.id"):
            plan(requirements=(Quota(id="themes", bound=Bound(min=1)),), themes=ThemeCalendar())

    def test_lookups(self) -> None:
        """A plan finds its requirements, windows and teams by id, and names the known ones when not."""
        p = plan(
            windows=(NamedWindow(id="w", start=D(2022, 1, 1), end=D(2022, 2, 1)),),
            teams=(Team(id="t", size=3),),
            requirements=(Quota(id="q", bound=Bound(min=1)),),
        )
        assert "q" == p.requirement("q").id
        assert Window.month(2022, 1) == p.window("w")
        assert 3 == p.team("t").size
        with pytest.raises(KeyError, match="no requirement 'x' in plan 'p'; known: q"):
            p.requirement("x")


class TestSelector:
    def test_and_across_fields_or_within(self) -> None:
        """Fields combine with AND; values within a field with OR; empty fields do not filter."""
        s = Selector(kind={"lecture", "talk"}, topics={"tb"})
        assert s.matches(Activity(id="a", date=D(2022, 1, 1), kind="talk", topics={"tb", "hiv"}))
        assert not s.matches(Activity(id="a", date=D(2022, 1, 1), kind="talk", topics={"hiv"}))
        assert not s.matches(Activity(id="a", date=D(2022, 1, 1), kind="visit", topics={"tb"}))
        assert Selector().matches(Activity(id="a", date=D(2022, 1, 1)))

    def test_organiser(self) -> None:
        """The organiser field matches any of the listed organisers."""
        s = Selector(organiser="street")
        assert s.matches(Activity(id="a", date=D(2022, 1, 1), organiser="street"))
        assert not s.matches(Activity(id="a", date=D(2022, 1, 1)))


class TestActivity:
    def test_days(self) -> None:
        """An activity lasts one day, or from its date to its end inclusive."""
        assert 1 == Activity(id="a", date=D(2022, 1, 1)).days
        assert 3 == Activity(id="a", date=D(2022, 1, 1), end=D(2022, 1, 3)).days

    def test_values(self) -> None:
        """values() gives a field's values as a set, for distinct and for-each rules."""
        a = Activity(id="a", date=D(2022, 1, 1), location="hall", people={"wang"})
        assert frozenset({"hall"}) == a.values("location")
        assert frozenset({"wang"}) == a.values("people")
        assert frozenset() == a.values("observance")
        with pytest.raises(ValueError, match="not an activity field: 'colour'"):
            a.values("colour")
