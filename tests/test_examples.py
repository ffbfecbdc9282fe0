"""The shipped examples: the five seed plans (篇1–篇5), each with a year's ledger and figures."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from commhealth import (
    Report,
    Status,
    Window,
    check,
    dumps_plan,
    examples,
    loads_plan,
    resolve,
)

NAMES = ("liubeiqiao", "longyuan", "qingxiu", "street", "town")

PLAN_IDS = {
    "liubeiqiao": "liubeiqiao-2022",
    "longyuan": "longyuan-2022",
    "qingxiu": "qingxiu-2022",
    "street": "street-office-2022",
    "town": "town-2022",
}

#: Rows in each example's activities.csv and observations.csv.
LEDGER_ROWS = {
    "liubeiqiao": (43, 0),
    "longyuan": (27, 5),
    "qingxiu": (21, 7),
    "street": (122, 8),
    "town": (29, 12),
}

#: The statuses of each example's plan review, counted (statuses no finding has left out).
REVIEW_SUMMARIES = {
    "liubeiqiao": {"met": 39, "missed": 3},
    "longyuan": {"met": 19, "missed": 3},
    "qingxiu": {"met": 8, "missed": 2},
    "street": {"met": 138, "missed": 8, "no_data": 2},
    "town": {"met": 26, "missed": 8},
}

YEAR = Window.year(2022)


@functools.cache
def review(name: str) -> Report:
    """The plan review (no as-of day) of a shipped example."""
    example = examples.load(name)
    return check(example.plan, example.activities, example.observations)


def failing(name: str, requirement: str) -> Report:
    """The findings of one requirement that make the example's report fail."""
    return review(name).for_requirement(requirement).failing()


class TestNames:
    def test_lists_the_five_seed_plans(self) -> None:
        """examples.names() lists the five seed plans, sorted."""
        assert NAMES == examples.names()


@pytest.mark.parametrize("name", NAMES)
class TestEveryExample:
    def test_loads_a_2022_plan(self, name: str) -> None:
        """Each example loads its plan for the year 2022, and every row of its two ledgers."""
        example = examples.load(name)
        assert (PLAN_IDS[name], YEAR) == (example.plan.id, example.plan.span)
        assert LEDGER_ROWS[name] == (len(example.activities), len(example.observations))

    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_round_trips(self, name: str, fmt: str) -> None:
        """Each example's plan reads back equal from TOML, JSON and YAML."""
        plan = examples.load(name).plan
        assert plan == loads_plan(dumps_plan(plan, fmt), fmt)  # type: ignore[arg-type]

    def test_review_counts(self, name: str) -> None:
        """Each plan review has its targets met and missed in known numbers, so it does not pass."""
        report = review(name)
        assert REVIEW_SUMMARIES[name] == {s: n for s, n in report.summary().items() if n}
        assert False is report.ok

    def test_every_requirement_has_findings(self, name: str) -> None:
        """Every requirement of the plan (and its theme calendar) is reported on."""
        plan = examples.load(name).plan
        ids = [r.id for r in resolve(plan).all_requirements()]
        assert ids == [i for i in review(name).requirements() if i in ids]


class TestLongyuan:
    def test_july_inspection_missing(self) -> None:
        """篇2: the monthly greening and sanitation inspection is missing in July only."""
        found = failing("longyuan", "sanitation-inspection")
        assert [Window.month(2022, 7)] == [f.window for f in found]


