"""What an activity's status counts as, and the contradictions reported about the ledger."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest

from commhealth import (
    ActivityStatus,
    Bound,
    Cadence,
    LedgerFinding,
    LedgerReason,
    Quota,
    Schedule,
    Selector,
    Severity,
    Status,
    check,
)
from commhealth._status_rules import RULES, Counts, counting, standing

from .helpers import D, act, make_plan

LECTURES = Quota(
    id="lectures",
    title="全年健康讲座",
    select=Selector(kind="lecture"),
    bound=Bound(min=3),
    per=Cadence.YEAR,
)
AS_OF = D(2022, 6, 30)
PLANNED, DONE, CANCELLED = ActivityStatus.PLANNED, ActivityStatus.DONE, ActivityStatus.CANCELLED
LEDGER = [
    act("a1", D(2022, 2, 10), kind="lecture"),
    act("a2", D(2022, 3, 10), kind="lecture", status=PLANNED),  # planned, day already past
    act("a3", D(2022, 9, 1), kind="lecture"),  # done, day still to come
    act("a4", D(2022, 10, 1), kind="lecture", status=PLANNED),
    act("a5", D(2022, 4, 1), kind="lecture", status=CANCELLED),
]


class TestTable:
    def test_the_engine_can_read_the_table_by_date(self) -> None:
        """A counted cell dated on or before as_of is held, and one after it planned: the
        engine tells them apart by date alone."""
        for rule in RULES.values():
            assert rule.past in (Counts.HELD, Counts.NOT_COUNTED)
            assert rule.future in (Counts.PLANNED, Counts.NOT_COUNTED)

    def test_masks(self) -> None:
        """The masks follow the table, row by row, in the schedule's order."""
        schedule = Schedule(LEDGER)
        assert [True, True, True, True, False] == counting(schedule, None).tolist()
        assert [True, False, True, True, False] == counting(schedule, AS_OF).tolist()
        assert [standing(a.status, a.date, AS_OF) is not Counts.NOT_COUNTED for a in LEDGER] == (
            counting(schedule, AS_OF).tolist()
        )

    def test_as_of_is_past(self) -> None:
        """A row planned on as_of itself is past: as of that day it counts for nothing."""
        schedule = Schedule([act("x", AS_OF, status=PLANNED), act("y", AS_OF)])
        assert [False, True] == counting(schedule, AS_OF).tolist()


class TestCheck:
    def test_plan_review_is_unchanged(self) -> None:
        """Without as_of, done and planned rows count, cancelled ones do not, and the
        ledger says nothing."""
        report = check(make_plan(LECTURES), LEDGER)
        (f,) = report.findings
        assert (Status.MET, 4, ("a1", "a2", "a3", "a4")) == (
            f.status,
            f.actual,
            tuple(f.activities),
        )
        assert () == report.ledger

    def test_planned_before_as_of_is_not_counted(self) -> None:
        """A row planned on a day already past is neither achieved nor planned; a row done
        on a day still to come counts as planned."""
        report = check(make_plan(LECTURES), LEDGER, as_of=AS_OF)
        (f,) = report.findings
        assert (Status.ON_TRACK, 1, 3) == (f.status, f.actual, f.planned)
        assert "a2" not in f.activities

    def test_contradictions_are_reported(self) -> None:
        """Each kind of contradiction is one warning listing its activities."""
        report = check(make_plan(LECTURES), LEDGER, as_of=AS_OF)
        assert (
            LedgerFinding(reason=LedgerReason.PLANNED_IN_PAST, activities=("a2",), as_of=AS_OF),
            LedgerFinding(reason=LedgerReason.DONE_IN_FUTURE, activities=("a3",), as_of=AS_OF),
        ) == report.ledger
        assert all(f.severity is Severity.WARNING for f in report.ledger)

    def test_grouped_in_date_order(self) -> None:
        """Many rows of one kind make one finding, their ids in date order."""
        rows = [act(f"p{m}", D(2022, m, 1), kind="lecture", status=PLANNED) for m in (5, 1, 3)]
        report = check(make_plan(LECTURES), rows, as_of=AS_OF)
        assert (("p1", "p3", "p5"),) == tuple(tuple(f.activities) for f in report.ledger)

    def test_contradictions_do_not_fail(self) -> None:
        """A report whose requirements are met stays ok whatever the ledger says."""
        rows = [*(act(f"d{m}", D(2022, m, 1), kind="lecture") for m in (1, 2, 3)), LEDGER[1]]
        report = check(make_plan(LECTURES), rows, as_of=AS_OF)
        assert report.ok
        assert 1 == len(report.ledger)

    def test_cancelled_rows_are_never_contradictions(self) -> None:
        """A cancelled row on any day says nothing about the ledger."""
        rows = [
            act("c1", D(2022, 1, 1), status=CANCELLED),
            act("c2", D(2022, 12, 1), status=CANCELLED),
        ]
        assert () == check(make_plan(LECTURES), rows, as_of=AS_OF).ledger


