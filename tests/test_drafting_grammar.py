"""The drafting grammar: numerals, periods, dates and month lines read as the plans write them."""

from __future__ import annotations

import datetime as dt

import pytest

from commhealth import Cadence
from commhealth.drafting._grammar_periods import (
    cadences,
    due_dates,
    holiday_windows,
    recurrences,
    value,
)
from commhealth.drafting._grammar_themes import MonthLine, month_line

pytest.importorskip("cn2an", reason="the draft extra (cn2an) is not installed")


class TestNumerals:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("二", 2),
            ("两", 2),
            ("十", 10),
            ("二十六", 26),
            ("六十", 60),
            ("10", 10),
            ("１０", 10),
            ("46万", 460000),
            ("1.5", 1.5),
        ],
        ids=["er", "liang", "shi", "ershiliu", "liushi", "digits", "full-width", "wan", "decimal"],
    )
    def test_reads_numerals_and_amounts(self, text: str, expected: float) -> None:
        """Chinese numerals, full-width digits and 万 amounts read as their values."""
        assert expected == value(text)

    def test_unreadable_numeral_is_none(self) -> None:
        """Text that is no numeral reads as None, not an exception."""
        assert (None, None) == (value("几"), value(""))


class TestPeriods:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("全年健教活动", Cadence.YEAR),
            ("每半年至少谈话一次", Cadence.HALF_YEAR),
            ("按季召开通报会", Cadence.QUARTER),
            ("每季度开展一次", Cadence.QUARTER),
            ("每两个月一次", Cadence.TWO_MONTHS),
            ("按月编制", Cadence.MONTH),
            ("每周开展", Cadence.WEEK),
        ],
        ids=["year", "half-year", "by-quarter", "each-quarter", "two-months", "by-month", "week"],
    )
    def test_cadence_words(self, text: str, expected: Cadence) -> None:
        """Each cadence word names its cadence."""
        assert [expected] == [c.cadence for c in cadences(text)]

    @pytest.mark.parametrize(
        ("text", "rule"),
        [
            ("定时召开每月10日的通讯员例会", "FREQ=MONTHLY;BYMONTHDAY=10"),
            ("开展周一干部学习制度", "FREQ=WEEKLY;BYDAY=MO"),
            ("每周三下午开展咨询", "FREQ=WEEKLY;BYDAY=WE"),
            ("每年3月24日开展宣传", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=24"),
        ],
        ids=["monthly-day", "monday", "wednesday", "yearly-day"],
    )
    def test_recurrences(self, text: str, rule: str) -> None:
        """A day of the month or of the week reads as its RRULE."""
        assert [rule] == [r.rule for r in recurrences(text)]

    @pytest.mark.parametrize(
        ("text", "due"),
        [
            ("六月底前对老年人健康档案建立全部完成", dt.date(2022, 6, 30)),
            ("6月15日前完成", dt.date(2022, 6, 15)),
            ("年终召开党员会议", dt.date(2022, 12, 31)),
            ("上半年完成", dt.date(2022, 6, 30)),
            ("11月在区政府指导下拟定了合同", dt.date(2022, 11, 30)),
            ("二月底前完成", dt.date(2022, 2, 28)),
        ],
        ids=["end-of-june", "day", "year-end", "first-half", "month-before-verb", "february"],
    )
    def test_due_dates(self, text: str, due: dt.date) -> None:
        """Deadline phrases read as the last day they allow."""
        assert [due] == [d.due for d in due_dates(text, 2022)]

    def test_school_holidays(self) -> None:
        """寒暑假期 restricts to both school holidays, 暑假 to the summer one."""
        assert (("winter-holiday", "summer-holiday"), "寒暑假") == holiday_windows(
            "组织青少年寒暑假期活动"
        )
        assert (("summer-holiday",), "暑假") == holiday_windows("暑假期间")
        assert holiday_windows("全年") is None


class TestMonthLines:
    def test_reads_observances_and_topics(self) -> None:
        """A month line gives its month, the days it is tied to (dates dropped) and its topics."""
        line = (
            "三月份：结合三八妇女节、3.24结核病防治宣传日，重点宣传生殖健康知识、结核病防治知识。"
        )
        expected = MonthLine(
            month=3,
            observances=("三八妇女节", "结核病防治宣传日"),
            topics=("生殖健康", "结核病防治"),
        )
        assert expected == month_line(line)

    def test_reads_a_month_with_no_observance(self) -> None:
        """A month with only topics has no observances; 教育 that is part of a topic stays."""
        expected = MonthLine(
            month=1, observances=(), topics=("合理膳食与营养", "安全教育", "呼吸道传染病防治")
        )
        assert expected == month_line(
            "一月份：教育重点是合理膳食与营养、安全教育、呼吸道传染病防治。"
        )

    def test_december(self) -> None:
        """十二月份 is month 12."""
        line = month_line(
            "十二月份：结合12.1世界艾滋病防治宣传日，重点开展性病、艾滋病防治的宣传教育。"
        )
        assert line is not None
        assert (12, ("世界艾滋病防治宣传日",), ("性病", "艾滋病防治")) == (
            line.month,
            line.observances,
            line.topics,
        )

    def test_other_lines_are_not_months(self) -> None:
        """A sentence that is no month line reads as None."""
        assert month_line("全年健教活动不少于10次。") is None


class TestOrganisation:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("龙苑社区将围绕上级有关创建健康型社区的精神", ("龙苑社区", "community")),
            (
                "和平街道社区卫生服务中心2023年健康教育工作计划",
                ("和平街道社区卫生服务中心", "health-centre"),
            ),
            ("20__年青秀区社区教育指导委员会在南宁市", ("青秀区", "district")),
            ("柳背桥社区党委为了切实加大社区党建工作力度", ("柳背桥社区党委", "community")),
            ("1.继续强化建设健康社区宣传活动", None),
        ],
        ids=["community", "health-centre", "after-a-year", "party-committee", "a-description"],
    )
    def test_names_the_organisation(self, text: str, expected: tuple[str, str] | None) -> None:
        """The first organisation named is found with its level; a description is no name."""
        from commhealth.drafting._grammar_text import organisation_of

        assert expected == organisation_of(text)


