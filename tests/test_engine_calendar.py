"""The engine's use of the calendar: observances, working days, rolled occurrences."""

from __future__ import annotations

import pytest

from commhealth import (
    Bound,
    Cadence,
    CalendarDataError,
    ForEach,
    MonthlyTheme,
    PlanError,
    Quota,
    Recurrence,
    Roll,
    Selector,
    Status,
    ThemeCalendar,
    Window,
    check,
    dumps_plan,
    loads_plan,
    resolve,
)
from commhealth.calendar import FixedDate, Observance
from commhealth.cli import main

from .helpers import D, act, make_plan

SEPTEMBER = ThemeCalendar(
    title="健康教育时间安排",
    months=(
        MonthlyTheme(
            month=9, topics=("口腔保健", "老年性疾病防治"), observances=("全国爱牙日", "老人节")
        ),
    ),
)


class TestThemeObservances:
    def test_double_ninth_is_not_in_september_2022(self) -> None:
        """篇4 files 老人节 under September; in 2022 the Double Ninth fell on 4 October."""
        report = check(make_plan(themes=SEPTEMBER), [])
        [misfiled] = [f for f in report if f.key == "老人节"]
        assert (Status.MISSED, "2022-10-04") == (misfiled.status, misfiled.actual)
        assert "老人节（重阳节）2022年在10月4日，不在9月" == misfiled.message("zh")
        assert (
            "老人节 (Double Ninth Festival (Seniors' Day)) falls on 4 October 2022, not in September 2022"
            == misfiled.message("en")
        )

    def test_tooth_day_is_in_september(self) -> None:
        """全国爱牙日 (20 September) falls in September."""
        [f] = [f for f in check(make_plan(themes=SEPTEMBER), []) if f.key == "全国爱牙日"]
        assert (Status.MET, "全国爱牙日：2022年在2022年9月20日，在9月") == (
            f.status,
            f.message("zh"),
        )

    def test_double_ninth_in_september_another_year(self) -> None:
        """In 2023 the Double Ninth fell on 23 October; in 2024 on 11 October."""
        for year, day in ((2023, "2023-10-23"), (2024, "2024-10-11")):
            report = check(make_plan(themes=SEPTEMBER, span=Window.year(year)), [])
            [f] = [f for f in report if f.key == "老人节"]
            assert (Status.MISSED, day) == (f.status, f.actual)

    def test_unknown_observance_is_a_plan_error(self) -> None:
        """A theme naming an observance nobody knows is refused, when resolved, with its path
        and suggestions."""
        bad = ThemeCalendar(months=(MonthlyTheme(month=3, observances=("结核病周",)),))
        plan = make_plan(themes=bad)
        with pytest.raises(PlanError) as e:
            resolve(plan)
        [problem] = e.value.problems
        assert "$.themes.months[0].observances[0]" == problem.path
        assert (
            "no observance is called '结核病周' (looked up by id, Chinese or English name, or alias); did you mean '世界结核病日'?"
            == problem.message
        )

    def test_unknown_for_each_observance_is_a_plan_error(self) -> None:
        """A quota counted for each observance, one of which nobody knows, is refused like
        a theme, with its path and the closest names; the known ones pass."""
        quota = Quota(
            id="days",
            bound=Bound(min=1),
            per=Cadence.YEAR,
            for_each=ForEach(field="observance", values=("世界无烟日", "结核病周")),
        )
        with pytest.raises(PlanError) as e:
            resolve(make_plan(quota))
        assert [
            (
                "$.requirements[0].for_each.values[1]",
                "no observance is called '结核病周' (looked up by id, Chinese or English name, "
                "or alias); did you mean '世界结核病日'?",
            )
        ] == [(p.path, p.message) for p in e.value.problems]

    def test_plan_observance(self) -> None:
        """A plan adds its own observance (a local festival) and names it in its themes."""
        fest = Observance(
            id="community-health-day", name_zh="社区健康节", rules=FixedDate(month=5, day=20)
        )
        cal = ThemeCalendar(months=(MonthlyTheme(month=5, observances=("社区健康节",)),))
        [f] = [f for f in check(make_plan(themes=cal, observances=(fest,)), []) if f.key]
        assert (Status.MET, "2022-05-20") == (f.status, f.actual)