class TestWords:
    @pytest.fixture
    def report(self):  # type: ignore[no-untyped-def]
        return check(make_plan(LECTURES), LEDGER, as_of=AS_OF)

    def test_chinese(self, report) -> None:  # type: ignore[no-untyped-def]
        """The Chinese sentences say what the rows are marked, when, and what they count as."""
        assert [
            "台账：1项活动标为计划，日期却在2022年6月30日或之前（a2），既未计为已开展，也未计为计划",
            "台账：1项活动标为已完成，日期却在2022年6月30日之后（a3），未计为已开展，只计为计划",
        ] == [f.message("zh") for f in report.ledger]

    def test_english(self, report) -> None:  # type: ignore[no-untyped-def]
        """The English sentences say the same."""
        assert [
            "Ledger: 1 activity is marked planned but dated on or before 30 June 2022 (a2); "
            "counted neither as held nor as planned",
            "Ledger: 1 activity is marked done but dated after 30 June 2022 (a3); "
            "not counted as held, only as planned",
        ] == [f.message("en") for f in report.ledger]

    def test_long_lists_are_cut(self) -> None:
        """A sentence names the first five rows and says how many there are."""
        f = LedgerFinding(
            reason=LedgerReason.PLANNED_IN_PAST, activities=tuple("abcdefg"), as_of=AS_OF
        )
        assert "（a、b、c、d、e等7项）" in f.message("zh")
        assert "(a, b, c, d, e, … (7 in all))" in f.message("en")

    def test_text_report(self, report) -> None:  # type: ignore[no-untyped-def]
        """The text report prints each contradiction after the requirements."""
        lines = report.to_text("zh").splitlines()
        assert lines[-4:-2] == [f"! {f.message('zh')}" for f in report.ledger]


class TestJson:
    def test_ledger_list(self) -> None:
        """The JSON report lists the contradictions under ``ledger``."""
        data = check(make_plan(LECTURES), LEDGER, as_of=AS_OF).to_dict("en")
        assert [
            {
                "reason": "planned_in_past",
                "severity": "warning",
                "activities": ["a2"],
                "message": "Ledger: 1 activity is marked planned but dated on or before "
                "30 June 2022 (a2); counted neither as held nor as planned",
            },
            {
                "reason": "done_in_future",
                "severity": "warning",
                "activities": ["a3"],
                "message": "Ledger: 1 activity is marked done but dated after 30 June 2022 "
                "(a3); not counted as held, only as planned",
            },
        ] == data["ledger"]

    def test_no_key_without_contradictions(self) -> None:
        """A report with nothing to say about the ledger keeps the contract's four keys."""
        data = check(make_plan(LECTURES), LEDGER).to_dict()
        assert ["plan", "as_of", "ok", "findings"] == list(data)

    def test_schema(self) -> None:
        """The schema ``commhealth schema --report`` prints accepts the ledger list, and
        refuses an entry with a reason it does not know."""
        from commhealth.cli import main

        out = io.StringIO()
        main(["schema", "--report"], out=out, err=io.StringIO())
        schema = json.loads(out.getvalue())
        data = check(make_plan(LECTURES), LEDGER, as_of=AS_OF).to_dict(detail=True)
        jsonschema.validate(json.loads(json.dumps(data)), schema)
        data["ledger"][0]["reason"] = "late"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(json.loads(json.dumps(data)), schema)


class TestPropose:
    def test_a_row_planned_in_the_past_is_made_up(self) -> None:
        """As of a day, the planner makes up what a row planned on a day already past left
        undone, rather than taking it as held."""
        pytest.importorskip("highspy")
        from commhealth import propose

        rows = [LEDGER[0], LEDGER[1]]
        p = propose(make_plan(LECTURES), rows, as_of=AS_OF)
        assert 2 == len(p.activities)
        assert all(a.date > AS_OF for a in p.activities)
