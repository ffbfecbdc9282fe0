"""The theme calendar's topic coverage, month by month."""

from __future__ import annotations

from commhealth import MonthlyTheme, Selector, Status, ThemeCalendar, check

from .helpers import D, act, make_plan

CALENDAR = ThemeCalendar(
    title="健康教育时间安排",
    select=Selector(kind="health-education"),
    months=(
        MonthlyTheme(
            month=3,
            topics=("生殖健康", "结核病防治"),
            observances=("三八妇女节", "世界防治结核病日"),
        ),
        MonthlyTheme(month=7, topics=("夏秋季肠道传染病", "饮水饮食卫生"), min_activities=2),
    ),
)


class TestTopics:
    def test_each_month_needs_its_topics(self) -> None:
        """篇4: each themed month needs activities carrying its topics; the message names those missing."""
        acts = [
            act("a", D(2022, 3, 24), kind="health-education", topics={"结核病防治"}),
            act("b", D(2022, 7, 20), kind="health-education", topics={"饮水饮食卫生"}),
            act("c", D(2022, 7, 21), kind="meeting", topics={"夏秋季肠道传染病"}),
        ]
        report = check(make_plan(themes=CALENDAR), acts).for_requirement("themes")
        march, july = (
            report.with_status("met", "missed").findings[0],
            report.in_window(D(2022, 7, 1)).findings[0],
        )
        assert (Status.MET, 1) == (march.status, march.actual)
        assert (
            "健康教育时间安排（至少1次）：2022年3月 1次，达标；未涉及主题：生殖健康"
            == march.message("zh")
        )
        assert (Status.MISSED, 1, ("b",)) == (july.status, july.actual, july.activities)

    def test_only_themed_months(self) -> None:
        """Months the calendar does not list yield no finding."""
        windows = {f.window.start.month for f in check(make_plan(themes=CALENDAR), [])}  # type: ignore[union-attr]
        assert {3, 7} == windows
