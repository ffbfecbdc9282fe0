"""Quotas: every measure, cadence, named windows and for-each; plan review and progress."""

from __future__ import annotations

import attrs
import pytest

from commhealth import (
    ActivityStatus,
    Bound,
    Cadence,
    ForEach,
    Measure,
    NamedWindow,
    Organisation,
    Quota,
    Selector,
    Status,
    Team,
    Window,
    check,
)

from .helpers import D, act, make_plan, monthly

INSPECTION = Quota(
    id="sanitation-inspection",
    title="每月绿化卫生检查",
    select=Selector(kind="inspection"),
    bound=Bound(min=1),
    per=Cadence.MONTH,
)


class TestSeedLongyuan:
    def test_monthly_inspection_missed_in_july(self) -> None:
        """篇2: the monthly greening and sanitation inspection, missed in July only."""
        report = check(make_plan(INSPECTION), monthly("inspection", skip=(7,)))
        [missed] = report.with_status(Status.MISSED)
        assert Window.month(2022, 7) == missed.window
        assert 0 == missed.actual
        assert "每月绿化卫生检查（至少1次）：2022年7月 0次，缺1次" == missed.message("zh")
        assert "每月绿化卫生检查 (at least 1): July 2022 had 0, 1 short" == missed.message("en")
        assert 11 == report.summary()["met"]
        assert not report.ok

    def test_ten_health_education_activities(self) -> None:
        """篇2: at least 10 health-education activities a year; a cancelled one never counts."""
        q = Quota(
            id="he", title="全年健教活动不少于10次", select=Selector(kind="he"), bound=Bound(min=10)
        )
        acts = monthly("he", skip=(1, 2))
        acts[0] = attrs.evolve(acts[0], status=ActivityStatus.CANCELLED)
        [f] = check(make_plan(q), acts)
        assert (Status.MISSED, 9) == (f.status, f.actual)
        assert "全年健教活动不少于10次（至少10次）：2022年 9次，缺1次" == f.message("zh")

    def test_youth_sessions_only_inside_school_holidays(self) -> None:
        """篇2: at least two youth sessions within the winter and summer holidays."""
        windows = (
            NamedWindow(id="winter", start=D(2022, 1, 15), end=D(2022, 2, 21)),
            NamedWindow(id="summer", start=D(2022, 7, 10), end=D(2022, 9, 1)),
        )
        q = Quota(
            id="youth",
            select=Selector(audience="youth"),
            bound=Bound(min=2),
            within=("winter", "summer"),
        )
        acts = [
            act("w", D(2022, 1, 20), audience={"youth"}),
            act("school", D(2022, 5, 20), audience={"youth"}),
            act("s-edge", D(2022, 9, 1), audience={"youth"}),
        ]
        [f] = check(make_plan(q, windows=windows), acts)
        assert (Status.MISSED, 1, ("w",)) == (f.status, f.actual, f.activities)


class TestSeedLiubeiqiao:
    def test_cadre_without_a_talk_in_the_second_half(self) -> None:
        """篇3: every cadre has a talk each half-year; one had none in the second half."""
        team = Team(id="cadres", name="社区干部", members=("王", "李", "张"))
        q = Quota(
            id="talks",
            title="社区干部每半年至少谈话一次",
            select=Selector(kind="talk"),
            bound=Bound(min=1),
            per=Cadence.HALF_YEAR,
            for_each=ForEach(field="people", team="cadres"),
        )
        acts = [
            act("t1", D(2022, 3, 1), kind="talk", people={"王", "李"}),
            act("t2", D(2022, 4, 1), kind="talk", people={"张"}),
            act("t3", D(2022, 9, 1), kind="talk", people={"王"}),
            act("t4", D(2022, 11, 1), kind="talk", people={"张"}),
        ]
        report = check(make_plan(q, teams=(team,)), acts)
        [missed] = report.with_status("missed")
        assert ("李", Window.half_year(2022, 2)) == (missed.key, missed.window)
        assert (
            "社区干部每半年至少谈话一次（至少1次）：李，2022年下半年 0次，缺1次"
            == missed.message("zh")
        )
        assert 5 == report.summary()["met"]

    def test_training_days(self) -> None:
        """篇3: cadre training at least 10 days a year, multi-day courses counted in days."""
        q = Quota(
            id="training",
            title="培训每年不少于10天",
            select=Selector(kind="training"),
            measure=Measure.DAYS,
            bound=Bound(min=10),
        )
        acts = [
            act("a", D(2022, 3, 1), kind="training", end=D(2022, 3, 5)),
            act("b", D(2022, 9, 1), kind="training", end=D(2022, 9, 4)),
        ]
        [f] = check(make_plan(q), acts)
        assert (Status.MISSED, 9) == (f.status, f.actual)
        assert "培训每年不少于10天（至少10天）：2022年 9天，缺1天" == f.message("zh")
        assert "培训每年不少于10天 (at least 10 days): 2022 had 9 days, 1 days short" == f.message(
            "en"
        )