class TestTown:
    def test_uncovered_safety_area(self) -> None:
        """篇1: of the 9 safety areas, only 体育运动安全 has no activity in the year."""
        found = failing("town", "safety-areas")
        assert [("体育运动安全", 0.0)] == [(f.key, f.actual) for f in found]
        assert (
            "“健康安全社区”9方面伤害防制（至少1次）：体育运动安全，2022年 0次，缺1次"
            == found.findings[0].message("zh")
        )
        assert 8 == len(review("town").for_requirement("safety-areas").with_status("met"))

    def test_observance_publicity(self) -> None:
        """篇1: publicity is held for each of the four observances the plan names."""
        found = review("town").for_requirement("observance-publicity")
        assert {
            "爱国卫生月": Status.MET,
            "植树节": Status.MET,
            "世界环境日": Status.MET,
            "世界水日": Status.MET,
        } == {f.key: f.status for f in found}

    def test_exactly_one_contest_and_review(self) -> None:
        """篇1: exactly one singing contest and one public review event in the year."""
        report = review("town").for_requirement("singing-contest", "public-review")
        assert [("singing-contest", Status.MET, 1.0), ("public-review", Status.MET, 1.0)] == [
            (f.requirement, f.status, f.actual) for f in report
        ]
        assert {"min": 1, "max": 1, "measure": "count"} == report.findings[0].expected

    def test_village_with_cancelled_project(self) -> None:
        """篇1: 西村's only distinctive project was cancelled, so it alone has none."""
        found = review("town").for_requirement("distinctive-projects")
        assert {
            "dongcun": Status.MET,
            "xicun": Status.MISSED,
            "zhenbei": Status.MET,
            "zhennan": Status.MET,
        } == {f.key: f.status for f in found}

    def test_award_goals(self) -> None:
        """篇1 "2211": units and households within range, volunteers short, district 1:1."""
        report = review("town").for_requirement(
            "city-award-units",
            "city-award-volunteers",
            "city-award-households",
            "district-award-ratio",
        )
        assert [
            ("city-award-units", Status.MET, 2.0),
            ("city-award-volunteers", Status.MISSED, 2.0),
            ("city-award-households", Status.MET, 34.0),
            ("district-award-ratio", Status.MET, 1.0),
        ] == [(f.requirement, f.status, f.actual) for f in report]
        assert (
            "争创3个健康城市志愿者市级先进（3个）：2022年12月10日为2个，未达标"
            == report.findings[1].message("zh")
        )

    def test_everyone_goals_warn_without_failing(self) -> None:
        """篇1: the five 人人 goals are missed warnings; only three own targets fail the plan."""
        plan = examples.load("town").plan
        everyone = [r.id for r in plan.requirements if r.id.startswith("everyone-")]
        report = review("town").for_requirement(*everyone)
        assert 5 == len(everyone)
        assert {("warning", Status.MISSED)} == {(f.severity.value, f.status) for f in report}
        own = {r.id for r in plan.requirements}
        assert ("safety-areas", "city-award-volunteers", "distinctive-projects") == tuple(
            i for i in review("town").failing().requirements() if i in own
        )

    def test_household_leaflets(self) -> None:
        """篇1: every household holds a leaflet by 30 November (100 %)."""
        found = review("town").for_requirement("household-leaflets").findings
        assert [(Status.MET, 100.0)] == [(f.status, f.actual) for f in found]


class TestLiubeiqiao:
    def test_cadre_without_talk_in_second_half(self) -> None:
        """篇3: 赵敏's second-half talk was cancelled, so only that half-year is missed."""
        found = failing("liubeiqiao", "cadre-talks")
        assert [("赵敏", Window.half_year(2022, 2))] == [(f.key, f.window) for f in found]
        assert (
            "社区班子成员和干部每半年至少谈话一次（至少1次）：赵敏，2022年下半年 0次，缺1次"
            == found.findings[0].message("zh")
        )
        assert 14 == len(review("liubeiqiao").for_requirement("cadre-talks"))

    def test_training_counts_days(self) -> None:
        """篇3: five trainings of 3, 2, 2, 1 and 2 days make exactly the 10 days asked."""
        found = review("liubeiqiao").for_requirement("cadre-training").findings
        assert [(Status.MET, 10.0)] == [(f.status, f.actual) for f in found]
        message = found[0].message("en")
        assert "社区干部培训每年不少于10天 (at least 10 days): 2022 had 10 days, met" == message

    def test_unstaffed_duty_post(self) -> None:
        """篇3: of the eight duty posts, only 居务监督岗 has nobody."""
        found = failing("liubeiqiao", "duty-posts")
        assert ["居务监督岗"] == [f.key for f in found]
        assert 8 == len(review("liubeiqiao").for_requirement("duty-posts"))

    def test_roster_missing_in_february(self) -> None:
        """篇3: the duty roster is published every month but February."""
        found = failing("liubeiqiao", "duty-roster")
        assert [Window.month(2022, 2)] == [f.window for f in found]

    def test_year_end_meeting(self) -> None:
        """篇3: the year-end meeting with 民主测评 is set for 27 December."""
        found = review("liubeiqiao").for_requirement("year-end-appraisal").findings
        assert [(Status.MET, "2022-12-27")] == [(f.status, f.actual) for f in found]

    def test_half_years_and_quarters_met(self) -> None:
        """篇3: door-to-door visits each half-year and briefings each quarter are all held."""
        report = review("liubeiqiao").for_requirement("door-to-door", "briefings")
        assert (6, {Status.MET}) == (len(report), {f.status for f in report})