class TestActivityObservances:
    @pytest.mark.parametrize(
        ("day", "tolerance", "status"),
        [
            pytest.param(D(2022, 3, 24), 0, Status.MET, id="on-the-day"),
            pytest.param(D(2022, 3, 26), 0, Status.MISSED, id="two-days-late"),
            pytest.param(D(2022, 3, 26), 3, Status.MET, id="within-tolerance"),
        ],
    )
    def test_activity_marks_its_observance(self, day: D, tolerance: int, status: Status) -> None:
        """An activity naming an observance must fall in its span, give or take the plan's tolerance."""
        report = check(
            make_plan(observance_tolerance=tolerance),
            [act("tb", day, title="结核病防治宣传", observance="世界防治结核病日")],
        )
        [f] = report.for_requirement("observance-dates")
        assert (status, "warning") == (f.status, f.severity.value)
        assert report.ok

    def test_message(self) -> None:
        """The warning says when the observance really is."""
        [f] = check(make_plan(), [act("c", D(2022, 9, 30), title="重阳敬老", observance="老人节")])
        assert "重阳敬老：2022年9月30日开展，但老人节在2022年10月4日" == f.message("zh")

    def test_observance_without_a_date_that_year(self) -> None:
        """An activity marking an announced week with no known dates that year is no data, not missed."""
        [f] = check(
            make_plan(),
            [act("f", D(2022, 11, 18), title="食品安全进市场", observance="食品卫生宣传周")],
        )
        assert (Status.NO_DATA, "食品安全进市场：食品卫生宣传周在2022年没有日期，无法核对") == (
            f.status,
            f.message("zh"),
        )

    def test_unknown_observance_in_a_ledger(self) -> None:
        """A ledger naming an unknown observance gets a warning, not an exception."""
        [f] = check(make_plan(), [act("x", D(2022, 5, 1), observance="植树周")])
        assert (Status.NO_DATA, "x：未知的宣传日「植树周」") == (f.status, f.message("zh"))


MEETING = Recurrence(
    id="meeting", select=Selector(kind="meeting"), rule="FREQ=MONTHLY;BYMONTHDAY=10", roll=Roll.NEXT
)


