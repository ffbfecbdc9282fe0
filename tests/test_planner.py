"""The planner: proposals that meet what the check finds short, and what cannot be met."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from commhealth import (
    ActivityStatus,
    Bound,
    Cadence,
    Constraints,
    Deadline,
    FieldError,
    LedgerError,
    MonthlyTheme,
    NamedWindow,
    Quota,
    Recurrence,
    Selector,
    Status,
    ThemeCalendar,
    Window,
    check,
    examples,
    load_activities,
    propose,
)
from commhealth.planner import Shortfall

from .helpers import act, make_plan, monthly

D = dt.date
SHORT = {Status.MISSED, Status.AT_RISK}
AS_OF = D(2022, 6, 30)


def short_after(plan, acts, proposal, as_of=None):  # type: ignore[no-untyped-def]
    """The (requirement, window) pairs still missed or at risk with the proposal added."""
    report = check(plan, tuple(acts) + proposal.activities, as_of=as_of)
    return [(f.requirement, f.window) for f in report if f.status in SHORT]


class TestLongyuan:
    def test_proposes_the_missing_inspection_and_poster(self) -> None:
        """As of 30 June, with the year's ledger, the July inspection and the poster at the
        third place are what is missing; with them only measured goals are left short."""
        ex = examples.load("longyuan")
        p = propose(ex.plan, ex.activities, ex.observations, as_of=AS_OF)
        assert [
            (D(2022, 7, 15), "inspection", None, ("sanitation-inspection",)),
            (D(2022, 9, 30), "poster", "龙苑新村门口东墙", ("posters",)),
        ] == [(a.date, a.kind, a.location, p.serves[a.id]) for a in p.activities]
        assert p.ok
        assert ("leadership-group", "volunteer-team", "elderly-records-coverage") == p.unschedulable
        report = check(ex.plan, ex.activities + p.activities, ex.observations, as_of=AS_OF)
        assert ["volunteer-team"] == [f.requirement for f in report if f.status in SHORT]

    def test_proposes_the_summer_youth_session_from_what_was_held(self) -> None:
        """From only what was held by 30 June, the proposal includes a youth session inside
        the summer holiday, which also counts toward the year's ten lectures."""
        ex = examples.load("longyuan")
        held = [a for a in ex.activities if a.date <= AS_OF]
        p = propose(ex.plan, held, ex.observations, as_of=AS_OF)
        summer = ex.plan.window("summer-holiday")
        youth = [a for a in p.activities if "youth" in a.audience]
        assert youth
        assert all(a.date in summer for a in youth)
        assert all(("health-education", "youth-holidays") == p.serves[a.id] for a in youth)
        inspections = [a.date.month for a in p.activities if a.kind == "inspection"]
        assert [7, 8, 9, 10, 11, 12] == inspections
        assert p.ok
        report = check(ex.plan, (*held, *p.activities), ex.observations, as_of=AS_OF)
        assert ["volunteer-team"] == [f.requirement for f in report if f.status in SHORT]


LECTURES = Quota(
    id="lectures",
    title="全年健教活动不少于3次",
    select=Selector(kind={"lecture"}),
    bound=Bound(min=3),
)


