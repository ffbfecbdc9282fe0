"""Child plans taking up what their parent plan passes down (篇4: 各社区制订相应计划)."""

from __future__ import annotations

import pytest

from commhealth import (
    Bound,
    Cadence,
    Deadline,
    MonthlyTheme,
    Organisation,
    PlanError,
    Quota,
    Recurrence,
    Selector,
    Status,
    ThemeCalendar,
    check_conformance,
    examples,
    resolve,
)
from commhealth.cli import main

from .helpers import D, make_plan

LECTURES = Quota(
    id="lectures",
    title="每月讲座",
    select=Selector(kind="lecture"),
    bound=Bound(min=1),
    per=Cadence.MONTH,
)
THEMES = ThemeCalendar(
    title="时间安排", months=(MonthlyTheme(month=3, topics=("结核病防治", "生殖健康")),)
)
STREET = make_plan(LECTURES, id="street-2022", themes=THEMES, cascade=("lectures", "themes"))


def child(ident: str, *reqs: object, **kw: object) -> object:
    return make_plan(
        *reqs,
        id=ident,
        parent="street-2022",
        organisation=Organisation(id=ident, name=f"{ident}社区"),
        **kw,
    )


class TestConformance:
    def test_conforming_child(self) -> None:
        """A child naming its parent and holding its requirements at least as strictly conforms."""
        stricter = Quota(
            id="lectures", select=Selector(kind="lecture"), bound=Bound(min=2), per=Cadence.MONTH
        )
        themes = ThemeCalendar(
            months=(MonthlyTheme(month=3, topics=("结核病防治", "生殖健康", "妇女保健")),)
        )
        report = check_conformance(STREET, [child("a", stricter, themes=themes)])
        assert report.ok
        assert [("parent-link", "a"), ("lectures", "a"), ("themes", "a")] == [
            (f.requirement, f.key) for f in report
        ]

    @pytest.mark.parametrize(
        ("reqs", "kw", "requirement", "zh"),
        [
            pytest.param(
                (), {"themes": THEMES}, "lectures", "b社区：缺少上级要求「每月讲座」", id="missing"
            ),
            pytest.param(
                (Quota(id="lectures", bound=Bound(min=1), per=Cadence.QUARTER),),
                {"themes": THEMES},
                "lectures",
                "b社区：「每月讲座」所计指标或计量方式不同",
                id="other-cadence",
            ),
            pytest.param(
                (Quota(id="lectures", bound=Bound(min=0), per=Cadence.MONTH),),
                {"themes": THEMES},
                "lectures",
                "b社区：「每月讲座」要求低于上级（上级至少1）",
                id="looser-bound",
            ),
            pytest.param(
                (LECTURES,),
                {"themes": ThemeCalendar(months=(MonthlyTheme(month=3, topics=("结核病防治",)),))},
                "themes",
                "b社区：「时间安排」3月的主题未全部采纳",
                id="theme-topic-dropped",
            ),
            pytest.param(
                (LECTURES, Recurrence(id="themes", rule="FREQ=MONTHLY")),
                {},
                "themes",
                "b社区：「时间安排」类型不同（上级为ThemeCalendar）",
                id="other-kind",
            ),
        ],
    )
    def test_shortfalls(
        self, reqs: tuple[object, ...], kw: dict[str, object], requirement: str, zh: str
    ) -> None:
        """A child that lacks, loosens or changes a passed-down requirement is reported, with why."""
        report = check_conformance(STREET, [child("b", *reqs, **kw)])
        [f] = report.failing()
        assert (requirement, "b", Status.MISSED, zh) == (
            f.requirement,
            f.key,
            f.status,
            f.message("zh"),
        )

    def test_child_must_name_its_parent(self) -> None:
        """A child plan that does not name the parent plan is reported."""
        orphan = make_plan(LECTURES, id="c", themes=THEMES)
        [f] = check_conformance(STREET, [orphan]).failing()
        assert ("parent-link", "c: the plan does not name its parent plan street-2022") == (
            f.requirement,
            f.message("en"),
        )

    def test_goal_on_another_metric_does_not_conform(self) -> None:
        """A child goal with the parent's id but another metric does not stand in for it."""
        from commhealth import Goal

        parent = make_plan(
            Goal(id="literacy", metric="health-literacy", bound=Bound(min=22)),
            id="street-2022",
            cascade=("literacy",),
        )
        other = Goal(id="literacy", metric="awareness", bound=Bound(min=90))
        [f] = check_conformance(parent, [child("e", other)]).failing()
        assert "e社区：「literacy」所计指标或计量方式不同" == f.message("zh")

    def test_deadline_no_later(self) -> None:
        """A passed-down deadline must fall due no later in the child plan."""
        due = Deadline(id="records", select=Selector(kind="milestone"), due=D(2022, 6, 30))
        parent = make_plan(due, id="street-2022", cascade=("records",))
        late = Deadline(id="records", select=Selector(kind="milestone"), due=D(2022, 9, 30))
        [f] = check_conformance(parent, [child("d", late)]).failing()
        assert "d社区：「records」期限晚于上级（2022-06-30）" == f.message("zh")

    def test_cascade_must_name_requirements(self) -> None:
        """A parent cannot pass down a requirement it does not have; resolving it says so."""
        plan = make_plan(LECTURES, cascade=("talks",))
        with pytest.raises(
            PlanError,
            match=r"no requirement 'talks' in the plan to pass down; known: lectures @ \$\.cascade\[0\]",
        ):
            resolve(plan)

    def test_heading(self) -> None:
        """The report says it is about child plans' conformance."""
        text = check_conformance(STREET, []).to_text("en")
        assert text.startswith("测试计划 (street-2022) — conformance of child plans\n")


class TestSeed:
    def test_longyuan_lacks_the_street_themes(self) -> None:
        """篇4 and 篇2: 龙苑 names the street's plan but has no monthly theme calendar of its own."""
        report = check_conformance(examples.load("street").plan, [examples.load("longyuan").plan])
        assert [("parent-link", Status.MET), ("themes", Status.MISSED)] == [
            (f.requirement, f.status) for f in report
        ]

    def test_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'commhealth conformance street longyuan' exits 1 and names what is missing."""
        assert 1 == main(["conformance", "street", "longyuan"])
        assert "✗ 龙苑社区：缺少上级要求「健康教育时间安排」\n" in capsys.readouterr().out