class TestStreet:
    def test_correspondents_meeting_missed_in_august(self) -> None:
        """篇4: no correspondents' meeting in August; the other eleven are matched."""
        found = failing("street", "correspondents-meeting")
        assert [dt.date(2022, 8, 10)] == [f.expected["date"] for f in found]
        message = found.findings[0].message("zh")
        assert "每月10日通讯员例会：2022年8月10日，无相应活动（允许前后2天）" == message
        assert 11 == len(
            review("street").for_requirement("correspondents-meeting").with_status("met")
        )

    def test_meeting_on_a_sunday_moves_within_tolerance(self) -> None:
        """篇4: 10 April 2022 was a Sunday; the meeting on Monday 11 April matches it."""
        found = (
            review("street")
            .for_requirement("correspondents-meeting")
            .in_window(dt.date(2022, 4, 10))
        )
        assert [(Status.MET, "2022-04-11", ("cm-04",))] == [
            (f.status, f.actual, f.activities) for f in found
        ]

    def test_monday_study_missed_once(self) -> None:
        """篇4: the Monday study is held every week of 2022 but 15 August."""
        found = failing("street", "monday-study")
        assert [dt.date(2022, 8, 15)] == [f.expected["date"] for f in found]
        assert "周一干部学习：2022年8月15日，无相应活动" == found.findings[0].message("zh")

    def test_holiday_mondays_roll_to_the_next_working_day(self) -> None:
        """篇4: holiday Mondays move to the next working day; Spring Festival's joins 7 February."""
        report = review("street").for_requirement("monday-study")
        moved = {
            f.expected["date"]: f.actual
            for f in report
            if f.expected["date"].weekday() != 0  # not a Monday: rolled off a holiday
        }
        assert {
            dt.date(2022, 1, 4): "2022-01-04",
            dt.date(2022, 4, 6): "2022-04-06",
            dt.date(2022, 5, 5): "2022-05-05",
            dt.date(2022, 9, 13): "2022-09-13",
            dt.date(2022, 10, 8): "2022-10-08",
        } == moved
        assert 51 == len(report)

    def test_opinion_analysis_missing_in_february(self) -> None:
        """篇4: one news item every month, but no opinion analysis in February."""
        assert () == failing("street", "monthly-news").findings
        found = failing("street", "monthly-opinion-analysis")
        assert [Window.month(2022, 2)] == [f.window for f in found]

    def test_community_inspected_once(self) -> None:
        """篇4: 新华社区 is inspected once, the other communities twice."""
        found = review("street").for_requirement("community-inspections")
        assert {"longyuan": 2.0, "xinhua": 1.0, "dongfeng": 2.0, "nanyuan": 2.0} == {
            f.key: f.actual for f in found
        }
        assert ["xinhua"] == [f.key for f in found.failing()]

    def test_theme_month_missed_in_july(self) -> None:
        """篇4: July's only health-education event was cancelled, so July's themes are missed."""
        months = [f for f in review("street").for_requirement("themes") if f.key is None]
        assert 12 == len(months)
        assert [Window.month(2022, 7)] == [f.window for f in months if f.status is Status.MISSED]

    def test_september_leaves_elderly_topic_to_october(self) -> None:
        """篇4: the 重阳 lecture falls on 4 October 2022, so September's message names its topic."""
        september = [
            f
            for f in review("street").for_requirement("themes").in_window(Window.month(2022, 9))
            if f.key is None
        ]
        assert [
            (
                Status.MET,
                "健康教育时间安排（至少1次）：2022年9月 2次，达标；未涉及主题：老年性疾病防治",
            )
        ] == [(f.status, f.message("zh")) for f in september]

    def test_theme_calendar_as_the_seed_files_it(self) -> None:
        """篇4: the twelve months carry the observances as the seed names them."""
        themes = examples.load("street").plan.themes
        assert themes is not None
        assert {
            1: (),
            2: (),
            3: ("三八妇女节", "结核病防治宣传日"),
            4: ("爱国卫生月", "全国计划免疫宣传日"),
            5: ("国际劳动节", "碘缺乏病宣传日", "无烟日"),
            6: ("国际儿童节", "环境日", "爱眼日"),
            7: (),
            8: ("母乳喂养宣传周",),
            9: ("全国爱牙日", "老人节"),
            10: ("全国防治高血压日", "世界精神卫生日"),
            11: ("食品卫生宣传周", "全国防治糖尿病日"),
            12: ("世界艾滋病防治宣传日",),
        } == {m.month: m.observances for m in themes.months}
        assert ("口腔保健", "老年性疾病防治", "体育健身") == themes.months[8].topics

    def test_rates_and_trends(self) -> None:
        """篇4: awareness met, behaviour formation short; communicable falls, chronic rises."""
        report = review("street").for_requirement(
            "knowledge-awareness",
            "behaviour-formation",
            "communicable-incidence",
            "chronic-incidence",
        )
        assert [
            ("knowledge-awareness", Status.MET, 83.4),
            ("behaviour-formation", Status.MISSED, 58.9),
            ("communicable-incidence", Status.MET, 287.4),
            ("chronic-incidence", Status.MISSED, 1.93),
        ] == [(f.requirement, f.status, f.actual) for f in report]
        assert (
            "慢性病发病率逐步下降（逐期下降）：2022年 1.93，上期 1.86，未下降"
            == report.findings[3].message("zh")
        )

    def test_communities_under_the_street(self) -> None:
        """篇4: 龙苑社区 (the longyuan example) is one of the street's communities."""
        street = examples.load("street").plan
        longyuan = examples.load("longyuan").plan
        assert ("longyuan", "xinhua", "dongfeng", "nanyuan") == tuple(c.id for c in street.children)
        assert street.organisation.id == longyuan.organisation.parent