class TestSharing:
    def test_one_activity_counts_for_a_theme_and_a_quota(self) -> None:
        """A lecture on tuberculosis on 24 March counts for the March theme and the year's
        lectures: one activity, not two, on the observance's day, marking it."""
        themes = ThemeCalendar(
            select=Selector(kind={"lecture"}),
            months=(
                MonthlyTheme(month=3, topics=("结核病防治",), observances=("结核病防治宣传日",)),
            ),
        )
        quota = Quota(id="lectures", select=Selector(kind={"lecture"}), bound=Bound(min=1))
        plan = make_plan(quota, themes=themes)
        p = propose(plan, ())
        assert [(D(2022, 3, 24), "world-tuberculosis-day", ("lectures", "themes"))] == [
            (a.date, a.observance, p.serves[a.id]) for a in p.activities
        ]
        assert frozenset({"结核病防治"}) == p.activities[0].topics
        assert [] == short_after(plan, (), p)

    def test_an_observance_day_takes_the_topic_that_goes_with_it(self) -> None:
        """On 世界防治结核病日 the March activity carries 结核病防治, the month's topic that
        shares a word with the observance, not the month's first topic."""
        themes = ThemeCalendar(
            months=(
                MonthlyTheme(
                    month=3, topics=("生殖健康", "结核病防治"), observances=("结核病防治宣传日",)
                ),
            ),
        )
        p = propose(make_plan(themes=themes), ())
        assert [(D(2022, 3, 24), frozenset({"结核病防治"}))] == [
            (a.date, a.topics) for a in p.activities
        ]

    def test_spreads_a_quota_over_its_window(self) -> None:
        """Three lectures in a year fall in different thirds of it, on working days."""
        plan = make_plan(LECTURES)
        p = propose(plan, ())
        days = [a.date for a in p.activities]
        assert 3 == len(days)
        assert [1, 2, 3] == [(d.month - 1) // 4 + 1 for d in days]
        assert all(d.weekday() < 5 for d in days)

    def test_recurrence_occurrences_get_their_own_day(self) -> None:
        """A meeting on the 10th of each month is proposed on the 10th, or the nearest
        day within the tolerance, each occurrence with its own activity."""
        meeting = Recurrence(
            id="meeting",
            select=Selector(kind={"meeting"}),
            rule="FREQ=MONTHLY;BYMONTHDAY=10",
            tolerance=2,
        )
        plan = make_plan(meeting)
        held = [act(f"m{m}", D(2022, m, 10), kind="meeting") for m in range(1, 7)]
        p = propose(plan, held, as_of=AS_OF)
        assert 6 == len(p.activities)
        assert all(abs(a.date.day - 10) <= 2 for a in p.activities)
        assert [7, 8, 9, 10, 11, 12] == [a.date.month for a in p.activities]
        assert [] == short_after(plan, held, p, AS_OF)


class TestConstraints:
    def test_a_window_of_holidays_has_no_day(self) -> None:
        """With working days only, a plan over the National Day week has no day to offer:
        its quota is reported, not placed on a holiday."""
        quota = Quota(
            id="q", select=Selector(kind={"visit"}), bound=Bound(min=1), per=Cadence.MONTH
        )
        plan = make_plan(quota, span=Window(start=D(2022, 10, 1), end=D(2022, 10, 8)))
        p = propose(plan, (), constraints=Constraints(workdays_only=True))
        assert [] == list(p.activities)
        assert [Shortfall.NO_DAYS] == [i.reason for i in p.infeasible]

    def test_working_days_are_kept(self) -> None:
        """Every day proposed under working days only is a working day by the calendar."""
        quota = Quota(
            id="q", select=Selector(kind={"visit"}), bound=Bound(min=2), per=Cadence.MONTH
        )
        p = propose(make_plan(quota), (), constraints=Constraints(workdays_only=True))
        from commhealth.calendar import WorkCalendar

        calendar = WorkCalendar()
        assert 24 == len(p.activities)
        assert all(calendar.is_workday(a.date) for a in p.activities)

    def test_day_cap_counts_what_is_held(self) -> None:
        """With one activity a day, no proposal lands on a day already taken."""
        quota = Quota(id="q", select=Selector(kind={"visit"}), bound=Bound(min=3), per=Cadence.WEEK)
        plan = make_plan(quota, span=Window(start=D(2022, 3, 7), end=D(2022, 3, 14)))
        held = [act("h1", D(2022, 3, 8), kind="talk"), act("h2", D(2022, 3, 10), kind="talk")]
        p = propose(plan, held, constraints=Constraints(max_per_day=1))
        taken = {a.date for a in held}
        assert 3 == len(p.activities)
        assert not taken & {a.date for a in p.activities}

    def test_off_days_and_earliest(self) -> None:
        """Nothing before the earliest day, on an off day, or on an off weekday."""
        plan = make_plan(LECTURES, span=Window(start=D(2022, 3, 1), end=D(2022, 3, 15)))
        c = Constraints(earliest=D(2022, 3, 7), off_days={D(2022, 3, 8)}, off_weekdays={2, 5, 6})
        p = propose(plan, (), constraints=c)
        days = [a.date for a in p.activities]
        assert 3 == len(days)
        assert all(
            d >= D(2022, 3, 7) and d != D(2022, 3, 8) and d.weekday() not in (2, 5, 6) for d in days
        )

    def test_never_before_the_day_after_as_of(self) -> None:
        """An earliest day before ``as_of`` does not let a proposal reach back."""
        p = propose(
            make_plan(LECTURES), (), as_of=AS_OF, constraints=Constraints(earliest=D(2022, 1, 1))
        )
        assert all(a.date > AS_OF for a in p.activities)

    @pytest.mark.parametrize(
        ("kw", "message"),
        [
            (
                {"off_weekdays": {7}},
                "'off_weekdays' holds weekday numbers, 0 (Monday) to 6 (Sunday) (got 7)",
            ),
            ({"max_per_day": 0}, "'max_per_day' must be at least 1 when given (got 0)"),
        ],
        ids=["weekday-out-of-range", "zero-cap"],
    )
    def test_bad_constraints_are_refused(self, kw: dict[str, object], message: str) -> None:
        """Constraints that cannot hold raise a FieldError naming the field and the value."""
        with pytest.raises(FieldError) as e:
            Constraints(**kw)  # type: ignore[arg-type]
        assert message == str(e.value)


class TestInfeasible:
    def test_a_closed_window_is_reported(self) -> None:
        """A monthly inspection missed in May stays missed: reported, not guessed around."""
        quota = Quota(
            id="insp",
            title="每月检查",
            select=Selector(kind={"inspection"}),
            bound=Bound(min=1),
            per=Cadence.MONTH,
        )
        plan = make_plan(quota)
        held = monthly("inspection", skip=(5,))
        p = propose(plan, held, as_of=AS_OF)
        assert not p.ok
        assert [] == list(p.activities)
        (item,) = p.infeasible
        assert ("insp", Window.month(2022, 5), Shortfall.CLOSED, 1) == (
            item.requirement, item.window, item.reason, item.missing,
        )  # fmt: skip
        assert "每月检查（2022年5月）：时段已结束，缺1" == item.message("zh")
        assert "每月检查 (May 2022): the window is over, 1 short" == item.message("en")

    def test_a_named_window_too_small_for_the_cap(self) -> None:
        """Three sessions in a two-day holiday at one a day cannot be held; one is short."""
        quota = Quota(
            id="youth",
            title="假期活动不少于3次",
            select=Selector(kind={"session"}),
            bound=Bound(min=3),
            within=("break",),
        )
        plan = make_plan(
            quota, windows=(NamedWindow(id="break", start=D(2022, 7, 11), end=D(2022, 7, 13)),)
        )
        p = propose(plan, (), constraints=Constraints(max_per_day=1))
        assert 2 == len(p.activities)
        (item,) = p.infeasible
        assert (Shortfall.TOO_SMALL, 1) == (item.reason, item.missing)
        assert (
            "假期活动不少于3次（2022年）：时段内仅剩2个可用日期，按每日（每周）上限排不下，缺1"
            == item.message("zh")
        )

    def test_a_maximum_already_passed(self) -> None:
        """A quota already past its maximum is reported, and nothing more that counts for it
        is proposed."""
        most = Quota(id="most", select=Selector(kind={"lecture"}), bound=Bound(max=2))
        plan = make_plan(most, LECTURES)
        held = [act(f"l{i}", D(2022, 1, 3 + i), kind="lecture") for i in range(3)]
        p = propose(plan, held)
        assert [] == list(p.activities)
        assert [("most", Shortfall.EXCEEDED)] == [(i.requirement, i.reason) for i in p.infeasible]
        assert (
            "most (2022): held and planned activities come to 3, past the maximum of 2"
            == p.infeasible[0].message("en")
        )

    def test_a_maximum_is_never_pushed_past(self) -> None:
        """Three lectures are wanted but at most two may be held: two are proposed, and the
        third is reported."""
        most = Quota(id="most", select=Selector(kind={"lecture"}), bound=Bound(max=2))
        p = propose(make_plan(most, LECTURES), ())
        assert 2 == len(p.activities)
        assert [("lectures", Shortfall.CONFLICT, 1)] == [
            (i.requirement, i.reason, i.missing) for i in p.infeasible
        ]

    def test_a_deadline_past_is_closed(self) -> None:
        """A milestone due in March and not done by June is reported as closed."""
        plan = make_plan(Deadline(id="ms", select=Selector(kind={"milestone"}), due=D(2022, 3, 31)))
        p = propose(plan, (), as_of=AS_OF)
        assert [("ms", Shortfall.CLOSED)] == [(i.requirement, i.reason) for i in p.infeasible]

    def test_a_theme_observance_in_another_month(self) -> None:
        """老人节 falls in October in 2022, so a September theme naming it cannot be met."""
        themes = ThemeCalendar(
            months=(MonthlyTheme(month=9, observances=("老人节",), min_activities=0),)
        )
        p = propose(make_plan(themes=themes), ())
        assert [Shortfall.OBSERVANCE_MONTH] == [i.reason for i in p.infeasible]
        assert p.infeasible[0].message("en").endswith("does not fall in that month this year")


class TestOutputs:
    @pytest.fixture
    def proposal(self):  # type: ignore[no-untyped-def]
        ex = examples.load("longyuan")
        held = [a for a in ex.activities if a.date <= AS_OF]
        return propose(ex.plan, held, as_of=AS_OF)

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".toml", ".json"])
    def test_ledgers_read_back(self, proposal, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
        """The proposal written as a ledger reads back as the same activities."""
        path = tmp_path / f"proposal{suffix}"
        proposal.dump(path)
        assert proposal.activities == load_activities(path)

    def test_csv_has_chinese_headers(self, proposal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """The CSV ledger's header is the Chinese one a community office keeps."""
        path = tmp_path / "p.csv"
        proposal.dump(path)
        header = path.read_text(encoding="utf-8-sig").splitlines()[0]
        assert (
            "编号,日期,结束日期,活动名称,活动类型,主题,标签,对象,参加人数,参加人员,时长,组织者,地点,宣传日,状态"
            == header
        )
        assert all(a.status is ActivityStatus.PLANNED for a in load_activities(path))

    def test_icalendar_keeps_a_regular_proposal_as_a_rule(self, tmp_path: Path) -> None:
        """Meetings proposed on the 10th of each month become one event with a monthly
        RRULE; a lone activity stays a single all-day event."""
        import icalendar

        meeting = Recurrence(
            id="meeting", select=Selector(kind={"meeting"}), rule="FREQ=MONTHLY;BYMONTHDAY=10"
        )
        poster = Deadline(id="poster", select=Selector(kind={"poster"}), due=D(2022, 12, 31))
        p = propose(make_plan(meeting, poster), (), as_of=AS_OF)
        path = tmp_path / "p.ics"
        p.dump(path)
        events = list(icalendar.Calendar.from_ical(path.read_text(encoding="utf-8")).walk("VEVENT"))
        shapes = sorted(
            (str(e["DTSTART"].dt), e.get("RRULE", {}).get("FREQ", ["-"])[0],
             e.get("RRULE", {}).get("COUNT", [1])[0])
            for e in events
        )  # fmt: skip
        assert [("2022-07-10", "MONTHLY", 6), ("2022-09-30", "-", 1)] == shapes
        assert all("DTSTAMP" in e for e in events)

    def test_unknown_suffix_is_a_ledger_error(self, proposal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A file type the planner cannot write is refused with the choices."""
        with pytest.raises(LedgerError) as e:
            proposal.dump(tmp_path / "p.docx")
        assert e.value.problems[0].message == (
            "unknown ledger type '.docx'; expected one of .csv, .xlsx, .toml, .json"
        )

    def test_dict_records_and_html(self, proposal) -> None:  # type: ignore[no-untyped-def]
        """The JSON-ready data, the table rows and the notebook view agree."""
        data = proposal.to_dict("en")
        assert ["plan", "as_of", "ok", "activities", "infeasible", "unschedulable"] == list(data)
        assert len(proposal) == len(data["activities"]) == len(proposal.to_records())
        assert data["activities"][0]["serves"] == list(proposal.serves[proposal.activities[0].id])
        assert "<table>" in proposal._repr_html_()

    def test_text_lists_by_month(self, proposal) -> None:  # type: ignore[no-untyped-def]
        """The text gives each month's activities under its name, each with what it serves."""
        text = proposal.to_text("en")
        assert (
            text.splitlines()[1]
            == f"{len(proposal)} activities to add, meeting every target that scheduling can meet"
        )
        assert "\nJuly 2022\n" in text
        assert "→ 每月绿化卫生检查" in text


class TestPlanningPage:
    def test_every_example_runs(self) -> None:
        """Every code block of docs/planning.md runs and prints what the page says."""
        import doctest

        from .conftest import ROOT

        result = doctest.testfile(
            str(ROOT / "docs" / "planning.md"),
            module_relative=False,
            optionflags=doctest.ELLIPSIS,
            raise_on_error=False,
            report=True,
        )
        assert (0, True) == (result.failed, result.attempted > 5)


class TestExtra:
    def test_without_highspy_the_error_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without HiGHS installed, proposing raises an ImportError that says which extra
        brings it."""
        import sys

        monkeypatch.setitem(sys.modules, "highspy", None)
        with pytest.raises(ImportError) as e:
            propose(make_plan(LECTURES), ())
        assert 'proposing activities needs HiGHS: pip install "commhealth[planner]"' == str(e.value)