class TestSeedTown:
    def test_nine_safety_areas_one_uncovered(self) -> None:
        """篇1: injury prevention in each of the 9 safety areas; one area had no activity."""
        areas = (
            "交通安全",
            "职业安全",
            "公共场所安全",
            "涉水安全",
            "学校安全",
            "老年人安全",
            "儿童安全",
            "居家安全",
            "体育运动安全",
        )
        q = Quota(
            id="safety-areas",
            title="健康安全社区9方面伤害预防",
            select=Selector(kind="safety"),
            bound=Bound(min=1),
            for_each=ForEach(field="topics", values=areas),
        )
        acts = [
            act(f"s{i}", D(2022, 3 + i, 1), kind="safety", topics={a})
            for i, a in enumerate(areas)
            if a != "涉水安全"
        ]
        report = check(make_plan(q), acts)
        assert [("涉水安全", Status.MISSED)] == [(f.key, f.status) for f in report.failing()]
        assert 9 == len(report)

    def test_exactly_one_singing_contest(self) -> None:
        """篇1: exactly one singing contest; two are 'exceeded'."""
        q = Quota(id="contest", select=Selector(kind="contest"), bound=Bound.exactly(1))
        [f] = check(
            make_plan(q),
            [act("a", D(2022, 5, 1), kind="contest"), act("b", D(2022, 6, 1), kind="contest")],
        )
        assert Status.EXCEEDED == f.status
        assert "contest (exactly 1): 2022 had 2, 1 over" == f.message("en")


class TestSeedStreetOffice:
    def test_inspection_of_each_community_twice(self) -> None:
        """篇4: the street inspects each community at least twice a year."""
        children = (Organisation(id="c1", name="一社区"), Organisation(id="c2", name="二社区"))
        q = Quota(
            id="guidance",
            select=Selector(kind="inspection"),
            bound=Bound(min=2),
            for_each=ForEach(field="location", children=True),
        )
        acts = [
            act("a", D(2022, 3, 1), kind="inspection", location="c1"),
            act("b", D(2022, 9, 1), kind="inspection", location="c1"),
            act("c", D(2022, 9, 2), kind="inspection", location="c2"),
        ]
        report = check(make_plan(q, children=children), acts)
        assert [("c1", Status.MET, 2), ("c2", Status.MISSED, 1)] == [
            (f.key, f.status, f.actual) for f in report
        ]
        assert "guidance（至少2次）：二社区，2022年 1次，缺1次" == report.findings[1].message("zh")


