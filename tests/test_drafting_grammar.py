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