class TestQingxiu:
    def test_fund_per_resident_short(self) -> None:
        """篇5: 46万 yuan over 1 020 000 residents is 0.451 yuan a head, short of 1."""
        found = failing("qingxiu", "fund-per-resident").findings
        assert [(Status.MISSED, 460000 / 1020000)] == [(f.status, f.actual) for f in found]
        assert (
            "按城区常住人口年人均1元设立社区教育专项经费（至少1）：460000 ÷ 1020000 = 0.45098，未达标"
            == found[0].message("zh")
        )

    def test_learning_week_counts_only_its_days(self) -> None:
        """篇5: only the three events of 20–26 November count; 29 October's does not."""
        found = review("qingxiu").for_requirement("learning-week").findings
        assert [(Status.MET, 3.0, ("lw-01", "lw-02", "lw-03"))] == [
            (f.status, f.actual, f.activities) for f in found
        ]
        plan = examples.load("qingxiu").plan
        assert Window(start=dt.date(2022, 11, 20), end=dt.date(2022, 11, 27)) == plan.window(
            "lifelong-learning-week"
        )

    def test_newsletter_issue_cancelled(self) -> None:
        """篇5: the fourth newsletter issue was cancelled, leaving 3 of 4."""
        found = failing("qingxiu", "newsletters").findings
        assert [(Status.MISSED, 3.0)] == [(f.status, f.actual) for f in found]

    def test_pilot_communities_and_funds(self) -> None:
        """篇5: 23 new pilots, 26 in all, 3 excellent, and both funds reached."""
        report = review("qingxiu").for_requirement(
            "new-pilot-communities",
            "pilot-communities",
            "excellent-pilots",
            "community-allocation",
            "resident-training-fund",
        )
        assert [23.0, 26.0, 3.0, 460000.0, 200000.0] == [f.actual for f in report]
        assert {Status.MET} == {f.status for f in report}

    def test_budget_lines(self) -> None:
        """篇5: the plan's budget holds the 46万 allocation and the separate 20万."""
        plan = examples.load("qingxiu").plan
        assert {"community-allocation": 460000.0, "resident-training": 200000.0} == {
            b.id: b.amount for b in plan.budget
        }

    def test_milestones(self) -> None:
        """篇5: the survey is done in April and the training contract by 30 November."""
        report = review("qingxiu").for_requirement("needs-survey", "training-contract")
        assert [("needs-survey", "2022-04-10"), ("training-contract", "2022-11-18")] == [
            (f.requirement, f.actual) for f in report
        ]