def _only(text: str) -> object:
    from commhealth import draft

    (section,) = draft(text, year=2022).sections
    (drafted,) = section.requirements
    return drafted.requirement


class TestMeasuredTargets:
    @pytest.mark.parametrize(
        ("text", "bound", "unit"),
        [
            ("全镇争创1—2个建设健康单位市级先进。", (1, 2), "个"),
            ("全镇争创30—40户健康家庭市级先进。", (30, 40), "户"),
            ("下拨到社区的专项经费共计46万元。", (460000, None), "元"),
            ("重点人群健康知识知晓率达到百分之八十。", (80, None), "%"),
            ("青秀区又有23个社区加入到试点工作中。", (23, None), "个"),
        ],
        ids=["range-units", "range-households", "wan-yuan", "percent-in-words", "count"],
    )
    def test_goals(self, text: str, bound: tuple[float, float | None], unit: str) -> None:
        """Ranges, 万 amounts and 百分之 rates read as goals with their unit."""
        from commhealth import Goal

        goal = _only(text)
        assert isinstance(goal, Goal)
        assert (bound, unit) == ((goal.bound.min, goal.bound.max), goal.unit)

    def test_percent_after_a_due_date_is_a_deadline(self) -> None:
        """A rate after 六月底前 is a deadline on the figure, due that day."""
        from commhealth import Deadline

        text = "六月底前完成老年人健康档案的更新，建档率达到95%以上。"
        from commhealth import draft

        (section,) = draft(text, year=2022).sections
        figures = [
            r.requirement
            for r in section.requirements
            if isinstance(r.requirement, Deadline) and r.requirement.metric
        ]
        assert [(95, dt.date(2022, 6, 30), "%")] == [(d.bound.min, d.due, d.unit) for d in figures]  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("text", "bound"),
        [
            ("并按照1:1的名额比例，开展区级先进的评比活动。", (1, 1)),
            ("按城区常住人口年人均1元标准设立专项经费。", (1, None)),
        ],
        ids=["one-to-one", "per-head"],
    )
    def test_ratio_goals(self, text: str, bound: tuple[float, float | None]) -> None:
        """1:1 的名额比例 is a ratio of exactly one; 人均1元 at least one yuan a head."""
        from commhealth import RatioGoal

        goal = _only(text)
        assert isinstance(goal, RatioGoal)
        assert bound == (goal.bound.min, goal.bound.max)

    def test_trend_goals(self) -> None:
        """传染病、慢性病发病率逐步下降 is two falling trends."""
        from commhealth import draft

        (section,) = draft("传染病、慢性病发病率逐步下降。", year=2022).sections
        assert [("传染病发病率下降", "fall"), ("慢性病发病率下降", "fall")] == [
            (r.requirement.title, r.requirement.direction.value)
            for r in section.requirements  # type: ignore[union-attr]
        ]
