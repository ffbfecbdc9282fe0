"""Plans: their own invariants, and every broken cross-reference reported at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from commhealth import (
    Bound,
    ForEach,
    Goal,
    NamedWindow,
    Organisation,
    Plan,
    PlanError,
    Quota,
    Recurrence,
    Team,
    ThemeCalendar,
    Window,
)

from .helpers import assert_refused, invalid_cases

D = dt.date
ORG = Organisation(id="o")
YEAR = Window.year(2022)


def plan(**kw: object) -> Plan:
    return Plan(id="p", organisation=ORG, span=YEAR, **kw)  # type: ignore[arg-type]


INVALID: list[tuple[str, Callable[[], object], str]] = [
    (
        "team-smaller-than-members",
        lambda: Team(id="t", members=("a", "b"), size=1),
        "'size' must be at least the number of members listed (2, got 1)",
    ),
    ("plan-language", lambda: plan(language="fr"), "'language' must be 'zh' or 'en' (got 'fr')"),
    (
        "plan-schema",
        lambda: plan(schema=2),
        "'schema' must be 1, the version this release reads (got 2)",
    ),
]


class TestInvariants:
    @pytest.mark.parametrize(("make", "message"), invalid_cases(INVALID))
    def test_refused_with_message(self, make: Callable[[], object], message: str) -> None:
        """Each broken invariant raises a FieldError naming the field, the rule and the value."""
        assert_refused(make, message)


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