class TestMeasures:
    @pytest.mark.parametrize(
        ("measure", "of", "expected"),
        [
            pytest.param(Measure.COUNT, None, 3, id="count"),
            pytest.param(Measure.DAYS, None, 5, id="days"),
            pytest.param(Measure.HOURS, None, 4.5, id="hours"),
            pytest.param(Measure.PARTICIPANTS, None, 70, id="participants"),
            pytest.param(Measure.DISTINCT, "topics", 2, id="distinct-topics"),
            pytest.param(Measure.DISTINCT, "location", 1, id="distinct-location"),
        ],
    )
    def test_each_measure(self, measure: Measure, of: str | None, expected: float) -> None:
        """Each measure sums (or counts the distinct values of) the selected activities."""
        q = Quota(id="q", measure=measure, of=of, bound=Bound(min=0))
        acts = [
            act(
                "a",
                D(2022, 1, 1),
                end=D(2022, 1, 3),
                hours=3.0,
                participants=40,
                topics={"tb"},
                location="hall",
            ),
            act(
                "b",
                D(2022, 2, 1),
                hours=1.5,
                participants=30,
                topics={"tb", "hiv"},
                location="hall",
            ),
            act("c", D(2022, 3, 1)),
        ]
        [f] = check(make_plan(q), acts)
        assert expected == f.actual

    def test_maximum_bound(self) -> None:
        """A max-only bound is met at or below it."""
        q = Quota(id="q", bound=Bound(max=1), per=Cadence.QUARTER)
        report = check(make_plan(q), [act("a", D(2022, 1, 1)), act("b", D(2022, 2, 1))])
        assert [Status.EXCEEDED, Status.MET, Status.MET, Status.MET] == [f.status for f in report]

    @pytest.mark.parametrize(
        ("cadence", "windows"), [(c, len(c.windows(Window.year(2022)))) for c in Cadence]
    )
    def test_one_finding_per_window(self, cadence: Cadence, windows: int) -> None:
        """A quota yields one finding per window of its cadence."""
        assert windows == len(check(make_plan(Quota(id="q", bound=Bound(min=0), per=cadence)), []))


class TestProgress:
    def test_as_of_statuses(self) -> None:
        """As of a day: past windows met or missed; open ones met, on track or at risk."""
        acts = monthly("inspection", skip=(2, 8))
        report = check(make_plan(INSPECTION), acts, as_of=D(2022, 6, 10))
        statuses = [f.status for f in report]
        assert [Status.MET, Status.MISSED, Status.MET, Status.MET, Status.MET] == statuses[:5]
        assert Status.ON_TRACK == statuses[5]  # June: the 15th is still planned
        assert Status.AT_RISK == statuses[7]  # August: nothing planned
        assert [Status.ON_TRACK] * 4 == statuses[8:]

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            pytest.param(D(2022, 6, 14), Status.ON_TRACK, id="day-before"),
            pytest.param(D(2022, 6, 15), Status.MET, id="on-the-day"),
            pytest.param(D(2022, 6, 30), Status.MET, id="last-day"),
        ],
    )
    def test_window_edges(self, as_of: D, status: Status) -> None:
        """An activity counts as achieved from its own day on."""
        report = check(
            make_plan(INSPECTION), [act("a", D(2022, 6, 15), kind="inspection")], as_of=as_of
        )
        assert status == report.in_window(D(2022, 6, 1)).findings[0].status

    def test_window_closes_on_its_last_day(self) -> None:
        """A month with nothing done is missed once as_of reaches its last day, at risk before."""
        plan = make_plan(INSPECTION)
        assert (
            Status.AT_RISK
            == check(plan, [], as_of=D(2022, 6, 29)).in_window(D(2022, 6, 1)).findings[0].status
        )
        assert (
            Status.MISSED
            == check(plan, [], as_of=D(2022, 6, 30)).in_window(D(2022, 6, 1)).findings[0].status
        )

    def test_planned_past_max_is_at_risk(self) -> None:
        """Achieved within the bound but planned beyond its max is at risk."""
        q = Quota(id="q", bound=Bound(min=1, max=1))
        [f] = check(
            make_plan(q), [act("a", D(2022, 1, 1)), act("b", D(2022, 12, 1))], as_of=D(2022, 6, 1)
        )
        assert Status.AT_RISK == f.status
        assert "q（1次）：2022年 已完成1次，连同计划共2次，将超出1次" == f.message("zh")

    def test_achieved_above_max_is_exceeded_early(self) -> None:
        """Once achieved passes the max, an open window is already exceeded."""
        q = Quota(id="q", bound=Bound(max=1))
        [f] = check(
            make_plan(q), [act("a", D(2022, 1, 1)), act("b", D(2022, 2, 1))], as_of=D(2022, 3, 1)
        )
        assert Status.EXCEEDED == f.status