class TestWorkingDays:
    def test_occurrence_rolls_to_next_working_day(self) -> None:
        """篇4's meeting on the 10th: a Sunday 10th rolls to Monday; the Mid-Autumn break to the 13th."""
        report = check(make_plan(MEETING), [])
        days = [f.expected["date"] for f in report]
        assert D(2022, 4, 11) in days
        assert D(2022, 9, 13) in days
        assert D(2022, 4, 10) not in days

    def test_rolled_meeting_matches(self) -> None:
        """A meeting held on the rolled day matches its occurrence."""
        [f] = check(make_plan(MEETING), [act("m", D(2022, 4, 11), kind="meeting")]).in_window(
            D(2022, 4, 11)
        )
        assert Status.MET == f.status

    def test_rolled_occurrence_stays_in_the_span(self) -> None:
        """An occurrence rolled past the span's end belongs to the next year's plan."""
        eve = Recurrence(id="eve", rule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", roll=Roll.NEXT)
        assert 0 == len(check(make_plan(eve), []))

    def test_workdays_only_ignores_activities_outside_the_span(self) -> None:
        """Activities outside the span neither warn nor need holiday data for their year."""
        q = Quota(id="q", select=Selector(kind="talk"), bound=Bound(min=1), workdays_only=True)
        acts = [
            act("old", D(2021, 1, 2), kind="talk"),
            act("far", D(2030, 1, 5), kind="talk"),
            act("ok", D(2022, 3, 1), kind="talk"),
        ]
        assert [(Status.MET, "error")] == [
            (f.status, f.severity.value) for f in check(make_plan(q), acts)
        ]

    def test_workdays_only_quota(self) -> None:
        """Only working days count (调休 Saturdays included); a holiday activity gets a warning."""
        q = Quota(
            id="q",
            title="工作日宣传",
            select=Selector(kind="talk"),
            bound=Bound(min=2),
            workdays_only=True,
        )
        acts = [
            act("holiday", D(2022, 10, 3), kind="talk", title="国庆宣传"),
            act("adjusted", D(2022, 10, 8), kind="talk"),
        ]
        report = check(make_plan(q), acts)
        [count] = [f for f in report if f.severity.value == "error"]
        assert (Status.MISSED, 1, ("adjusted",)) == (count.status, count.actual, count.activities)
        [warning] = [f for f in report if f.severity.value == "warning"]
        assert (
            "工作日宣传：2022年10月3日的活动「国庆宣传」在节假日或周末，不计入"
            == warning.message("zh")
        )

    def test_uncovered_year_fails_clearly(self) -> None:
        """A 2027 plan with a working-day rule fails with the uncovered-year error."""
        plan = make_plan(MEETING, span=Window.year(2027))
        with pytest.raises(CalendarDataError) as e:
            check(plan, [])
        assert (
            "no statutory holiday data for 2027: upgrade the chinesecalendar package "
            "(pip install -U chinesecalendar) once it covers 2027, or declare the year's "
            "holidays and working days in the plan file (holidays = [...], workdays = [...])"
        ) == str(e.value)

    def test_declared_holidays_cover_the_year(self) -> None:
        """The same plan checks once it declares 2027's holidays itself."""
        plan = make_plan(MEETING, span=Window.year(2027), holidays=(D(2027, 1, 1), D(2027, 5, 10)))
        days = [f.expected["date"] for f in check(plan, [])]
        assert D(2027, 5, 11) in days  # the 10th, declared a holiday, rolls to the 11th
        assert D(2027, 1, 11) in days  # a Sunday 10th rolls to Monday

    def test_uncovered_year_on_the_command_line(
        self, tmp_path: object, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """On the command line the uncovered year exits 2 with the message."""
        from pathlib import Path

        path = Path(str(tmp_path)) / "plan.toml"
        path.write_text(
            dumps_plan(make_plan(MEETING, span=Window.year(2027)), "toml"), encoding="utf-8"
        )
        assert 2 == main(["check", str(path)])
        assert "no statutory holiday data for 2027" in capsys.readouterr().err

    def test_holiday_and_workday_clash(self) -> None:
        """A day cannot be declared both a holiday and a working day."""
        with pytest.raises(
            PlanError,
            match=r"a day cannot be both a holiday and a working day \(got 2022-05-04\) @ \$\.workdays",
        ):
            make_plan(holidays=(D(2022, 5, 4),), workdays=(D(2022, 5, 4),))


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_calendar_fields_round_trip(self, fmt: str) -> None:
        """Observances, holidays, working days and rules with roll round-trip in every format."""
        fest = Observance(
            id="community-health-day", name_zh="社区健康节", rules=FixedDate(month=5, day=20)
        )
        plan = make_plan(
            MEETING,
            themes=SEPTEMBER,
            observances=(fest,),
            holidays=(D(2022, 5, 20),),
            workdays=(D(2022, 5, 21),),
            observance_tolerance=2,
        )
        assert plan == loads_plan(dumps_plan(plan, fmt), fmt)  # type: ignore[arg-type]

    def test_calendar_fields_follow_the_schema(self) -> None:
        """A plan with its own observances is valid under the published JSON Schema."""
        import json

        import jsonschema

        from commhealth.calendar import Announced, AnnouncedSpan, NthWeekday, RuleVersion
        from commhealth.loading.plans._schema import plan_schema

        observances = (
            Observance(
                id="fest",
                name_zh="社区健康节",
                rules=FixedDate(month=5, day=20),
                aliases=("健康节",),
            ),
            Observance(
                id="week",
                name_zh="学习周",
                rules=(
                    RuleVersion(rule=NthWeekday(month=10, weekday=6, n=-1, days=7), valid_to=2020),
                    RuleVersion(
                        rule=Announced(
                            dates=(AnnouncedSpan(first=D(2022, 11, 1), last=D(2022, 11, 7)),)
                        ),
                        valid_from=2021,
                    ),
                ),
            ),
        )
        plan = make_plan(MEETING, observances=observances, holidays=(D(2022, 5, 20),))
        jsonschema.validate(json.loads(dumps_plan(plan, "json")), plan_schema())
